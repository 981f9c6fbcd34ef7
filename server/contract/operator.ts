import type { Gate } from '../../core/parking/gate';
import type { Lot } from '../../core/parking/lot';
import type { Spot } from '../../core/parking/spot';
import type { Tariff } from '../../core/parking/tariff';
import { operatorInputs as input } from './operator-inputs';
import type {
  AuditPage,
  Dashboard,
  EndOutcome,
  EndPreview,
  GateOpenOutcome,
  GrantChange,
  InvitationAccepted,
  InvitationMade,
  InvitationPeek,
  InvitationView,
  LotQrCodes,
  LotWithRole,
  OperatorEntry,
  OperatorMe,
  OperatorRole,
  OperatorSessionDetail,
  PaymentsExport,
  Reconciliation,
  Revenue,
  SessionList,
  TariffOfLot,
} from './operator-views';
import { spec } from './route-spec';

/**
 * The operator routes of the `api` function: input schemas (operator-inputs.ts) and output
 * types. The router refuses callers without any grant; each handler checks the caller's right
 * for the lot concerned (server/operator).
 */
export const operatorContract = {
  'op.me': spec<OperatorMe>()(input.nothing),
  'op.dashboard': spec<Dashboard>()(input.nothing),

  'op.lots.list': spec<{ lots: LotWithRole[] }>()(input.nothing),
  'op.lots.get': spec<{ lot: Lot; role: OperatorRole }>()(input.lot),
  'op.lots.upsert': spec<{ lot: Lot }>()(input.lotUpsert),
  'op.gates.list': spec<{ gates: Gate[] }>()(input.lot),
  'op.gates.upsert': spec<{ gate: Gate; created: boolean }>()(input.gateUpsert),
  'op.gates.delete': spec<{ outcome: 'applied' | 'already'; id: string }>()(input.gateDelete),
  'op.spots.list': spec<{ spots: Spot[] }>()(input.lot),
  'op.spots.upsert': spec<{ spot: Spot; created: boolean }>()(input.spotUpsert),
  'op.spots.delete': spec<{ outcome: 'applied' | 'already'; id: string }>()(input.spotDelete),
  'op.tariffs.get': spec<TariffOfLot>()(input.lot),
  'op.tariffs.upsert': spec<{ lotId: string; tariff: Tariff }>()(input.tariffUpsert),
  'op.qrcodes': spec<LotQrCodes>()(input.lot),

  'op.sessions.list': spec<SessionList>()(input.sessionsList),
  'op.sessions.get': spec<OperatorSessionDetail>()(input.session),
  'op.sessions.finish': spec<EndOutcome>()(input.sessionAction),
  'op.sessions.cancel': spec<EndOutcome>()(input.sessionAction),
  'op.sessions.resolve': spec<EndOutcome>()(input.sessionAction),
  'op.sessions.preview': spec<EndPreview>()(input.sessionPreview),
  'op.gate.open': spec<GateOpenOutcome>()(input.gateOpen),

  'op.audit.list': spec<AuditPage>()(input.auditList),
  'op.reconciliation': spec<Reconciliation>()(input.reconciliation),
  'op.revenue': spec<Revenue>()(input.revenue),
  'op.revenue.export': spec<PaymentsExport>()(input.revenue),

  'op.operators.list': spec<{ lotId: string; operators: OperatorEntry[] }>()(input.lot),
  'op.operators.grant': spec<GrantChange>()(input.operatorGrant),
  'op.operators.revoke': spec<GrantChange>()(input.operatorRevoke),

  'op.lots.create': spec<{ lot: Lot; tariff: Tariff }>()(input.lotCreate),
  'op.invitations.create': spec<InvitationMade>()(input.invitationCreate),
  'op.invitations.list': spec<{ lotId: string; invitations: InvitationView[] }>()(input.lot),
  'op.invitations.revoke': spec<{ outcome: 'applied' | 'already'; code: string }>()(
    input.invitationCode,
  ),
};

/** An invitation opened by the invitee: driver routes, since the invitee holds no grant yet. */
export const inviteeContract = {
  'invitation.get': spec<InvitationPeek>()(input.invitationCode),
  'invitation.accept': spec<InvitationAccepted>()(input.invitationAccept),
};
