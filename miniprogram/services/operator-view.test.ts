import { ApiCallError } from './api-result';
import {
  chinaDate,
  errorText,
  isChinaDate,
  isForbidden,
  outcomeText,
  reasonProblem,
  revenueBars,
  shiftDate,
  statesOf,
  timeText,
} from './operator-view';

const day = (date: string, net: number) => ({
  date,
  lotId: 'L1',
  charged: net,
  returned: 0,
  handlingFee: 0,
  net,
});

describe('reasons', () => {
  test.each([
    ['', '请填写原因'],
    ['   ', '请填写原因'],
    ['x'.repeat(201), '原因最多 200 字'],
    ['x'.repeat(200), undefined],
    [' 车主已缴费 ', undefined],
  ])('%j → %s', (reason, problem) => {
    expect(reasonProblem(reason)).toBe(problem);
  });
});

describe('China dates', () => {
  test('a unix time is read on the China clock', () => {
    // 2026-11-25 16:30 UTC is 2026-11-26 00:30 in China.
    const unix = Date.UTC(2026, 10, 25, 16, 30) / 1000;
    expect(chinaDate(unix)).toBe('2026-11-26');
    expect(timeText(unix)).toBe('2026-11-26 00:30');
    expect(timeText(undefined)).toBe('—');
  });

  test('dates that exist, and shifting across months and leap days', () => {
    expect(isChinaDate('2028-02-29')).toBe(true);
    expect(isChinaDate('2026-02-29')).toBe(false);
    expect(isChinaDate('2026-1-5')).toBe(false);
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-11-25', -6)).toBe('2026-11-19');
    expect(shiftDate('not a date', 1)).toBe('not a date');
  });
});

describe('revenue bars', () => {
  test('days in order, lots summed, scaled to the best day; a small day still shows', () => {
    const bars = revenueBars([
      day('2026-11-02', 1),
      day('2026-11-01', 50_000),
      day('2026-11-01', 50_000),
    ]);
    expect(bars.map((b) => [b.label, b.netText, b.percent])).toEqual([
      ['11-01', '¥1000.00', 100],
      ['11-02', '¥0.01', 1],
    ]);
  });

  test('a day with nothing or less than nothing has no height', () => {
    expect(
      revenueBars([day('2026-11-01', 0), day('2026-11-02', -200)]).map((b) => b.percent),
    ).toEqual([0, 0]);
    expect(revenueBars([])).toEqual([]);
  });
});

describe('refusals and outcomes', () => {
  test("the server's message is shown; anything else gets a plain one", () => {
    const forbidden = new ApiCallError('FORBIDDEN', '没有权限执行此操作');
    expect(errorText(forbidden)).toBe('没有权限执行此操作');
    expect(isForbidden(forbidden)).toBe(true);
    expect(isForbidden(new ApiCallError('BUSY', '忙'))).toBe(false);
    expect(errorText(new TypeError('x is undefined'))).toBe('出错了，请稍后重试');
  });

  test('outcomes and state groups', () => {
    expect(outcomeText('applied')).toBe('已完成');
    expect(outcomeText('already')).toBe('此前已完成，无需重复操作');
    expect(outcomeText('pending')).toBe('已提交，等待平台确认');
    expect(statesOf('all')).toBeUndefined();
    expect(statesOf('unpaid')).toEqual(['open', 'awaiting_payment']);
  });
});
