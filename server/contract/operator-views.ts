import type { Gate, GateKind } from '../../core/parking/gate';
import type { InvitationState as StoredInvitationState } from '../../core/parking/invitation';
import type { Lot, LotKind } from '../../core/parking/lot';
import type { OperatorRole } from '../../core/parking/operator';
import type { Anomaly, HistoryEntry, PlatformCall } from '../../core/parking/session';
import type { SessionState } from '../../core/parking/session-states';
import type { Spot } from '../../core/parking/spot';
import type { Tariff } from '../../core/parking/tariff';
import type { Quote, Receipt, SessionView, TariffView } from './driver-views';

/**
 * What the operator routes answer (the contract's outputs). Types only, like driver-views.ts:
 * the mini-program imports them with `import type`, so nothing here may import server code.
 * Money is integer fen, dates China dates ('YYYY-MM-DD'), times unix seconds.
 */

/** applied: this call changed something; already: a repeat found it done; pending: a call is out. */
export type Outcome = 'applied' | 'already' | 'pending';

export interface OperatorMe {
  openid: string;
  lots: Array<{
    lotId: string;
    lotName: string;
    /** Absent when the lot cannot be read. */
    kind?: LotKind;
    role: OperatorRole;
    rights: string[];
  }>;
  /** An owner of some lot may create another. */
  canCreateLot: boolean;
}

export interface MoneyTotals {
  charged: number;
  returned: number;
  handlingFee: number;
  /** What the merchant keeps: charged less the handling fee. */
  net: number;
}

export interface DashboardLot {
  lotId: string;
  name: string;
  kind?: LotKind;
  sessionsToday: number;
  live: number;
  flagged: number;
  /** Only where the caller may see revenue. */
  revenueToday?: MoneyTotals;
}

export interface Dashboard {
  date: string;
  at: number;
  lots: DashboardLot[];
}

export interface QrCode {
  kind: 'gate' | 'spot';
  id: string;
  name: string;
  gateKind?: GateKind;
  scene: string;
  url: string;
  /** A PNG data URL. */
  image: string;
}

export interface LotQrCodes {
  lotId: string;
  lotName: string;
  mode: string;
  codes: QrCode[];
}

export type OperatorActionName = 'finish' | 'cancel';

/** A session as the operator list shows it: the driver's view plus what only operators see. */
export interface OperatorSessionSummary extends SessionView {
  openid?: string;
  flagged: boolean;
  openAnomalies: Array<{ code: string; label: string; detail: string; at: number }>;
  actions: OperatorActionName[];
  updatedAt: number;
}

export interface SessionList {
  items: OperatorSessionSummary[];
  total: number;
  nextOffset?: number;
}

/** One order as the platform answered a query of it just now (protocol notes 7 and 9). */
export type PlatformAnswer =
  | {
      reqsn: string;
      kind: 'pay' | 'prepay';
      ok: true;
      trxstatus: string;
      outcome: string;
      description: string;
      errmsg?: string;
      fintime?: string;
      trxid?: string;
      totals: { fee: number; feeFinish: number; feeBack: number; feeAIP: number };
    }
  | { reqsn: string; kind: 'pay' | 'prepay'; ok: false; error: string };

export interface OperatorSessionDetail {
  session: OperatorSessionSummary;
  receipt: Receipt;
  /** Live sessions only: what the stay costs now. */
  quote?: Quote;
  calls: PlatformCall[];
  history: HistoryEntry[];
  anomalies: Array<Anomaly & { label: string }>;
  tariffName: string;
  platform: PlatformAnswer[];
  queriedAt: number;
}

export interface EndOutcome {
  /** applied: this call changed the session; already: it had ended; pending: a call is still out. */
  outcome: Outcome;
  session: OperatorSessionSummary;
}

/**
 * What an operator's finish or cancel would do now (op.sessions.preview, read-only): `charge`
 * taken from the freeze, `returned`, `waived` (owed but not charged by this action); `whyNot`
 * (Chinese) with its `code` when the action is not possible.
 */
export interface EndPreview {
  action: OperatorActionName;
  possible: boolean;
  code?: string;
  whyNot?: string;
  /** The parking fee owed now (0 before arrival). */
  due: number;
  charge: number;
  fromFreeze: number;
  returned: number;
  waived: number;
  /** Whether cancel is possible now, and why not (asked for either action: the dialog offers both). */
  canCancel: boolean;
  cancelWhyNot?: string;
  at: number;
}

export interface GateOpenOutcome {
  outcome: Outcome;
  gateId: string;
  commandId: string;
  session?: OperatorSessionSummary;
}

export interface AuditItem {
  id: string;
  at: number;
  openid: string;
  lotId: string;
  sessionId?: string;
  gateId?: string;
  action: string;
  reason: string;
  outcome: 'applied' | 'already' | 'refused';
  /** The refusal's code, or a short note of what was done (e.g. the state reached). */
  detail?: string;
  /** The actor as colleagues know them, fixed when the record was written. */
  byName?: string;
  /** What the action was about, in words (e.g. `出口「南门」`). */
  subject?: string;
  changes?: Array<{ label: string; from: string; to: string }>;
}

export interface AuditPage {
  lotId: string;
  items: AuditItem[];
  nextOffset?: number;
}

