import type { ImportError, ListEntry, ListKind, PassPlan, PassStanding } from '../../core/passes';
import type { RequestPaymentParams } from './driver-views';

/**
 * What the pass and list routes answer (server/passes/views.ts builds them): plans, passes,
 * pass payments as receipts, list entries.
 */

export type { ImportError, ListKind };
export type { PassPeriod } from '../../core/passes';

/** A plan with its period as people read it (1 个月, 30 天). */
export type PassPlanView = PassPlan & { periodText: string };

export type PassStandingKind = PassStanding['kind'];

export interface PassView {
  id: string;
  lotId: string;
  planId: string;
  planName: string;
  periodText: string;
  plates: string[];
  spaces: number;
  graceDays: number;
  source: 'operator' | 'driver';
  startAt: number;
  endAt: number;
  endText: string;
  standing: PassStandingKind;
  standingText: string;
  daysLeft?: number;
  graceDaysLeft?: number;
  revokedAt?: number;
  revokeReason?: string | undefined;
  /** How many orders (payments, issues) extended it. */
  orders: number;
}

export type PassOrderKind = 'buy' | 'renew' | 'issue';
export type PassOrderStatusView =
  'requested' | 'accepted' | 'unknown' | 'paid' | 'failed' | 'abandoned' | 'issued';

/** A pass payment (or an operator's issue) as its receipt; never the payment parameters. */
export interface PassOrderView {
  reqsn: string;
  lotId: string;
  passId: string;
  kind: PassOrderKind;
  kindText: string;
  plates: string[];
  planName: string;
  periodText: string;
  amount: number;
  status: PassOrderStatusView;
  statusText: string;
  createdAt: number;
  paidAt?: number;
  endAt?: number;
  trxid?: string;
  reason?: string;
  /** The pass has been created or extended by it. */
  applied: boolean;
}

/** The cashier of an open pass payment (the payer's own). */
export interface PassPaymentStart {
  reqsn: string;
  amount: number;
  requestPayment: RequestPaymentParams;
}

/** passes.buy / passes.renew. */
export interface PassStarted {
  order: PassOrderView;
  payment?: PassPaymentStart;
}

/** passes.confirm / passes.receipt: the order, its pass once applied, its cashier while open. */
export interface PassReceipt {
  order: PassOrderView;
  pass?: PassView;
  payment?: PassPaymentStart;
}

export interface PassesOnSale {
  lot: { id: string; name: string };
  plans: PassPlanView[];
}

export interface MyPasses {
  passes: PassView[];
  orders: PassOrderView[];
}

export interface PassPage {
  lotId: string;
  passes: PassView[];
  nextOffset?: number;
}

/** A list entry as stored (`by`: the operator who wrote it). */
export type ListEntryView = ListEntry & { id: string };

export interface ListPage {
  lotId: string;
  kind: ListKind;
  total: number;
  entries: ListEntryView[];
  nextOffset?: number;
}
