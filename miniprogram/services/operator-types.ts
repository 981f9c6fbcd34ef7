// What the operator routes answer and take: the contract's types (server/contract), imported
// type-only, like driver-types.ts. Nothing here runs.
import type { RouteInput } from '../../server/contract';
import type { SessionFlow, SessionState } from '../../core/parking/session-states';

export type { SessionFlow, SessionState };
export type {
  AuditItem,
  Dashboard,
  DashboardLot,
  EndOutcome as SessionActionResult,
  Gate,
  GateOpenOutcome as GateOpenResult,
  InvitationView as Invitation,
  InvitationMade,
  InvitationPeek,
  InvitationState,
  Lot,
  MoneyKinds,
  MoneyTotals,
  OperatorEntry,
  OperatorMe,
  OperatorRole,
  OperatorSessionDetail as SessionDetail,
  OperatorSessionSummary as SessionSummary,
  Outcome,
  PassSales,
  PaymentsExport,
  PlatformAnswer,
  QrCode,
  ReconSide,
  Reconciliation,
  Revenue,
  RevenueRow,
  SessionList,
  Spot,
  Tariff,
  TariffView,
} from '../../server/contract';
export type { HistoryEntry, PlatformCall } from '../../core/parking/session';

/** op.sessions.list's filter, as the page builds it. */
export type SessionFilter = RouteInput<'op.sessions.list'>;