/** The money of one side of a session or a day, as reconciliation compares it. */
export interface ReconSide {
  charged: number;
  returned: number;
  aip: number;
}

export interface Reconciliation {
  lotId: string;
  date: string;
  sessions: number;
  /** The day's figures: what moved that day by our records (equal to revenue's row). */
  ours: ReconSide;
  /** The same by the platform's answers. */
  platform: ReconSide;
  /** Sessions and orders that could not all be queried (their platform side is not in the totals). */
  unavailable: number;
  /** Nothing differs: no session, arrears or pass sale. */
  matched: boolean;
  mismatches: Array<{
    sessionId: string;
    plate: string;
    state: SessionState;
    ours: ReconSide;
    platform: ReconSide | null;
    fields: Array<keyof ReconSide>;
    answers: PlatformAnswer[];
  }>;
  /**
   * The day's pass sales (月卡销售), each order queried: apart from `ours`/`platform`, as revenue
   * keeps them apart (its `passes`). Dated by the platform's completion time, as revenue does.
   */
  passes: ReconPassSales;
  checkedAt: number;
}

export interface ReconPassSales {
  count: number;
  ours: ReconSide;
  /** By the platform's answers; an order that could not be queried is not in it (`unavailable`). */
  platform: ReconSide;
  mismatches: Array<{
    orderId: string;
    passId: string;
    plates: string[];
    ours: ReconSide;
    platform: ReconSide | null;
    fields: Array<keyof ReconSide>;
    answers: PlatformAnswer[];
  }>;
}

/**
 * Pass sales (月卡销售): pass payments completed in the period, a kind of their own, not in the
 * parking figures beside them (MoneyTotals, which reconciliation checks session by session).
 */
export interface PassSales {
  count: number;
  charged: number;
  handlingFee: number;
}

/** A lot's day: parking money (MoneyTotals) and, apart, its pass sales. */
export interface RevenueRow extends MoneyTotals {
  date: string;
  lotId: string;
  passes: PassSales;
}

/**
 * Kinds of a day's money beside the totals (issue 14): `arrears`, the part of `charged` that paid
 * roadside arrears; `discounts`, what merchants' discounts given that day cost them (not platform
 * money: the driver was charged that much less, so it is in no other figure).
 */
export interface MoneyKinds {
  arrears: number;
  discounts: number;
}

export interface Revenue {
  from: string;
  to: string;
  rows: Array<RevenueRow & MoneyKinds>;
  /** Parking money of the period (arrears recovered included), with its kinds. */
  totals: MoneyTotals & MoneyKinds;
  /** Pass sales of the period. */
  passes: PassSales;
}

/** op.revenue.export: the payments of a day or range as CSV text (BOM, CRLF). */
export interface PaymentsExport {
  from: string;
  to: string;
  fileName: string;
  lines: number;
  csv: string;
}

export interface OperatorEntry {
  openid: string;
  role: OperatorRole;
  /** The display name (or role and openid tail when none was given). */
  name: string;
  self: boolean;
}

export interface GrantChange {
  lotId: string;
  openid: string;
  /** null once revoked. */
  role: OperatorRole | null;
  outcome: 'applied' | 'already';
}

/** As shown: an open invitation past its time reads 'expired'. */
export type InvitationState = StoredInvitationState | 'expired';

export interface InvitationView {
  code: string;
  lotId: string;
  role: OperatorRole;
  createdAt: number;
  expiresAt: number;
  state: InvitationState;
  usedName?: string;
  usedAt?: number;
}

export interface InvitationMade {
  invitation: InvitationView;
  lotName: string;
  scene: string;
  url: string;
  image: string;
}

/** What the invitee sees before accepting (invitation.get). */
export interface InvitationPeek {
  code: string;
  lotName: string;
  role: OperatorRole;
  expiresAt: number;
  state: InvitationState;
  myRole?: OperatorRole;
}

export interface InvitationAccepted {
  lotId: string;
  lotName: string;
  role: OperatorRole;
  outcome: 'applied' | 'already';
}

export type LotWithRole = Lot & { role: OperatorRole };

export interface TariffOfLot {
  lotId: string;
  tariff: Tariff;
  view: TariffView;
}

export type { Gate, Lot, OperatorRole, Spot, Tariff };

/** A plate camera of a gate (issue 12), with its last heartbeat and its last reads. */
export interface CameraView {
  cameraId: string;
  gateId: string;
  direction: 'entry' | 'exit';
  name: string;
  serialno: string;
  led: string;
  createdAt: number;
  lastHeartbeatAt?: number;
  lastReadAt?: number;
  online: boolean;
  waiting?: { plate: string; since: number };
  reads: Array<{
    at: number;
    license: string;
    plate?: string;
    offline: boolean;
    open?: boolean;
    reason?: string;
    text?: string[];
    error?: string;
  }>;
}

export interface CameraList {
  cameras: CameraView[];
  /** A camera is online when its last heartbeat is at most this old. */
  onlineSeconds: number;
}

/** A camera registered: its push URL token, shown this once (only its hash is kept). */
export interface CameraRegistered {
  outcome: 'applied';
  cameraId: string;
  token: string;
  path: string;
  /** Earlier records of the same device retired (their tokens stop working). */
  retired: number;
}
