import { all, one, press, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, ok, refused } from '../testing/fake-api';
import { giveReason, settle, texts } from '../testing/ui';

jest.mock('../../services/transport', () => {
  const scope = globalThis as { sharedTransport?: unknown };
  return (scope.sharedTransport ??= jest.requireActual('../../services/transport'));
});

const PATH = '/admin/arrears/index';
// 2026-11-30 08:53 to 09:53 China time.
const FROM = 1_796_000_000;
const item = (id: string, plate: string, state = 'open', extra: object = {}) => ({
  id,
  sessionId: id,
  lotId: 'R1',
  spotId: 'A-001',
  plate,
  from: FROM,
  to: FROM + 3600,
  fee: 1750,
  charged: 500,
  due: 1250,
  state,
  createdAt: FROM + 3600,
  ageDays: 3,
  ...extra,
});

describe('operator arrears', () => {
  test('open arrears oldest first with age; waived with a reason; searched by plate', async () => {
    let waived = false;
    const api = fakeApi({
      'op.arrears.list': (d: { state: string; plate?: string }) => {
        if (d.state === 'waived') {
          const w = item('S1', '粤B12345', 'waived', { waivedAt: FROM + 7200, reason: '设备故障' });
          return ok({ lotId: 'R1', items: waived ? [w] : [], total: waived ? 1250 : 0 });
        }
        const open = [item('S1', '粤B12345'), item('S2', '粤B99999')].filter(
          (a) => !(waived && a.id === 'S1') && (!d.plate || a.plate.includes(d.plate)),
        );
        return ok({ lotId: 'R1', items: open, total: open.length * 1250 });
      },
      'op.arrears.waive': (d: { sessionId: string }) => {
        waived = true;
        return ok({ outcome: 'applied', arrears: item(d.sessionId, '粤B12345', 'waived') });
      },
    });
    const page = renderPage(PATH, { lotId: 'R1' });
    await settle();
    expect(api.sent('op.arrears.list')).toEqual([{ lotId: 'R1', state: 'open' }]);
    expect(texts(page, '.admin-arrears__plate')).toEqual(['粤B12345', '粤B99999']);
    expect(textOf(one(page, '.admin-arrears__total'))).toBe('共 2 笔，合计 ¥25.00');
    expect(texts(page, '.admin-arrears__when')[0]).toBe(
      'A-001 · 2026-11-30 08:53 至 2026-11-30 09:53',
    );
    expect(texts(page, '.admin-arrears__money')[0]).toBe('停车费 ¥17.50，已收 ¥5.00 · 3 天前');

    await tap(all(page, '.admin-arrears__waive')[0]!);
    await settle();
    await giveReason(page, '设备故障');
    expect(api.sent('op.arrears.waive')).toEqual([{ sessionId: 'S1', reason: '设备故障' }]);
    expect(textOf(one(page, '.admin-arrears__notice'))).toBe('粤B12345 已减免');
    expect(texts(page, '.admin-arrears__plate')).toEqual(['粤B99999']);

    await tap(one(page, '.admin-arrears__tab', '已减免'));
    await settle();
    expect(texts(page, '.admin-arrears__outcome')).toEqual(['已减免 2026-11-30 10:53：设备故障']);
    expect(all(page, '.admin-arrears__waive')).toHaveLength(0);

    await tap(one(page, '.admin-arrears__tab', '待缴'));
    await settle();
    one(page, '.admin-arrears__search').dispatchEvent('confirm', { detail: { value: ' 999 ' } });
    await settle();
    expect(api.sent('op.arrears.list').pop()).toEqual({ lotId: 'R1', state: 'open', plate: '999' });
    expect(texts(page, '.admin-arrears__plate')).toEqual(['粤B99999']);
  });

  test('a refusal is shown and the list stays', async () => {
    fakeApi({
      'op.arrears.list': ok({ lotId: 'R1', items: [item('S3', '粤B00001', 'open')], total: 1250 }),
      'op.arrears.waive': refused('ARREARS_PAID', '该欠费已缴清'),
    });
    const page = renderPage(PATH, { lotId: 'R1' });
    await settle();
    await press(page, '.admin-arrears__waive');
    await settle();
    await giveReason(page, '重复');
    expect(textOf(one(page, '.admin-arrears__action-error'))).toBe('该欠费已缴清');
    expect(texts(page, '.admin-arrears__plate')).toEqual(['粤B00001']);
  });
});
