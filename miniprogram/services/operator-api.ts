import type { EndPreview } from './operator-preview';
import { callApi } from './call-api';
import type {
  AuditItem,
  Dashboard,
  Gate,
  GateOpenResult,
  Invitation,
  InvitationMade,
  InvitationPeek,
  Lot,
  OperatorEntry,
  OperatorMe,
  OperatorRole,
  Outcome,
  QrCode,
  Reconciliation,
  Revenue,
  PaymentsExport,
  SessionActionResult,
  SessionDetail,
  SessionFilter,
  SessionList,
  Spot,
  Tariff,
  TariffView,
} from './operator-types';

/** A report's range: missing dates are the server's default (money: 7 days up to its today). */
const range = (from?: string, to?: string, lotId?: string) => ({
  ...(from !== undefined && { from }),
  ...(to !== undefined && { to }),
  ...(lotId !== undefined && { lotId }),
});

// Typed calls to the operator routes (server/operator/README.md). Each throws ApiCallError with
// the server's code and Chinese message; the pages show that message.

export const operatorApi = {
  me: () => callApi<OperatorMe>('op.me'),
  dashboard: () => callApi<Dashboard>('op.dashboard'),

  lots: () => callApi<{ lots: Array<Lot & { role: OperatorRole }> }>('op.lots.list'),
  lot: (lotId: string) => callApi<{ lot: Lot; role: OperatorRole }>('op.lots.get', { lotId }),

  gates: (lotId: string) => callApi<{ gates: Gate[] }>('op.gates.list', { lotId }),
  saveGate: (gate: Pick<Gate, 'id' | 'lotId' | 'kind' | 'name'>) =>
    callApi<{ gate: Gate; created: boolean }>('op.gates.upsert', { gate }),
  deleteGate: (lotId: string, gateId: string) =>
    callApi<{ outcome: Outcome; id: string }>('op.gates.delete', { lotId, gateId }),
  spots: (lotId: string) => callApi<{ spots: Spot[] }>('op.spots.list', { lotId }),
  saveSpot: (spot: Pick<Spot, 'id' | 'lotId' | 'code' | 'name'>) =>
    callApi<{ spot: Spot; created: boolean }>('op.spots.upsert', { spot }),

  deleteSpot: (lotId: string, spotId: string) =>
    callApi<{ outcome: Outcome; id: string }>('op.spots.delete', { lotId, spotId }),

  tariff: (lotId: string) =>
    callApi<{ lotId: string; tariff: Tariff; view: TariffView }>('op.tariffs.get', { lotId }),
  saveTariff: (lotId: string, tariff: Tariff) =>
    callApi<{ lotId: string; tariff: Tariff }>('op.tariffs.upsert', { lotId, tariff }),

  qrcodes: (lotId: string) =>
    callApi<{ lotId: string; lotName: string; mode: string; codes: QrCode[] }>('op.qrcodes', {
      lotId,
    }),

  sessions: (filter: SessionFilter) => callApi<SessionList>('op.sessions.list', filter),
  session: (sessionId: string) => callApi<SessionDetail>('op.sessions.get', { sessionId }),
  finish: (sessionId: string, reason: string) =>
    callApi<SessionActionResult>('op.sessions.finish', { sessionId, reason }),
  cancel: (sessionId: string, reason: string) =>
    callApi<SessionActionResult>('op.sessions.cancel', { sessionId, reason }),
  /** lifecycle: what finish / cancel would charge and return now (read-only). */
  preview: (sessionId: string, action: 'finish' | 'cancel') =>
    callApi<EndPreview>('op.sessions.preview', { sessionId, action }),
  resolve: (sessionId: string, reason: string) =>
    callApi<SessionActionResult>('op.sessions.resolve', { sessionId, reason }),
  openGate: (gateId: string, reason: string, sessionId?: string) =>
    callApi<GateOpenResult>('op.gate.open', {
      gateId,
      reason,
      ...(sessionId !== undefined && { sessionId }),
    }),

  audit: (lotId: string, offset = 0, limit = 20) =>
    callApi<{ lotId: string; items: AuditItem[]; nextOffset?: number }>('op.audit.list', {
      lotId,
      offset,
      limit,
    }),
  /** money: without a date, the server's today. */
  reconciliation: (lotId: string, date?: string) =>
    callApi<Reconciliation>('op.reconciliation', {
      lotId,
      ...(date !== undefined && { date }),
    }),
  /** money: without dates, the server's last 7 China days up to its today. */
  revenue: (from?: string, to?: string, lotId?: string) =>
    callApi<Revenue>('op.revenue', range(from, to, lotId)),
  exportPayments: (from?: string, to?: string, lotId?: string) =>
    callApi<PaymentsExport>('op.revenue.export', range(from, to, lotId)),

  operators: (lotId: string) =>
    callApi<{ lotId: string; operators: OperatorEntry[] }>('op.operators.list', { lotId }),
  grant: (lotId: string, openid: string, role: OperatorRole) =>
    callApi<{ outcome: Outcome }>('op.operators.grant', { lotId, openid, role }),
  revoke: (lotId: string, openid: string) =>
    callApi<{ outcome: Outcome }>('op.operators.revoke', { lotId, openid }),

  saveLot: (lot: Lot, reason?: string) =>
    callApi<{ lot: Lot }>('op.lots.upsert', { lot, ...(reason && { reason }) }),
  createLot: (lot: Omit<Lot, 'tariffId'>) =>
    callApi<{ lot: Lot; tariff: Tariff }>('op.lots.create', { lot }),

  invitations: (lotId: string) =>
    callApi<{ lotId: string; invitations: Invitation[] }>('op.invitations.list', { lotId }),
  invite: (lotId: string, role: OperatorRole, hours: number) =>
    callApi<InvitationMade>('op.invitations.create', { lotId, role, hours }),
  revokeInvitation: (code: string) =>
    callApi<{ outcome: Outcome; code: string }>('op.invitations.revoke', { code }),
  /** The invitee's side: driver routes (they hold no grant yet). */
  peekInvitation: (code: string) => callApi<InvitationPeek>('invitation.get', { code }),
  acceptInvitation: (code: string, name: string) =>
    callApi<{ lotId: string; lotName: string; role: OperatorRole; outcome: Outcome }>(
      'invitation.accept',
      { code, name },
    ),
};
