import { formatDuration } from './duration-text';

describe('formatDuration', () => {
  it.each([
    [0, '0 秒'],
    [59, '59 秒'],
    [60, '1 分钟'],
    [3600, '1 小时'],
    [3661, '1 小时 1 分钟'],
    [86_400 + 120, '1 天 2 分钟'],
    [2 * 86_400 + 3 * 3600 + 5 * 60 + 59, '2 天 3 小时 5 分钟'],
  ])('%i s reads %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
