import { formatFen } from '../core/money';
import { formatChinaDateTime, formatDuration } from '../core/parking-time';
import type { FeeLine, TariffView } from './driver-types';

// How amounts and times read on the driver's pages: yuan from integer fen, China time.

export const money = (fen: number): string => formatFen(fen);

export const chinaTime = (unix: number | undefined): string =>
  unix === undefined ? '' : formatChinaDateTime(unix);

export const duration = (seconds: number): string => formatDuration(Math.max(0, seconds));

export interface FeeLineView {
  text: string;
  amount: string;
  total: boolean;
}

/**
 * The lines of a fee breakdown a driver reads: a line of ¥0.00 says nothing and the total is
 * already shown beside the breakdown (停车费), so both are left out.
 */
export function feeLineViews(lines: readonly FeeLine[]): FeeLineView[] {
  return lines
    .filter((line) => line.kind !== 'total' && line.amount !== 0)
    .map((line) => ({
      text: line.text,
      amount: money(line.amount),
      total: false,
    }));
}

/** What a tariff charges, in lines a driver reads before committing (prices per unit, free time, cap). */
export function tariffLines(tariff: TariffView | undefined): string[] {
  if (!tariff) return [];
  const unit =
    tariff.unitMinutes % 60 === 0
      ? `${tariff.unitMinutes / 60} 小时`
      : `${tariff.unitMinutes} 分钟`;
  const lines = tariff.periods.map((p) => `${p.label} 每 ${unit} ${money(p.pricePerUnit)}`);
  if (tariff.freeMinutes > 0) lines.push(`${tariff.freeMinutes} 分钟内免费`);
  if (tariff.capPer24h !== null) lines.push(`24 小时最多收 ${money(tariff.capPer24h)}`);
  return lines;
}

/** The text of a caught error: the server's Chinese message, or a general one. */
export function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : '出了点问题，请稍后重试';
}
