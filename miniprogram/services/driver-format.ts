import { formatFen } from '../core/money';
import { formatChinaDateTime, formatDuration } from '../core/parking-time';
import type { FeeLine } from './driver-types';

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

export function feeLineViews(lines: readonly FeeLine[]): FeeLineView[] {
  return lines.map((line) => ({
    text: line.text,
    amount: money(line.amount),
    total: line.kind === 'total',
  }));
}

/** The text of a caught error: the server's Chinese message, or a general one. */
export function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : '出了点问题，请稍后重试';
}
