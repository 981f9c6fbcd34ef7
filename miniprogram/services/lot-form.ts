// The lot settings form (pure): what the inputs start with, and the lot they make, or every field
// that is wrong at once. The server checks again (core/parking/lot.ts); these checks say what is
// wrong in Chinese beside the form without a round trip.
import { fenToYuan, parseYuan } from '../core/money';
import type { Lot } from './operator-types';

export type LotFormResult =
  { ok: true; value: Lot } | { ok: false; message: string; errors: Record<string, string> };

export interface SplitRow {
  cusid: string;
  /** "10%" (a share of each charge) or "1.50" (yuan per charge). */
  share: string;
}

export interface LotForm {
  id: string;
  name: string;
  parkingNo: string;
  pro: string;
  kind: Lot['kind'];
  cusid: string;
  entryPrepay: boolean;
  freezeYuan: string;
  freezeHours: string;
  road: '1' | '9';
  graceMinutes: string;
  staleHours: string;
  /** Spaces (gated lots); empty: not limited. */
  capacity: string;
  /** An exit read with no entry record (gated lots): the operator's matter, or a fixed fee. */
  noEntry: 'operator' | 'fee';
  /** That fee in yuan, when `noEntry` is 'fee'. */
  noEntryYuan: string;
  noPlateProvince: string;
  /** Roadside lots: a plate owing this operator arrears may book (after a reminder), or not. */
  arrearsPolicy: Lot['arrearsPolicy'];
  split: SplitRow[];
}

const HOUR = 3600;
/** The largest no-entry fee the server takes (core/parking/lot.ts MAX_NO_ENTRY_FEE): ¥10000. */
const MAX_NO_ENTRY_FEE = 1_000_000;
const DEFAULT_SETTLE_BEFORE = 600;

export const ROAD_CHOICES = [
  { value: '9', text: '到期自动退回', hint: '冻结到期仍未结算时，平台把冻结金额退给车主' },
  { value: '1', text: '到期自动扣款', hint: '冻结到期仍未结算时，平台扣下冻结金额' },
] as const;

export const NO_ENTRY_CHOICES = [
  { value: 'operator', text: '请联系管理员', hint: '道闸不开，车主联系管理员处理' },
  { value: 'fee', text: '固定收费', hint: '道闸不开，显示应缴金额，车主扫出口码缴费后放行' },
] as const;

export const ARREARS_CHOICES = [
  { value: 'remind', text: '提醒后可预订', hint: '预订前向车主展示欠费，车主可先缴费或继续预订' },
  { value: 'require', text: '须先缴清欠费', hint: '车牌有未缴欠费时不能预订，缴清后即可预订' },
] as const;

export const KIND_CHOICES = [
  { value: 'gated', text: '道闸停车场' },
  { value: 'roadside', text: '路侧停车' },
] as const;

function shareText(share: Lot['split'][number]['share']): string {
  return share.kind === 'percent'
    ? `${(share.basisPoints / 100).toFixed(2).replace(/\.?0+$/, '')}%`
    : fenToYuan(share.amount);
}

export function lotForm(lot: Lot): LotForm {
  return {
    id: lot.id,
    name: lot.name,
    parkingNo: lot.parkingNo,
    pro: lot.pro,
    kind: lot.kind,
    cusid: lot.cusid,
    entryPrepay: lot.entryPrepay,
    freezeYuan: fenToYuan(lot.prepay.freezeAmount),
    freezeHours: String(Math.round(lot.prepay.freezeSeconds / HOUR)),
    road: lot.road === 1 ? '1' : '9',
    graceMinutes: String(Math.round(lot.graceSeconds / 60)),
    staleHours: String(Math.round(lot.staleSeconds / HOUR)),
    capacity: lot.capacity === undefined ? '' : String(lot.capacity),
    noEntry: lot.noEntryFee === undefined ? 'operator' : 'fee',
    noEntryYuan: lot.noEntryFee === undefined ? '' : fenToYuan(lot.noEntryFee),
    noPlateProvince: lot.noPlateProvince,
    arrearsPolicy: lot.arrearsPolicy ?? 'remind',
    split: lot.split.map((r) => ({ cusid: r.cusid, share: shareText(r.share) })),
  };
}

/** A new lot's form: the merchant, province and no-plate characters of a lot the owner has. */
export function newLotForm(like?: Pick<Lot, 'cusid' | 'pro' | 'noPlateProvince'>): LotForm {
  return {
    id: '',
    name: '',
    parkingNo: '',
    pro: like?.pro ?? '',
    kind: 'gated',
    cusid: like?.cusid ?? '',
    entryPrepay: false,
    freezeYuan: '50.00',
    freezeHours: '24',
    road: '9',
    graceMinutes: '15',
    staleHours: '168',
    capacity: '',
    noEntry: 'operator',
    noEntryYuan: '',
    noPlateProvince: like?.noPlateProvince ?? '',
    arrearsPolicy: 'remind',
    split: [],
  };
}

function whole(text: string, min: number, max: number): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

const CUSID = /^[0-9A-Za-z]{1,15}$/;

/**
 * The lot the form describes: `base` (the lot being edited) keeps what the form does not show
 * (tariff, settle-before-end); a new lot has no tariff yet (the server gives it one).
 */
