import { all, flush, listen, one, press, renderComponent, textOf } from '../../../test-support';
import { tariffForm } from '../../../services/operator-forms';
import { tariffRows } from '../../../services/operator-view';
import { TARIFF, TARIFF_VIEW } from '../../testing/fixtures';
import { texts, typeInto } from '../../testing/ui';
import type { TariffSaveDetail } from './index';

const PATH = '/admin/components/tariff-editor/index';

function editor(properties: Record<string, unknown> = {}) {
  return renderComponent(PATH, {
    rows: tariffRows(TARIFF_VIEW),
    tariff: TARIFF,
    editable: true,
    ...properties,
  });
}

describe('admin-tariff-editor', () => {
  test('shows the tariff as lines; 编辑 only for one who may edit', () => {
    const shown = editor({ editable: false });
    expect(textOf(one(shown, '.admin-tariff-editor__title'))).toBe('收费标准');
    expect(texts(shown, '.admin-tariff-editor__row-label')).toContain('白天 08:00–20:00');
    expect(texts(shown, '.admin-tariff-editor__row-value')).toContain('¥5.00 / 60 分钟');
    expect(all(shown, '.admin-tariff-editor__edit')).toHaveLength(0);
    expect(all(editor(), '.admin-tariff-editor__edit')).toHaveLength(1);
  });

  test('编辑 asks the page to open the form, which starts from the tariff in yuan', async () => {
    const tariff = editor();
    const edits = listen(tariff, 'edit');
    await press(tariff, '.admin-tariff-editor__edit');
    expect(edits).toHaveLength(1);
    tariff.setData({ editing: true });
    await flush();
    expect(all(tariff, '.admin-tariff-editor__row')).toHaveLength(0);
    expect(all(tariff, '.admin-tariff-editor__edit')).toHaveLength(0);
    expect(all(tariff, '.admin-tariff-editor__price')).toHaveLength(2);
    expect(all(tariff, '.admin-tariff-editor__start')).toHaveLength(2);
    // The form's fields in yuan, as operator-forms makes them (tested there).
    expect((tariff.instance.data as { form: unknown }).form).toEqual(tariffForm(TARIFF));
    expect(textOf(one(tariff, '.admin-tariff-editor__form'))).toContain('夜间开始时间（HH:MM）');
  });

  test('saves only a valid form, as fen; every wrong field is named at once', async () => {
    const tariff = editor({ editing: true });
    await flush();
    const saved = listen<TariffSaveDetail>(tariff, 'save');
    await typeInto(one(tariff, '.admin-tariff-editor__unit'), '0');
    await typeInto(all(tariff, '.admin-tariff-editor__price')[1] as never, '2元');
    await press(tariff, '.admin-tariff-editor__save');
    expect(texts(tariff, '.admin-tariff-editor__error-line')).toEqual([
      '计费单位为 1 到 1440 分钟的整数',
      '夜间单价：金额格式不对，请输入数字，如 12.50',
    ]);
    expect(saved).toEqual([]);

    await typeInto(one(tariff, '.admin-tariff-editor__unit'), '30');
    await typeInto(all(tariff, '.admin-tariff-editor__price')[1] as never, '2.5');
    await typeInto(one(tariff, '.admin-tariff-editor__cap'), '');
    await press(tariff, '.admin-tariff-editor__save');
    expect(all(tariff, '.admin-tariff-editor__error-line')).toHaveLength(0);
    expect(saved).toEqual([
      {
        tariff: {
          ...TARIFF,
          unitMinutes: 30,
          capPer24h: null,
          periods: [
            { name: '白天', start: '08:00', pricePerUnit: 500 },
            { name: '夜间', start: '20:00', pricePerUnit: 250 },
          ],
        },
      },
    ]);
  });

  test('shows the server refusal it is given; busy, 保存 does nothing; 取消 is reported', async () => {
    const tariff = editor({ editing: true });
    await flush();
    tariff.setData({ error: '您的角色没有权限执行此操作' });
    await flush();
    expect(textOf(one(tariff, '.admin-tariff-editor__error'))).toBe('您的角色没有权限执行此操作');

    const saved = listen(tariff, 'save');
    tariff.setData({ busy: true });
    await press(tariff, '.admin-tariff-editor__save');
    expect(saved).toEqual([]);

    const cancelled = listen(tariff, 'cancel');
    await press(tariff, '.admin-tariff-editor__cancel');
    expect(cancelled).toHaveLength(1);
    expect(all(tariff, '.admin-tariff-editor__error')).toHaveLength(0);
  });

  test('a one-period tariff asks for no start time', async () => {
    const tariff = editor({
      tariff: { ...TARIFF, periods: [{ name: '全天', start: '00:00', pricePerUnit: 300 }] },
      editing: true,
    });
    await flush();
    expect(all(tariff, '.admin-tariff-editor__price')).toHaveLength(1);
    expect(all(tariff, '.admin-tariff-editor__start')).toHaveLength(0);
  });
});
