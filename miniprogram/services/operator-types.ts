// The shapes the operator routes answer with (server/operator/README.md). Types only: nothing
// here runs, so the server's own modules are not pulled into the mini-program.
import type { Gate } from '../../core/parking/gate';
import type { Lot } from '../../core/parking/lot';
import type { OperatorRole } from '../../core/parking/operator';
import type { SessionFlow, SessionState } from '../../core/parking/session-states';
import type { Spot } from '../../core/parking/spot';
import type { Tariff } from '../../core/parking/tariff';
import type { SessionView } from './driver-types';

export type { Gate, Lot, OperatorRole, SessionFlow, SessionState, Spot, Tariff };
export type Outcome = 'applied' | 'already' | 'pending';

export interface OperatorMe {
  openid: string;
  lots: Array<{
    lotId: string;
    lotName: string;
    kind: Lot['kind'];
    role: OperatorRole;
    rights: string[];
  }>;
  /** An owner of some lot may create another. */
  canCreateLot?: boolean;
}

export interface MoneyTotals {
  charged: number;
  returned: number;
  handlingFee: number;
  net: number;
}

export interface DashboardLot {
  lotId: string;
  name: string;
  kind?: Lot['kind'];
  sessionsToday: number;
  live: number;
  flagged: number;
  revenueToday?: MoneyTotals;
}

export interface Dashboard {
  date: string;
  at: number;
  lots: DashboardLot[];
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
  noShow: Tariff['noShow'];
}

export interface QrCode {
  kind: 'gate' | 'spot';
  id: string;
  name: string;
  gateKind?: Gate['kind'];
  scene: string;
  url: string;
  /** A PNG data URL. */
  image: string;
}

/** A session as the operator list shows it: the driver's view plus what only operators see. */
export interface SessionSummary extends SessionView {
  openid?: string;
  flagged: boolean;
  openAnomalies: Array<{ code: string; label: string; detail: string; at: number }>;
  actions: Array<'finish' | 'cancel'>;
  updatedAt: number;
}

export interface SessionList {
  items: SessionSummary[];
  total: number;
  nextOffset?: number;
}

export interface SessionFilter {
  lotId: string;
  state?: SessionState | SessionState[];
  plate?: string;
  flagged?: boolean;
  offset?: number;
  limit?: number;
}

export interface HistoryEntry {
  at: number;
  event: string;
  from: SessionState | null;
  to: SessionState;
  by?: string;
  callId?: string;
  note?: string;
}

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

export interface SessionDetail {
  session: SessionSummary;
  receipt: { durationText: string; charged: number; returned: number } & Record<string, unknown>;
  /** Live sessions only: what the stay costs now. */
  quote?: { fee: number; due: number; durationSeconds: number; charged: number };
  calls: PlatformCall[];
  history: HistoryEntry[];
  anomalies: Array<{
    code: string;
    label: string;
    detail: string;
    at: number;
    resolvedAt?: number;
    resolution?: string;
  }>;
  tariffName: string;
  platform: PlatformAnswer[];
  queriedAt: number;
}

export interface PlatformCall {
  id: string;
  kind: string;
  reqsn: string;
  purpose: string;
  amount: number;
  status: string;
  requestedAt: number;
  resolvedAt?: number;
  error?: { code: string; message: string };
  by?: string;
  reason?: string;
}

export interface SessionActionResult {
  outcome: Outcome;
  session: SessionSummary;
}

export interface GateOpenResult {
  outcome: Outcome;
  gateId: string;
  commandId: string;
  session?: SessionSummary;
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
  detail?: unknown;
  /** The actor as colleagues know them, fixed when the record was written. */
  byName?: string;
  subject?: string;
  changes?: Array<{ label: string; from: string; to: string }>;
}

export interface ReconSide {
  charged: number;
  returned: number;
  aip: number;
}

export interface Reconciliation {
  lotId: string;
  date: string;
  sessions: number;
  ours: ReconSide;
  platform: ReconSide;
  unavailable: number;
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
  checkedAt: number;
}

export interface RevenueRow extends MoneyTotals {
  date: string;
  lotId: string;
}

export interface Revenue {
  from: string;
  to: string;
  rows: RevenueRow[];
  totals: MoneyTotals;
}

/** money: op.revenue.export, the payments of a day or range as CSV text (BOM, CRLF). */
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

export type InvitationState = 'open' | 'used' | 'revoked' | 'expired';

export interface Invitation {
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
  invitation: Invitation;
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
