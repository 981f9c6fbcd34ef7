import { all, flush, listen, one, press, renderComponent, textOf } from '../../../test-support';
import { typeInto } from '../../testing/ui';
import type { ReasonConfirmDetail } from './index';

const PATH = '/admin/components/reason-dialog/index';

describe('admin-reason-dialog', () => {
  test('hidden until shown', () => {
    const dialog = renderComponent(PATH, { show: false, title: '结束停车' });
    expect(all(dialog, '.admin-reason-dialog__panel')).toHaveLength(0);
    expect(all(dialog, '.admin-reason-dialog')).toHaveLength(0);
  });

  test('refuses an empty reason and one over 200 characters, then confirms a trimmed one', async () => {
    const dialog = renderComponent(PATH, { show: true, title: '结束停车', confirmText: '结束' });
    const confirmed = listen<ReasonConfirmDetail>(dialog, 'confirm');
    // TDesign's dialog: its title in the header, our buttons in its footer.
    expect(textOf(one(one(dialog, '.admin-reason-dialog'), '.t-dialog__header'))).toBe('结束停车');
    expect(textOf(one(dialog, '.admin-reason-dialog__cancel'))).toBe('取消');
    expect(textOf(one(dialog, '.admin-reason-dialog__confirm'))).toBe('结束');

    await press(dialog, '.admin-reason-dialog__confirm');
    expect(textOf(one(dialog, '.admin-reason-dialog__problem'))).toBe('请填写原因');

    await typeInto(one(dialog, '.admin-reason-dialog__input'), '长'.repeat(201));
    expect(textOf(one(dialog, '.admin-reason-dialog__count'))).toBe('201/200');
    await press(dialog, '.admin-reason-dialog__confirm');
    expect(textOf(one(dialog, '.admin-reason-dialog__problem'))).toBe('原因最多 200 字');
    expect(confirmed).toEqual([]);

    await typeInto(one(dialog, '.admin-reason-dialog__input'), '  车主已线下缴费 ');
    await press(dialog, '.admin-reason-dialog__confirm');
    expect(confirmed).toEqual([{ reason: '车主已线下缴费' }]);
  });

  test('cancel is reported; showing again clears the last reason', async () => {
    const dialog = renderComponent(PATH, { show: true });
    const cancelled = listen(dialog, 'cancel');
    await typeInto(one(dialog, '.admin-reason-dialog__input'), '旧原因');
    await press(dialog, '.admin-reason-dialog__cancel');
    expect(cancelled).toHaveLength(1);
    dialog.setData({ show: false });
    dialog.setData({ show: true });
    await flush();
    expect(textOf(one(dialog, '.admin-reason-dialog__count'))).toBe('0/200');
  });
});
