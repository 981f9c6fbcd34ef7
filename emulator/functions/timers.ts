import { Cron } from 'croner';

export interface TimerSchedule {
  functionName: string;
  triggerName: string;
  /** CloudBase cron (second minute hour day month weekday year), evaluated in China time. */
  cron?: string;
  /** Fixed period instead of the cron: the speed-up for tests and demos. */
  everyMs?: number;
}

const CRON_OPTIONS = { timezone: 'Asia/Shanghai', mode: '6-or-7-parts', unref: true } as const;

/** Throws a readable error for a cron CloudBase would refuse. */
export function validateCron(cron: string): void {
  try {
    new Cron(cron, { ...CRON_OPTIONS, paused: true }).stop();
  } catch (err) {
    throw new Error(`invalid timer cron "${cron}": ${(err as Error).message}`);
  }
}

/** Calls `fire` on each trigger's schedule until stopped. */
export class TimerScheduler {
  private readonly stops: Array<() => void> = [];

  constructor(private readonly fire: (schedule: TimerSchedule) => void) {}

  start(schedules: TimerSchedule[]): void {
    for (const schedule of schedules) {
      if (schedule.everyMs !== undefined) {
        const handle = setInterval(() => this.fire(schedule), schedule.everyMs);
        handle.unref();
        this.stops.push(() => clearInterval(handle));
      } else if (schedule.cron) {
        const job = new Cron(schedule.cron, CRON_OPTIONS, () => this.fire(schedule));
        this.stops.push(() => job.stop());
      }
    }
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }
}
