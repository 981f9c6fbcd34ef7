// What the driver routes of the `api` function return (server/parking/README.md, views.ts).
// Declared here, type only: the mini-program cannot import server code (core's types it can:
// type imports are erased, and build:miniprogram bundles nothing for them).

import type { GateKind } from '../../core/parking/gate';
import type { LotKind } from '../../core/parking/lot';
import type { SessionFlow, SessionState } from '../../core/parking/session-states';

export type { GateKind, LotKind, SessionFlow, SessionState };

export type SceneTargetKind = 'gate' | 'spot' | 'lot';

export interface LotView {
  id: string;
  name: string;
  kind: LotKind;
  entryPrepay: boolean;
  prepay: { freezeAmount: number; freezeSeconds: number };
  road: 1 | 9;
  noPlateProvince: string;
  graceSeconds: number;
}

export interface TariffView {
  name: string;
  freeMinutes: number;
  freeDeducted: boolean;
  unitMinutes: number;
  periods: Array<{ name: string; label: string; pricePerUnit: number }>;
  capPer24h: number | null;
  bookingFee: number;
  bookingHoldMinutes: number;
  noShow: { kind: 'none' } | { kind: 'booking_fee' } | { kind: 'fixed'; amount: number };
}

export interface GateView {
  id: string;
  lotId: string;
  kind: GateKind;
  name: string;
}

export type SpotStatus = 'free' | 'booked' | 'occupied';

export interface SpotView {
  id: string;
  lotId: string;
  code: string;
  name: string;
  status: SpotStatus;
  mine: boolean;
  sessionId?: string;
}

export interface SessionAmounts {
  paid: number;
  frozen: number;
  finished: number;
  returned: number;
  frozenLeft: number;
  bookingFee: number;
  handlingFee: number;
  coupons: number;
}

export interface SessionView {
  id: string;
  lotId: string;
  gateId?: string;
  spotId?: string;
  plate: string;
  flow: SessionFlow;
  state: SessionState;
  stateLabel: string;
  final: boolean;
  pending: boolean;
  inTime: number;
  arrivedAt?: number;
  holdUntil?: number;
  endTime?: number;
  paidAt?: number;
  outTime?: number;
  mayLeaveUntil?: number;
  amounts: SessionAmounts;
}

export type FeeLineKind =
  | 'free'
  | 'window'
  | 'period'
  | 'cap'
  | 'total'
  // After a payment (overstay.ts): what was paid, the leave window, the time after it.
  | 'paid'
  | 'leave_window'
  | 'overstay';

export interface FeeLine {
  kind: FeeLineKind;
  text: string;
  amount: number;
}

export type NextAction = 'pay' | 'settle' | 'leave' | 'confirm' | 'arrive' | 'none';

export type MayLeaveReason =
  | 'paid'
  | 'nothing_due'
  | 'grace_expired'
  | 'payment_required'
  | 'payment_pending'
  | 'settlement_required'
  | 'settlement_pending'
  | 'not_inside';

export interface Quote {
  session: SessionView;
  fee: number;
  lines: FeeLine[];
  durationSeconds: number;
  charged: number;
  due: number;
  next: NextAction;
  mayLeave: { allowed: boolean; reason: MayLeaveReason; text: string };
  /** A freeze is open: what ending it now charges from it, returns, and leaves to pay. */
  settlement?: { fromFreeze: number; returned: number; balance: number };
  at: number;
}

/** exit.choices: the driver's cars in the lot of the scanned exit, newest first. */
export interface ExitChoices {
  lot: LotView;
  gate: GateView;
  choices: Quote[];
}

/** The WeChat Pay parameters, passed unchanged to wx.requestPayment. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface PaymentStart {
  reqsn: string;
  amount: number;
  requestPayment: RequestPaymentParams;
}

export type ExitOutcome =
  | { kind: 'payment'; session: SessionView; payment: PaymentStart }
  | { kind: 'paid' | 'nothing_due' | 'pending'; session: SessionView };

export interface Receipt {
  session: SessionView;
  durationSeconds: number;
  durationText: string;
  parkingFee: number;
  lines: FeeLine[];
  charged: number;
  bookingFee: number;
  returned: number;
  frozen: number;
  handlingFee: number;
  coupons: number;
  payments: Array<{
    kind: 'pay' | 'prepay' | 'finish' | 'cancel';
    purpose: string;
    amount: number;
    status: string;
    at: number;
  }>;
}

export interface SceneResolution {
  target: { kind: SceneTargetKind; id: string };
  lot: LotView;
  gate?: GateView;
  spot?: SpotView;
  tariff?: TariffView;
}

export interface LotSpots {
  lot: LotView;
  tariff?: TariffView;
  spots: SpotView[];
}

/** Exactly one: a typed plate, or the plate derived for a car without one. */
export type PlateChoice = { plate: string } | { noPlate: true };

export interface SessionStart {
  session: SessionView;
  payment?: PaymentStart;
  created: boolean;
}

export interface MySessions {
  live: SessionView[];
  history: SessionView[];
  nextBefore?: number;
}

export interface SessionDetail {
  receipt: Receipt;
  quote?: Quote;
}

export type ConfirmResult = Quote & { payment?: PaymentStart };
