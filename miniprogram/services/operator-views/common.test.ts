import { ApiCallError } from '../api-result';
import { errorText, isForbidden, outcomeText, reasonProblem } from './common';
import { statesOf } from './sessions';

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
    expect(statesOf('settled_by_platform')).toEqual(['settled_by_platform']);
  });
});