export function lotFromForm(form: LotForm, base?: Lot): LotFormResult {
  const errors: Record<string, string> = {};
  const id = form.id.trim();
  if (!/^[A-Za-z0-9-]{1,30}$/.test(id)) errors.id = '编号为 1 到 30 位字母、数字或 -';
  const name = form.name.trim();
  if (name === '' || name.length > 40) errors.name = '名称为 1 到 40 个字';
  const parkingNo = form.parkingNo.trim();
  if (!/^[A-Za-z0-9-]{1,32}$/.test(parkingNo))
    errors.parkingNo = '停车场编号为 1 到 32 位字母、数字或 -（不能有下划线）';
  const pro = form.pro.trim();
  if (!/^\d{2}$/.test(pro)) errors.pro = '省份代码为 2 位数字，如 44';
  const cusid = form.cusid.trim();
  if (!CUSID.test(cusid)) errors.cusid = '商户号为 1 到 15 位字母或数字';

  const freeze = parseYuan(form.freezeYuan);
  if (!freeze.ok) errors.freezeYuan = `冻结金额：${freeze.message}`;
  else if (freeze.fen === 0) errors.freezeYuan = '冻结金额须大于 0';
  const freezeHours = whole(form.freezeHours, 1, 31 * 24);
  if (freezeHours === undefined) errors.freezeHours = '冻结时长为 1 到 744 小时的整数';
  const settleBefore = base?.settleBeforeEndSeconds ?? DEFAULT_SETTLE_BEFORE;
  if (freezeHours !== undefined && freezeHours * HOUR <= settleBefore)
    errors.freezeHours = '冻结时长须长于到期前自行结算的时间';
  const graceMinutes = whole(form.graceMinutes, 0, 1440);
  if (graceMinutes === undefined) errors.graceMinutes = '离场时限为 0 到 1440 分钟的整数';
  const staleHours = whole(form.staleHours, 1, 366 * 24);
  if (staleHours === undefined) errors.staleHours = '超时标记为 1 到 8784 小时的整数';
  const capacityText = form.capacity.trim();
  const capacity = capacityText === '' ? undefined : whole(capacityText, 1, 100_000);
  if (capacityText !== '' && capacity === undefined)
    errors.capacity = '车位数为 1 到 100000 的整数，不限则留空';
  const noEntryFee = form.noEntry === 'fee' ? parseYuan(form.noEntryYuan) : undefined;
  if (form.kind === 'gated' && noEntryFee !== undefined) {
    if (!noEntryFee.ok) errors.noEntryYuan = `无入场记录收费：${noEntryFee.message}`;
    else if (noEntryFee.fen === 0 || noEntryFee.fen > MAX_NO_ENTRY_FEE)
      errors.noEntryYuan = '无入场记录收费为 0.01 到 10000 元';
  }
  const noPlateProvince = form.noPlateProvince.trim();
  if (!/^[\u4e00-\u9fa5]{1,2}$/.test(noPlateProvince))
    errors.noPlateProvince = '无牌车省份简称为一到两个汉字，如 粤';

  const split: Lot['split'] = [];
  let percent = 0;
  form.split.forEach((row, i) => {
    const receiver = row.cusid.trim();
    const share = row.share.trim();
    if (!CUSID.test(receiver))
      errors[`split.${i}`] = `分账第 ${i + 1} 行：商户号为 1 到 15 位字母或数字`;
    else if (receiver === cusid)
      errors[`split.${i}`] = `分账第 ${i + 1} 行：不能分给本停车场的收款商户`;
    else if (split.some((r) => r.cusid === receiver))
      errors[`split.${i}`] = `分账第 ${i + 1} 行：商户号重复`;
    const pct = /^(\d{1,3})(?:\.(\d{1,2}))?%$/.exec(share);
    if (pct) {
      const basisPoints = Number(pct[1]) * 100 + Number((pct[2] ?? '').padEnd(2, '0'));
      if (basisPoints < 1 || basisPoints > 10_000)
        errors[`split.${i}`] ??= `分账第 ${i + 1} 行：比例为 0.01% 到 100%`;
      percent += basisPoints;
      split.push({ cusid: receiver, share: { kind: 'percent', basisPoints } });
    } else {
      const fixed = parseYuan(share);
      if (!fixed.ok || fixed.fen === 0)
        errors[`split.${i}`] ??= `分账第 ${i + 1} 行：填比例（如 10%）或每笔金额（如 1.50）`;
      split.push({ cusid: receiver, share: { kind: 'fixed', amount: fixed.ok ? fixed.fen : 0 } });
    }
  });
  if (percent > 10_000) errors.split = '分账比例合计不能超过 100%';

  if (Object.keys(errors).length > 0) {
    return { ok: false, errors, message: Object.values(errors).join('；') };
  }
  const { capacity: _previous, noEntryFee: _fee, ...kept } = base ?? ({} as Partial<Lot>);
  return {
    ok: true,
    value: {
      ...kept,
      id,
      name,
      parkingNo,
      pro,
      kind: form.kind,
      cusid,
      split,
      // Entry prepay is for gated lots (core/parking/lot.ts).
      entryPrepay: form.kind === 'gated' && form.entryPrepay,
      prepay: {
        freezeAmount: freeze.ok ? freeze.fen : 0,
        freezeSeconds: (freezeHours as number) * HOUR,
      },
      road: form.road === '1' ? 1 : 9,
      settleBeforeEndSeconds: settleBefore,
      noPlateProvince,
      arrearsPolicy: form.arrearsPolicy === 'require' ? 'require' : 'remind',
      graceSeconds: (graceMinutes as number) * 60,
      staleSeconds: (staleHours as number) * HOUR,
      // Spaces are counted at the gates of a gated lot (server/parking/occupancy.ts).
      ...(form.kind === 'gated' && capacity !== undefined && { capacity }),
      // An exit lane's read of a plate with no entry (server/parking/lane/no-entry.ts).
      ...(form.kind === 'gated' && noEntryFee?.ok && { noEntryFee: noEntryFee.fen }),
      tariffId: base?.tariffId ?? id,
    } as Lot,
  };
}
