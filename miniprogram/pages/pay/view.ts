import {
  chinaTime,
  duration,
  feeLineViews,
  money,
  type FeeLineView,
} from '../../services/driver-format';
import type { NextAction, PaymentStart, Quote } from '../../services/driver-types';

export type PayActionKind = 'pay' | 'settle' | 'confirm' | 'resume' | '';

export interface PayView {
  plate: string;
  stateLabel: string;
  inTime: string;
  duration: string;
  lines: FeeLineView[];
  fee: string;
  charged: string;
  chargedFen: number;
  due: string;
  frozenLeft: string;
  frozenLeftFen: number;
  mayLeave: boolean;
  mayLeaveText: string;
  leaveBy: string;
  actionKind: PayActionKind;
  actionLabel: string;
}

function actionOf(
  next: NextAction,
  due: number,
  payable: PaymentStart | undefined,
): { kind: PayActionKind; label: string } {
  // A sheet still payable (e.g. cancelled in WeChat): paying again reuses that very sheet.
  if (next === 'confirm' && payable) {
    return { kind: 'resume', label: `支付 ${money(payable.amount)}` };
  }
  switch (next) {
    case 'pay':
      return { kind: 'pay', label: `支付 ${money(due)}` };
    case 'settle':
      return { kind: 'settle', label: '结算并离场' };
    case 'confirm':
      return { kind: 'confirm', label: '刷新支付结果' };
    default:
      return { kind: '', label: '' };
  }
}

/**
 * The state as the driver should read it beside what is due: a paid car past its leave window
 * owes the overstay, so "已支付" next to an amount due would contradict itself.
 */
export function stateLabelWithDue(quote: Pick<Quote, 'session' | 'due'>): string {
  return quote.due > 0 && quote.session.state === 'paid' ? '待补缴' : quote.session.stateLabel;
}

/** What the exit payment page shows of a quote (of payment.confirm: with its payable sheet). */
export function payViewOf(quote: Quote & { payment?: PaymentStart }): PayView {
  const s = quote.session;
  const action = actionOf(quote.next, quote.due, quote.payment);
  return {
    plate: s.plate,
    stateLabel: stateLabelWithDue(quote),
    inTime: chinaTime(s.arrivedAt ?? s.inTime),
    duration: duration(quote.durationSeconds),
    lines: feeLineViews(quote.lines),
    fee: money(quote.fee),
    charged: money(quote.charged),
    chargedFen: quote.charged,
    due: money(quote.due),
    frozenLeft: money(s.amounts.frozenLeft),
    frozenLeftFen: s.amounts.frozenLeft,
    mayLeave: quote.mayLeave.allowed,
    mayLeaveText: quote.mayLeave.text,
    leaveBy: quote.mayLeave.allowed && s.mayLeaveUntil ? chinaTime(s.mayLeaveUntil) : '',
    actionKind: action.kind,
    actionLabel: action.label,
  };
}

/** One car in the exit chooser: its plate, since when, and what it owes now. */
export interface CarChoice {
  id: string;
  plate: string;
  inTime: string;
  state: string;
  due: string;
}

export function carChoicesOf(quotes: readonly Quote[]): CarChoice[] {
  return quotes.map((q) => ({
    id: q.session.id,
    plate: q.session.plate,
    inTime: chinaTime(q.session.arrivedAt ?? q.session.inTime),
    state: stateLabelWithDue(q),
    due: money(q.due),
  }));
}
