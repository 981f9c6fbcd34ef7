// The operator's merchant form (pure): what the inputs start with, and the merchant they make, or
// every wrong field at once in Chinese. The server checks again (core/parking/merchant.ts).
import { fenToYuan, parseYuan } from '../core/money';
import type { LotMerchant, MerchantOffer } from './merchant-types';

type Merchant = Omit<LotMerchant, 'balance'>;
export type DiscountKind = MerchantOffer['discount']['kind'];

export interface OfferRow {
  /** Kept for an existing offer (grants name it); a new row gets one when saved. */
  id: string;
  label: string;
  kind: DiscountKind;
  /** Minutes, yuan or percent, by kind; unused for the whole stay. */
  value: string;
  /** At most this much off one stay (yuan); empty: no cap (needed for % and whole stay). */
  capYuan: string;
}

export interface MerchantForm {
  id: string;
  name: string;
  billing: Merchant['billing'];
  offers: OfferRow[];
  perDay: string;
  perPlatePerDay: string;
  staticQrPerDay: string;
  active: boolean;
}

export type MerchantFormResult =
  { ok: true; value: Merchant } | { ok: false; message: string; errors: Record<string, string> };

export const DISCOUNT_CHOICES: ReadonlyArray<{ kind: DiscountKind; text: string; unit: string }> = [
  { kind: 'free_minutes', text: '免时长', unit: '分钟' },
  { kind: 'amount_off', text: '减金额', unit: '元' },
  { kind: 'percent_off', text: '打折', unit: '% 减免' },
  { kind: 'whole_stay', text: '全免', unit: '' },
];

export const BILLING_CHOICES = [
  { value: 'balance', text: '预充值', hint: '商户先向停车场充值，余额大于 0 时才能发放优惠' },
  { value: 'monthly', text: '月结', hint: '按商户对账单每月结算' },
] as const;

function valueText(offer: MerchantOffer): string {
  const d = offer.discount;
  if (d.kind === 'free_minutes') return String(d.minutes);
  if (d.kind === 'amount_off') return fenToYuan(d.amount);
  if (d.kind === 'percent_off') return String(d.percent);
  return '';
}

export const newOfferRow = (): OfferRow => ({
  id: '',
  label: '',
  kind: 'free_minutes',
  value: '120',
  capYuan: '',
});

export function merchantForm(m: Merchant): MerchantForm {
  return {
    id: m.id,
    name: m.name,
    billing: m.billing,
    offers: m.offers.map((o) => ({
      id: o.id,
      label: o.label,
      kind: o.discount.kind,
      value: valueText(o),
      capYuan: o.cap === undefined ? '' : fenToYuan(o.cap),
    })),
    perDay: String(m.limits.perDay),
    perPlatePerDay: String(m.limits.perPlatePerDay),
    staticQrPerDay: String(m.limits.staticQrPerDay),
    active: m.active,
  };
}

export function newMerchantForm(): MerchantForm {
  return {
    id: '',
    name: '',
    billing: 'balance',
    offers: [{ ...newOfferRow(), label: '免费停车 2 小时' }],
    perDay: '0',
    perPlatePerDay: '1',
    staticQrPerDay: '0',
    active: true,
  };
}

function whole(text: string, min: number, max: number): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** An id for a new merchant: short, letters and digits, unique enough for one lot's owner. */
export function newMerchantId(now = Date.now(), random = Math.random()): string {
  const tail = Math.floor(random * 36 ** 4)
    .toString(36)
    .padStart(4, '0');
  return `m-${now.toString(36)}-${tail}`;
}

function offerOf(
  row: OfferRow,
  i: number,
  errors: Record<string, string>,
): MerchantOffer | undefined {
  const at = `优惠第 ${i + 1} 项`;
  const label = row.label.trim();
  if (label === '' || label.length > 20) errors[`offers.${i}.label`] = `${at}：名称为 1 到 20 个字`;
  const cap = row.capYuan.trim() === '' ? undefined : parseYuan(row.capYuan);
  if (cap && (!cap.ok || cap.fen === 0)) errors[`offers.${i}.cap`] = `${at}：封顶金额须大于 0`;
  const open = row.kind === 'percent_off' || row.kind === 'whole_stay';
  if (open && cap === undefined) errors[`offers.${i}.cap`] = `${at}：打折或全免须填写封顶金额`;
  let discount: MerchantOffer['discount'] | undefined;
  if (row.kind === 'free_minutes') {
    const minutes = whole(row.value, 1, 1440);
    if (minutes === undefined) errors[`offers.${i}.value`] = `${at}：免费时长为 1 到 1440 分钟`;
    else discount = { kind: 'free_minutes', minutes };
  } else if (row.kind === 'amount_off') {
    const amount = parseYuan(row.value);
    if (!amount.ok || amount.fen === 0) errors[`offers.${i}.value`] = `${at}：减免金额须大于 0`;
    else discount = { kind: 'amount_off', amount: amount.fen };
  } else if (row.kind === 'percent_off') {
    const percent = whole(row.value, 1, 100);
    if (percent === undefined) errors[`offers.${i}.value`] = `${at}：减免比例为 1 到 100`;
    else discount = { kind: 'percent_off', percent };
  } else {
    discount = { kind: 'whole_stay' };
  }
  if (!discount) return undefined;
  return {
    id: row.id,
    label,
    discount,
    ...(cap?.ok && { cap: cap.fen }),
  };
}

/** The merchant the form describes, for `lotId`; a new one gets `id` (newMerchantId). */
export function merchantFromForm(
  form: MerchantForm,
  lotId: string,
  id: string,
): MerchantFormResult {
  const errors: Record<string, string> = {};
  const name = form.name.trim();
  if (name === '' || name.length > 30) errors.name = '商户名称为 1 到 30 个字';
  if (form.offers.length === 0) errors.offers = '至少设置一项优惠';
  if (form.offers.length > 10) errors.offers = '最多设置 10 项优惠';
  const taken = new Set(form.offers.map((o) => o.id).filter(Boolean));
  let next = 1;
  const offers = form.offers.flatMap((row, i) => {
    const offer = offerOf(row, i, errors);
    if (!offer) return [];
    if (offer.id === '') {
      while (taken.has(`o${next}`)) next += 1;
      offer.id = `o${next}`;
      taken.add(offer.id);
    }
    return [offer];
  });
  const perDay = whole(form.perDay, 0, 100_000);
  if (perDay === undefined) errors.perDay = '每日发放上限为 0 到 100000（0 为不限）';
  const perPlatePerDay = whole(form.perPlatePerDay, 0, 100);
  if (perPlatePerDay === undefined) errors.perPlatePerDay = '每车每日上限为 0 到 100（0 为不限）';
  const staticQrPerDay = whole(form.staticQrPerDay, 0, 100_000);
  if (staticQrPerDay === undefined)
    errors.staticQrPerDay = '台卡码每日次数为 0 到 100000（0 为不使用台卡码）';
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors, message: Object.values(errors).join('；') };
  }
  return {
    ok: true,
    value: {
      id: form.id || id,
      lotId,
      name,
      billing: form.billing,
      offers,
      limits: {
        perDay: perDay as number,
        perPlatePerDay: perPlatePerDay as number,
        staticQrPerDay: staticQrPerDay as number,
      },
      active: form.active,
    },
  };
}
