import {
  merchantForm,
  merchantFromForm,
  newMerchantForm,
  newMerchantId,
  newOfferRow,
} from './merchant-form';
import type { LotMerchant } from './merchant-types';

const MERCHANT: Omit<LotMerchant, 'balance'> = {
  id: 'm-cafe',
  lotId: 'L1',
  name: '一楼咖啡店',
  billing: 'balance',
  offers: [
    { id: 'free2h', label: '免费 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
    { id: 'o1', label: '减 5 元', discount: { kind: 'amount_off', amount: 500 } },
    { id: 'half', label: '半价', discount: { kind: 'percent_off', percent: 50 }, cap: 2000 },
    { id: 'all', label: '全免', discount: { kind: 'whole_stay' }, cap: 5000 },
  ],
  limits: { perDay: 100, perPlatePerDay: 1, staticQrPerDay: 30 },
  active: true,
};

describe('merchant form', () => {
  test('shows a merchant in yuan and minutes, and gives it back unchanged', () => {
    const form = merchantForm(MERCHANT);
    expect(form.offers.map((o) => [o.kind, o.value, o.capYuan])).toEqual([
      ['free_minutes', '120', ''],
      ['amount_off', '5.00', ''],
      ['percent_off', '50', '20.00'],
      ['whole_stay', '', '50.00'],
    ]);
    expect(merchantFromForm(form, 'L1', 'unused')).toEqual({ ok: true, value: MERCHANT });
  });

  test('a new merchant gets the id given and offer ids that do not clash', () => {
    const form = newMerchantForm();
    form.name = ' 二楼餐厅 ';
    form.offers = [
      { ...newOfferRow(), id: 'o1', label: '免 2 小时' },
      { ...newOfferRow(), label: '减 10 元', kind: 'amount_off', value: '10' },
    ];
    const made = merchantFromForm(form, 'L1', 'm-new');
    expect(made).toEqual({
      ok: true,
      value: {
        id: 'm-new',
        lotId: 'L1',
        name: '二楼餐厅',
        billing: 'balance',
        offers: [
          { id: 'o1', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
          { id: 'o2', label: '减 10 元', discount: { kind: 'amount_off', amount: 1000 } },
        ],
        limits: { perDay: 0, perPlatePerDay: 1, staticQrPerDay: 0 },
        active: true,
      },
    });
    expect(newMerchantId(0, 0)).toBe('m-0-0000');
    expect(newMerchantId(Date.UTC(2026, 11, 6), 0.999999)).toMatch(/^m-[a-z0-9]+-[a-z0-9]{4}$/);
  });

  test('names every wrong field at once', () => {
    const form = newMerchantForm();
    form.offers = [
      { ...newOfferRow(), label: '', value: '0' },
      { ...newOfferRow(), label: '折扣', kind: 'percent_off', value: '120' },
      { ...newOfferRow(), label: '全免', kind: 'whole_stay' },
      { ...newOfferRow(), label: '减钱', kind: 'amount_off', value: '0', capYuan: '0' },
    ];
    form.perPlatePerDay = '101';
    form.staticQrPerDay = '-1';
    const made = merchantFromForm(form, 'L1', 'm-new');
    expect(made).toMatchObject({ ok: false });
    expect(Object.values((made as { errors: Record<string, string> }).errors)).toEqual([
      '商户名称为 1 到 30 个字',
      '优惠第 1 项：名称为 1 到 20 个字',
      '优惠第 1 项：免费时长为 1 到 1440 分钟',
      '优惠第 2 项：打折或全免须填写封顶金额',
      '优惠第 2 项：减免比例为 1 到 100',
      '优惠第 3 项：打折或全免须填写封顶金额',
      '优惠第 4 项：封顶金额须大于 0',
      '优惠第 4 项：减免金额须大于 0',
      '每车每日上限为 0 到 100（0 为不限）',
      '台卡码每日次数为 0 到 100000（0 为不使用台卡码）',
    ]);
    expect(merchantFromForm({ ...newMerchantForm(), name: 'x', offers: [] }, 'L1', 'm')).toEqual(
      expect.objectContaining({ errors: { offers: '至少设置一项优惠' } }),
    );
  });
});
