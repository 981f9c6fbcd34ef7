// What every operator page shows alike (pure: no wx, no calls). Money is integer fen formatted
// by core/money; times are China time.
import { formatFen } from '../../core/money';
import { formatChinaDateTime } from '../../../core/parking/china-time';
import { ApiCallError } from '../api-result';
import type { OperatorRole, Outcome } from '../operator-types';

export { formatFen };

export const REASON_MAX = 200;

/** Why a reason cannot be sent, or undefined when it can (the server's rule: 1 to 200 chars). */
export function reasonProblem(reason: string): string | undefined {
  const text = reason.trim();
  if (text === '') return '请填写原因';
  if (text.length > REASON_MAX) return `原因最多 ${REASON_MAX} 字`;
  return undefined;
}

/** The message to show for a failed call: the server's own when it gave one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return '出错了，请稍后重试';
}

export const FORBIDDEN_TEXT = '你不是停车场管理员';

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiCallError && error.code === 'FORBIDDEN';
}

export function outcomeText(outcome: Outcome): string {
  if (outcome === 'applied') return '已完成';
  if (outcome === 'already') return '此前已完成，无需重复操作';
  return '已提交，等待平台确认';
}

export function timeText(unix: number | undefined): string {
  return unix === undefined ? '—' : formatChinaDateTime(unix);
}

export function kindText(kind: string | undefined): string {
  return kind === 'roadside' ? '路边泊位' : kind === 'gated' ? '封闭停车场' : '';
}

export const FLOW_TEXT: Record<string, string> = {
  exit_pay: '出场缴费',
  entry_prepay: '入场预付',
  roadside_booking: '路边预订',
};

export const ROLE_TEXT: Record<OperatorRole, string> = { owner: '所有者', operator: '操作员' };
