// Operator forms (pure): what the inputs start with, and the record they make, or why not.
// The server validates again; these checks only spare a round trip and say what is wrong in
// Chinese beside the field.
import { fenToYuan, parseYuan } from '../core/money';
import type { Gate, Spot, Tariff } from './operator-types';

export type FormResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ID = /^[A-Za-z0-9-]{1,30}$/;
const SPOT_CODE = /^[A-Za-z0-9-]{1,16}$/;

function nameProblem(name: string, max: number): string | undefined {
  const text = name.trim();
  if (text === '') return '请填写名称';
  if (text.length > max) return `名称最多 ${max} 字`;
  return undefined;
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}

export interface TariffForm {
  name: string;
  freeMinutes: string;
  unitMinutes: string;
  /** Yuan; empty for no cap. */
  cap: string;
  bookingFee: string;
  /** Yuan per unit, one per period in the tariff's order. */
  prices: string[];
}

export function tariffForm(tariff: Tariff): TariffForm {
  return {
    name: tariff.name,
    freeMinutes: String(tariff.freeMinutes),
    unitMinutes: String(tariff.unitMinutes),
    cap: tariff.capPer24h === null ? '' : fenToYuan(tariff.capPer24h),
    bookingFee: fenToYuan(tariff.bookingFee),
    prices: tariff.periods.map((p) => fenToYuan(p.pricePerUnit)),
  };
}

/** The tariff with the basic fields of the form; periods keep their names and starts. */
export function tariffFromForm(tariff: Tariff, form: TariffForm): FormResult<Tariff> {
  const nameIssue = nameProblem(form.name, 30);
  if (nameIssue) return { ok: false, message: nameIssue };
  const freeMinutes = wholeNumber(form.freeMinutes, 0, 1440);
  if (freeMinutes === undefined) return { ok: false, message: '免费时长为 0 到 1440 分钟的整数' };
  const unitMinutes = wholeNumber(form.unitMinutes, 1, 1440);
  if (unitMinutes === undefined) return { ok: false, message: '计费单位为 1 到 1440 分钟的整数' };
  let capPer24h: number | null = null;
  if (form.cap.trim() !== '') {
    const cap = parseYuan(form.cap);
    if (!cap.ok) return { ok: false, message: `每日封顶：${cap.message}` };
    if (cap.fen === 0) return { ok: false, message: '每日封顶须大于 0，不封顶请留空' };
    capPer24h = cap.fen;
  }
  const booking = parseYuan(form.bookingFee === '' ? '0' : form.bookingFee);
  if (!booking.ok) return { ok: false, message: `预订费：${booking.message}` };
  const periods: Tariff['periods'] = [];
  for (const [i, period] of tariff.periods.entries()) {
    const price = parseYuan(form.prices[i] ?? '');
    if (!price.ok) return { ok: false, message: `${period.name}单价：${price.message}` };
    periods.push({ ...period, pricePerUnit: price.fen });
  }
  return {
    ok: true,
    value: {
      ...tariff,
      name: form.name.trim(),
      freeMinutes,
      unitMinutes,
      capPer24h,
      bookingFee: booking.fen,
      periods,
    },
  };
}

export interface GateForm {
  id: string;
  name: string;
  kind: Gate['kind'];
}

export function gateFromForm(
  lotId: string,
  form: GateForm,
): FormResult<Pick<Gate, 'id' | 'lotId' | 'kind' | 'name'>> {
  if (!ID.test(form.id.trim())) return { ok: false, message: '编号为 1 到 30 位字母、数字或 -' };
  const nameIssue = nameProblem(form.name, 30);
  if (nameIssue) return { ok: false, message: nameIssue };
  return {
    ok: true,
    value: { id: form.id.trim(), lotId, kind: form.kind, name: form.name.trim() },
  };
}

export interface SpotForm {
  id: string;
  code: string;
  name: string;
}

export function spotFromForm(
  lotId: string,
  form: SpotForm,
): FormResult<Pick<Spot, 'id' | 'lotId' | 'code' | 'name'>> {
  if (!ID.test(form.id.trim())) return { ok: false, message: '编号为 1 到 30 位字母、数字或 -' };
  if (!SPOT_CODE.test(form.code.trim()))
    return { ok: false, message: '泊位号为 1 到 16 位字母、数字或 -' };
  const nameIssue = nameProblem(form.name, 30);
  if (nameIssue) return { ok: false, message: nameIssue };
  return {
    ok: true,
    value: { id: form.id.trim(), lotId, code: form.code.trim(), name: form.name.trim() },
  };
}

export const GATE_KIND_TEXT: Record<Gate['kind'], string> = {
  entry: '入口',
  exit: '出口',
  paystation: '缴费点',
};
