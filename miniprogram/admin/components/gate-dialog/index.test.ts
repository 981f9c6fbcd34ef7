import { all, flush, listen, one, press, renderComponent, textOf } from '../../../test-support';
import { giveReason } from '../../testing/ui';
import type { GateOpenDetail } from './index';

const PATH = '/admin/components/gate-dialog/index';

describe('admin-gate-dialog', () => {
  test('hidden while no gate is named', () => {
    const dialog = renderComponent(PATH, { gateId: '', gateName: '南出口' });
    expect(all(dialog, '.admin-reason-dialog__panel')).toHaveLength(0);
    expect(all(one(dialog, '.reason-dialog'), '.admin-reason-dialog__panel')).toHaveLength(0);
  });

  test('names the gate, says 开闸, and confirms with the gate and the reason', async () => {
    const dialog = renderComponent(PATH, { gateId: 'G-OUT', gateName: '南出口' });
    await flush();
    const reasonDialog = one(dialog, '.reason-dialog');
    expect(textOf(one(one(reasonDialog, '.admin-reason-dialog'), '.t-dialog__header'))).toBe(
      '开启「南出口」',
    );
    expect(textOf(one(reasonDialog, '.admin-reason-dialog__confirm'))).toBe('开闸');
    const confirmed = listen<GateOpenDetail>(dialog, 'confirm');
    await giveReason(dialog, ' 道闸故障，人工放行 ');
    expect(confirmed).toEqual([{ gateId: 'G-OUT', reason: '道闸故障，人工放行' }]);
  });

  test('cancel is reported', async () => {
    const dialog = renderComponent(PATH, { gateId: 'G-IN', gateName: '南入口' });
    await flush();
    const cancelled = listen(dialog, 'cancel');
    await press(one(dialog, '.reason-dialog'), '.admin-reason-dialog__cancel');
    expect(cancelled).toHaveLength(1);
  });
});
