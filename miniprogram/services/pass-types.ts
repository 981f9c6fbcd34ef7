// Contract of the pass and list routes (server/passes/routes.ts), as the pages receive it.
import type { RequestPaymentParams } from './driver-types';

export type PassPeriod =
  { kind: 'month' } | { kind: 'quarter' } | { kind: 'year' } | { kind: 'days'; days: number };

export interface PassPlan {
  id: string;
  lotId: string;
  name: string;
  period: PassPeriod;
  periodText: string;
  price: number;
  spaces: number;
  maxPlates: number;
  graceDays: number;
  online: boolean;
  active: boolean;
}

export type PassStanding = 'valid' | 'grace' | 'expired' | 'not_started' | 'revoked';

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
  standing: PassStanding;
  standingText: string;
  daysLeft?: number;
  graceDaysLeft?: number;
  revokedAt?: number;
  revokeReason?: string;
  orders: number;
}

export interface PassOrderView {
  reqsn: string;
  lotId: string;
  passId: string;
  kind: 'buy' | 'renew' | 'issue';
  kindText: string;
  plates: string[];
  planName: string;
  periodText: string;
  amount: number;
  status: string;
  statusText: string;
  createdAt: number;
  paidAt?: number;
  endAt?: number;
  trxid?: string;
  applied: boolean;
}

export interface PassPaymentStart {
  reqsn: string;
  amount: number;
  requestPayment: RequestPaymentParams;
}

export interface PassStarted {
  order: PassOrderView;
  payment?: PassPaymentStart;
}

export interface PassReceipt {
  order: PassOrderView;
  pass?: PassView;
  payment?: PassPaymentStart;
}

export type ListKind = 'white' | 'black';

export interface ListEntry {
  id: string;
  lotId: string;
  kind: ListKind;
  plate: string;
  reason: string;
  validUntil?: number;
  createdAt: number;
}

export interface ImportError {
  line: number;
  text: string;
  message: string;
}
