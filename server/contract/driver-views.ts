import type { FeeLine } from '../../core/parking/fee';
import type { GateKind } from '../../core/parking/gate';
import type { LotKind } from '../../core/parking/lot';
import type { MayLeaveReason } from '../../core/parking/may-leave';
import type { SessionFlow, SessionState } from '../../core/parking/session-states';
import type { NoShowPolicy } from '../../core/parking/tariff';

/**
 * What the driver routes answer (the contract's outputs; server/parking/views.ts builds the
 * views). Money is integer fen, times unix seconds; the pages format them. Types only: the
 * mini-program imports this file with `import type`, so nothing here may import server code.
 */

export type { FeeLine };

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
  noShow: NoShowPolicy;
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
  /** The caller's own session on the spot. */
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
  /** A platform call is out (payment or settlement being confirmed). */
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

/** What the driver can do next with a session. */
export type NextAction =
  | 'pay' // exit.pay starts a payment
  | 'settle' // exit.pay (or booking.leave) ends the freeze: nothing to pay in WeChat
  | 'leave' // nothing due: the gate opens
  | 'confirm' // a call is out: payment.confirm
  | 'arrive' // booked: booking.arrive (or booking.cancel)
  | 'none';

export interface Quote {
  session: SessionView;
  /** The fee of the whole stay until now, with the lines a driver reads. */
  fee: number;
  lines: FeeLine[];
  durationSeconds: number;
  /** Charged for parking so far (pays and finishes, not the booking fee). */
  charged: number;
  /** Still owed now. */
  due: number;
  next: NextAction;
  mayLeave: { allowed: boolean; reason: MayLeaveReason; text: string };
  /**
   * A freeze is open (next 'settle'): what ending it now does — charged from the freeze, returned
   * to the payer, and any balance beyond the freeze to pay by WeChat Pay.
   */
  settlement?: { fromFreeze: number; returned: number; balance: number };
  at: number;
}

export interface Receipt {
  session: SessionView;
  /** Parking time: entry (or arrival at a booked spot) to exit, or to now while parked. */
  durationSeconds: number;
  durationText: string;
  /** The parking fee of that time by the session's tariff. */
  parkingFee: number;
  lines: FeeLine[];
  /** Money actually taken: pays and finishes (booking fee included). */
  charged: number;
  bookingFee: number;
  /** Returned from a freeze. */
  returned: number;
  frozen: number;
  /** Handling fee reported by the platform (`feeAIP`; borne by the merchant, spec 5a). */
  handlingFee: number;
  coupons: number;
  /** A roadside stay that closed owing part of its fee (issue 14): what, and where it stands. */
  arrears?: { due: number; state: 'open' | 'paid' | 'waived' };
  payments: Array<{
    kind: 'pay' | 'prepay' | 'finish' | 'cancel';
    purpose: string;
    amount: number;
    status: string;
    at: number;
  }>;
}

/** The WeChat Pay parameters, passed unchanged to wx.requestPayment. */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** The payment sheet of an open pay or prepay. */
export interface PaymentStart {
  reqsn: string;
  amount: number;
  requestPayment: RequestPaymentParams;
}

/** scene.resolve: what a scanned code points at, with what the driver needs to decide. */
export interface SceneResolution {
  target: { kind: 'gate' | 'spot' | 'lot'; id: string };
  lot: LotView;
  gate?: GateView;
  spot?: SpotView;
  tariff?: TariffView;
}

/** lot.spots: the spots of a roadside lot with their state. */
export interface LotSpots {
  lot: LotView;
  tariff?: TariffView;
  spots: SpotView[];
}

/** entry.prepay, entry.checkIn, booking.create. */
export interface StartOutcome {
  session: SessionView;
  /** The payment sheet of the prepay; absent when nothing is to be paid now. */
  payment?: PaymentStart;
  /** false when an existing session of this driver was returned instead of a new one. */
  created: boolean;
}

/** exit.pay, booking.leave. */
export type ExitOutcome =
  | { kind: 'payment'; session: SessionView; payment: PaymentStart }
  /** Paid (or settled from the freeze): the vehicle may leave within the grace time. */
  | { kind: 'paid'; session: SessionView }
  | { kind: 'nothing_due'; session: SessionView }
  /** A call is out and its outcome is being confirmed: call payment.confirm. */
  | { kind: 'pending'; session: SessionView };

/** exit.choices: the driver's cars in the lot of the scanned exit, newest first. */
export interface ExitChoices {
  lot: LotView;
  gate: GateView;
  choices: Quote[];
}

/** payment.confirm: the quote after asking the platform, with the sheet while it is payable. */
export interface Confirmation extends Quote {
  /** The open payment sheet, when the payer can still pay it. */
  payment?: PaymentStart;
}

/** sessions.mine */
export interface MySessions {
  live: SessionView[];
  history: SessionView[];
  nextBefore?: number;
}

/** session.detail: the receipt, and the quote while the session is live. */
export interface SessionDetail {
  receipt: Receipt;
  quote?: Quote;
}

/** booking.arrive, booking.cancel. */
export interface SessionOnly {
  session: SessionView;
}

export interface PlateList {
  plates: string[];
}
