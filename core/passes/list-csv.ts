import { fromChinaDateTime } from '../parking/china-time';
import { validatePlate } from '../plate/classify';
import { listReasonSchema } from './lists';

/**
 * The CSV an operator imports into a list: one plate per line, optionally followed by a reason
 * and a last valid China date (`粤B12345,员工,2026-12-31`). A header line (车牌/plate) and a
 * UTF-8 BOM are tolerated, blank lines skipped. Every bad line is reported; with any bad line
 * nothing is imported (the caller writes only a clean parse).
 */
export const MAX_IMPORT_LINES = 2000;

export interface ImportRow {
  line: number;
  plate: string;
  reason?: string;
  /** Unix seconds of 00:00 China time of the day after the given date. */
  validUntil?: number;
}

export interface ImportError {
  line: number;
  text: string;
  message: string;
}

export type ImportParse = { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] };

function cells(line: string): string[] {
  // Plates, reasons and dates hold no comma or quote; quotes around a cell are dropped.
  return line.split(',').map((c) =>
    c
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .trim(),
  );
}

function parseDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = fromChinaDateTime({ year, month, day, hour: 0, minute: 0, second: 0 });
  return start === undefined ? undefined : start + 86_400;
}

export function parseListCsv(text: string): ImportParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  let counted = 0;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed) return;
    const [plateCell = '', reasonCell = '', dateCell = '', ...rest] = cells(trimmed);
    if (index === 0 && /^(车牌|车牌号|plate)$/i.test(plateCell)) return;
    counted += 1;
    const fail = (message: string) => errors.push({ line, text: raw.slice(0, 60), message });
    if (counted > MAX_IMPORT_LINES) {
      if (counted === MAX_IMPORT_LINES + 1) fail(`最多导入 ${MAX_IMPORT_LINES} 行`);
      return;
    }
    if (rest.length > 0) return fail('列数过多：每行为 车牌[,原因[,有效期至 YYYY-MM-DD]]');
    const plate = validatePlate(plateCell, { allowDerived: false });
    if (!plate.ok) return fail(`车牌无效：${plate.message}`);
    const before = seen.get(plate.plate);
    if (before !== undefined) return fail(`车牌与第 ${before} 行重复`);
    let reason: string | undefined;
    if (reasonCell) {
      const checked = listReasonSchema.safeParse(reasonCell);
      if (!checked.success) return fail('原因最多 50 个字');
      reason = checked.data;
    }
    let validUntil: number | undefined;
    if (dateCell) {
      validUntil = parseDate(dateCell);
      if (validUntil === undefined) return fail('有效期应为 YYYY-MM-DD 格式的日期');
    }
    seen.set(plate.plate, line);
    rows.push({
      line,
      plate: plate.plate,
      ...(reason !== undefined && { reason }),
      ...(validUntil !== undefined && { validUntil }),
    });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0)
    return { ok: false, errors: [{ line: 0, text: '', message: '文件中没有车牌' }] };
  return { ok: true, rows };
}
