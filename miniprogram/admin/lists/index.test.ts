import { all, one, press, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { giveReason, settle, texts, typeInto } from '../testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/lists/index';
const entry = (plate: string, reason: string, kind = 'white') => ({
  id: `L1:${kind}:${plate}`,
  lotId: 'L1',
  kind,
  plate,
  reason,
  createdAt: 1,
});

describe('operator white and black lists', () => {
  test('lists, switches to the blacklist, adds with its reason and removes with one', async () => {
    const api = fakeApi({
      'op.lists.list': (d: { kind: string }) =>
        ok(
          d.kind === 'white'
            ? { entries: [entry('粤B12345', '员工')], total: 1 }
            : { entries: [entry('粤B66666', '多次逃费', 'black')], total: 1 },
        ),
      'op.lists.add': ok({ entry: entry('粤B77777', '欠费', 'black') }),
      'op.lists.remove': ok({ removed: '粤B66666' }),
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    expect(texts(page, '.admin-lists__plate')).toEqual(['粤B12345']);
    await tap(one(page, '.admin-lists__kind', '黑名单（禁止入场）'));
    await settle();
    expect(texts(page, '.admin-lists__reason')).toEqual(['多次逃费']);

    await typeInto(one(page, '.admin-lists__plate-input'), '粤B77777');
    await typeInto(one(page, '.admin-lists__entry-reason'), '欠费');
    await press(page, '.admin-lists__add');
    await settle();
    expect(api.sent('op.lists.add')).toEqual([
      { lotId: 'L1', kind: 'black', plate: '粤B77777', reason: '欠费' },
    ]);
    expect(textOf(one(page, '.admin-lists__notice'))).toBe('已加入黑名单');

    await press(page, '.admin-lists__remove');
    await settle();
    await giveReason(page, '已补缴');
    expect(api.sent('op.lists.remove')).toEqual([
      { lotId: 'L1', kind: 'black', plate: '粤B66666', reason: '已补缴' },
    ]);
  });

  test('a CSV with bad lines shows each line and imports nothing', async () => {
    const api = fakeApi({
      'op.lists.list': ok({ entries: [], total: 0 }),
      'op.lists.import': {
        ok: false,
        error: {
          code: 'IMPORT_INVALID',
          message: '第 2 行：车牌无效（共 2 处错误，未导入任何车牌）',
          details: [
            { line: 2, text: '粤B7', message: '车牌无效：车牌号位数不对' },
            { line: 3, text: '粤B70001', message: '车牌与第 1 行重复' },
          ],
        },
      },
    });
    const page = renderPage(PATH, { lotId: 'L1' });
    await settle();
    await typeInto(one(page, '.admin-lists__csv'), '粤B70001\n粤B7\n粤B70001');
    await press(page, '.admin-lists__import');
    await settle();
    await giveReason(page, '员工车辆');
    expect(api.sent('op.lists.import')).toEqual([
      { lotId: 'L1', kind: 'white', csv: '粤B70001\n粤B7\n粤B70001', reason: '员工车辆' },
    ]);
    expect(texts(page, '.admin-lists__import-error')).toEqual([
      '第 2 行：车牌无效：车牌号位数不对',
      '第 3 行：车牌与第 1 行重复',
    ]);
    expect(all(page, '.admin-lists__notice')).toHaveLength(0);
  });

  test('a refusal is shown', async () => {
    fakeApi({ 'op.lists.list': refused('FORBIDDEN', '没有权限执行此操作') });
    const page = renderPage(PATH, { lotId: 'L2' });
    await settle();
    expect(textOf(one(page, '.admin-lists__error'))).toBe('没有权限执行此操作');
  });
});
