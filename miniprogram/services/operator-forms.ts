// Operator forms (pure): what the inputs start with, and the record they make, or why not.
// The server validates again; these checks only spare a round trip and say what is wrong in
// Chinese beside the field.
import { fenToYuan, parseYuan } from '../core/money';
import type { Gate, Spot, Tariff } from './operator-types';

/** A refusal names every bad field at once (`errors`, by field) and joins them in `message`. */
export type FormResult<T> =
  { ok: true; value: T } | { ok: false; message: string; errors: Record<string, string> };

function refused<T>(errors: Record<string, string>): FormResult<T> {
  return { ok: false, errors, message: Object.values(errors).join('；') };
}

/** A one-field refusal (the gate and spot forms stop at the first). */
const refuse1 = <T>(message: string): FormResult<T> => refused({ form: message });

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

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
  /** Where each period starts, HH:MM (China time), in the tariff's order. */
  starts: string[];
}

export function tariffForm(tariff: Tariff): TariffForm {
  return {
    name: tariff.name,
    freeMinutes: String(tariff.freeMinutes),
    unitMinutes: String(tariff.unitMinutes),
    cap: tariff.capPer24h === null ? '' : fenToYuan(tariff.capPer24h),
    bookingFee: fenToYuan(tariff.bookingFee),
    prices: tariff.periods.map((p) => fenToYuan(p.pricePerUnit)),
    starts: tariff.periods.map((p) => p.start),
  };
}

/** The tariff with the fields of the form; periods keep their names. Every bad field is named. */
export function tariffFromForm(tariff: Tariff, form: TariffForm): FormResult<Tariff> {
  const errors: Record<string, string> = {};
  const nameIssue = nameProblem(form.name, 30);
  if (nameIssue) errors.name = nameIssue;
  const freeMinutes = wholeNumber(form.freeMinutes, 0, 1440);
  if (freeMinutes === undefined) errors.freeMinutes = '免费时长为 0 到 1440 分钟的整数';
  const unitMinutes = wholeNumber(form.unitMinutes, 1, 1440);
  if (unitMinutes === undefined) errors.unitMinutes = '计费单位为 1 到 1440 分钟的整数';
  let capPer24h: number | null = null;
  if (form.cap.trim() !== '') {
    const cap = parseYuan(form.cap);
    if (!cap.ok) errors.cap = `每日封顶：${cap.message}`;
    else if (cap.fen === 0) errors.cap = '每日封顶须大于 0，不封顶请留空';
    else capPer24h = cap.fen;
  }
  const booking = parseYuan(form.bookingFee === '' ? '0' : form.bookingFee);
  if (!booking.ok) errors.bookingFee = `预订费：${booking.message}`;
  const periods: Tariff['periods'] = [];
  const seen = new Set<string>();
  for (const [i, period] of tariff.periods.entries()) {
    const price = parseYuan(form.prices[i] ?? '');
    if (!price.ok) errors[`prices.${i}`] = `${period.name}单价：${price.message}`;
    const start = (form.starts?.[i] ?? period.start).trim();
    if (!CLOCK.test(start))
      errors[`starts.${i}`] = `${period.name}开始时间为 00:00 到 23:59，如 08:00`;
    else if (seen.has(start)) errors[`starts.${i}`] = `${period.name}与其他时段开始时间相同`;
    seen.add(start);
    periods.push({ ...period, start, pricePerUnit: price.ok ? price.fen : 0 });
  }
  if (Object.keys(errors).length > 0) return refused(errors);
  return {
    ok: true,
    value: {
      ...tariff,
      name: form.name.trim(),
      freeMinutes: freeMinutes as number,
      unitMinutes: unitMinutes as number,
      capPer24h,
      bookingFee: booking.ok ? booking.fen : 0,
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
  if (!ID.test(form.id.trim())) return refuse1('编号为 1 到 30 位字母、数字或 -');
  const nameIssue = nameProblem(form.name, 30);
  if (nameIssue) return refuse1(nameIssue);
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
  if (!ID.test(form.id.trim())) return refuse1('编号为 1 到 30 位字母、数字或 -');
  if (!SPOT_CODE.test(form.code.trim())) return refuse1('泊位号为 1 到 16 位字母、数字或 -');
  const nameIssue = nameProblem(form.name, 30);
  if (nameIssue) return refuse1(nameIssue);
  return {
    ok: true,
    value: { id: form.id.trim(), lotId, code: form.code.trim(), name: form.name.trim() },
  };
}

/** The one form of the places editor: a gate's or a spot's fields, new or edited. */
export interface PlaceForm extends GateForm, SpotForm {
  type: 'gate' | 'spot';
  isNew: boolean;
}

/** An empty form for a new gate (`type` set to 'spot' for a roadside lot). */
export const NO_PLACE_FORM: PlaceForm = {
  type: 'gate',
  isNew: true,
  id: '',
  name: '',
  kind: 'entry',
  code: '',
};

/** What a valid place form saves: the gate or the spot, as the api takes it. */
export type PlaceRecord =
  | { type: 'gate'; isNew: boolean; gate: Pick<Gate, 'id' | 'lotId' | 'kind' | 'name'> }
  | { type: 'spot'; isNew: boolean; spot: Pick<Spot, 'id' | 'lotId' | 'code' | 'name'> };

/** The gate or spot of the form, by its type; the first bad field otherwise. */
export function placeFromForm(lotId: string, form: PlaceForm): FormResult<PlaceRecord> {
  if (form.type === 'gate') {
    const made = gateFromForm(lotId, form);
    return made.ok
      ? { ok: true, value: { type: 'gate', isNew: form.isNew, gate: made.value } }
      : made;
  }
  const made = spotFromForm(lotId, form);
  return made.ok
    ? { ok: true, value: { type: 'spot', isNew: form.isNew, spot: made.value } }
    : made;
}

export const GATE_KIND_TEXT: Record<Gate['kind'], string> = {
  entry: '入口',
  exit: '出口',
  paystation: '缴费点',
};
