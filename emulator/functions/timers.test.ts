import { Cron } from 'croner';
import { TimerScheduler, validateCron, type TimerSchedule } from './timers';
import { waitFor } from '../test/helpers';

describe('timer triggers', () => {
  it('accepts CloudBase 7-field crons and refuses nonsense', () => {
    expect(() => validateCron('0 */1 * * * * *')).not.toThrow();
    expect(() => validateCron('0 0 2 * * * *')).not.toThrow();
    expect(() => validateCron('every minute')).toThrow(/invalid timer cron/);
  });

  it('reads "0 */1 * * * * *" as every minute at second 0, China time', () => {
    const cron = new Cron('0 */1 * * * * *', {
      timezone: 'Asia/Shanghai',
      mode: '6-or-7-parts',
      paused: true,
    });
    const [first, second] = cron.nextRuns(2, new Date('2024-05-01T00:00:30Z'));
    expect(first?.toISOString()).toBe('2024-05-01T00:01:00.000Z');
    expect(second?.toISOString()).toBe('2024-05-01T00:02:00.000Z');
    const daily = new Cron('0 0 2 * * * *', {
      timezone: 'Asia/Shanghai',
      mode: '6-or-7-parts',
      paused: true,
    });
    // 02:00 in China is 18:00 UTC the day before.
    expect(daily.nextRun(new Date('2024-05-01T00:00:00Z'))?.toISOString()).toBe(
      '2024-05-01T18:00:00.000Z',
    );
  });

  it('fires sped-up schedules until stopped', async () => {
    const fired: string[] = [];
    const scheduler = new TimerScheduler((s: TimerSchedule) => fired.push(s.triggerName));
    scheduler.start([{ functionName: 'f', triggerName: 'fast', everyMs: 5 }]);
    await waitFor(() => fired.length >= 2);
    scheduler.stop();
    const count = fired.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired.length).toBe(count);
  });
});
