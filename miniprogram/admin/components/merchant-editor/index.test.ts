import {
  all,
  flush,
  listen,
  one,
  press,
  renderComponent,
  tap,
  textOf,
} from '../../../test-support';
import { texts, typeInto } from '../../testing/ui';
import type { MerchantSaveDetail } from './index';

const PATH = '/admin/components/merchant-editor/index';

const CAFE = {
  id: 'm-cafe',
  lotId: 'L1',
  name: '一楼咖啡店',
  billing: 'monthly',
  offers: [{ id: 'free2h', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } }],
  limits: { perDay: 0, perPlatePerDay: 1, staticQrPerDay: 0 },
  active: true,
  balance: { toppedUp: 0, spent: 0, balance: 0 },
};

describe('admin-merchant-editor', () => {
  test('a new merchant: name, a second offer of another kind with its cap, saved checked', async () => {
    const editor = renderComponent(PATH, { lotId: 'L1' });
    await flush();
    expect(textOf(one(editor, '.admin-merchant-editor__title'))).toBe('新增商户');
    const saved = listen<MerchantSaveDetail>(editor, 'save');
    await press(editor, '.admin-merchant-editor__save');
    expect(texts(editor, '.admin-merchant-editor__error-line')).toEqual([
      '商户名称为 1 到 30 个字',
    ]);
    expect(saved).toEqual([]);

    await typeInto(one(editor, '.admin-merchant-editor__name'), '二楼餐厅');
    await press(editor, '.admin-merchant-editor__add-offer');
    await typeInto(all(editor, '.admin-merchant-editor__offer-label')[1] as never, '八折');
    await tap(all(editor, '.admin-merchant-editor__kind').filter((k) => textOf(k) === '打折')[1]!);
    await typeInto(all(editor, '.admin-merchant-editor__offer-value')[1] as never, '20');
    await press(editor, '.admin-merchant-editor__save');
    expect(texts(editor, '.admin-merchant-editor__error-line')).toEqual([
      '优惠第 2 项：打折或全免须填写封顶金额',
    ]);
    await typeInto(all(editor, '.admin-merchant-editor__offer-cap')[1] as never, '10');
    await tap(one(editor, '.admin-merchant-editor__billing', '月结'));
    await press(editor, '.admin-merchant-editor__save');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.merchant).toMatchObject({
      lotId: 'L1',
      name: '二楼餐厅',
      billing: 'monthly',
      offers: [
        { id: 'o1', discount: { kind: 'free_minutes', minutes: 120 } },
        { id: 'o2', label: '八折', discount: { kind: 'percent_off', percent: 20 }, cap: 1000 },
      ],
    });
    expect(saved[0]!.merchant.id).toMatch(/^m-/);
  });

  test('editing keeps the id and offers; a server refusal is shown; 取消 is reported', async () => {
    const editor = renderComponent(PATH, { lotId: 'L1', merchant: CAFE });
    await flush();
    expect(textOf(one(editor, '.admin-merchant-editor__title'))).toBe('编辑商户');
    const saved = listen<MerchantSaveDetail>(editor, 'save');
    const cancelled = listen(editor, 'cancel');
    await typeInto(one(editor, '.admin-merchant-editor__reason'), '改名');
    await typeInto(one(editor, '.admin-merchant-editor__name'), '咖啡馆');
    await press(editor, '.admin-merchant-editor__save');
    const { balance: _b, ...cafe } = CAFE;
    expect(saved).toEqual([{ merchant: { ...cafe, name: '咖啡馆' }, reason: '改名' }]);
    editor.setData({ error: '商户信息有误，请检查后重试' });
    await flush();
    expect(textOf(one(editor, '.admin-merchant-editor__error'))).toBe('商户信息有误，请检查后重试');
    await press(editor, '.admin-merchant-editor__cancel');
    expect(cancelled).toHaveLength(1);
  });
});
