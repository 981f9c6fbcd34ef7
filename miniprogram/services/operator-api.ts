import { callApi } from './call-api';
import type { Gate, Lot, OperatorRole, SessionFilter, Spot, Tariff } from './operator-types';

/** A report's range: missing dates are the server's default (money: 7 days up to its today). */
const range = (from?: string, to?: string, lotId?: string) => ({
  ...(from !== undefined && { from }),
  ...(to !== undefined && { to }),
  ...(lotId !== undefined && { lotId }),
});

// Calls to the operator routes (server/contract/operator.ts: inputs and outputs are the
// contract's). Each throws ApiCallError with the server's code and Chinese message; the pages
// show that message.

export const operatorApi = {
  me: () => callApi('op.me'),
  dashboard: () => callApi('op.dashboard'),

  lots: () => callApi('op.lots.list'),
  lot: (lotId: string) => callApi('op.lots.get', { lotId }),

  gates: (lotId: string) => callApi('op.gates.list', { lotId }),
  saveGate: (gate: Pick<Gate, 'id' | 'lotId' | 'kind' | 'name'>) =>
    callApi('op.gates.upsert', { gate }),
  deleteGate: (lotId: string, gateId: string) => callApi('op.gates.delete', { lotId, gateId }),
  spots: (lotId: string) => callApi('op.spots.list', { lotId }),
  saveSpot: (spot: Pick<Spot, 'id' | 'lotId' | 'code' | 'name'>) =>
    callApi('op.spots.upsert', { spot }),

  deleteSpot: (lotId: string, spotId: string) => callApi('op.spots.delete', { lotId, spotId }),

  tariff: (lotId: string) => callApi('op.tariffs.get', { lotId }),
  saveTariff: (lotId: string, tariff: Tariff) => callApi('op.tariffs.upsert', { lotId, tariff }),

  qrcodes: (lotId: string) =>
    callApi('op.qrcodes', {
      lotId,
    }),

  sessions: (filter: SessionFilter) => callApi('op.sessions.list', filter),
  session: (sessionId: string) => callApi('op.sessions.get', { sessionId }),
  finish: (sessionId: string, reason: string) =>
    callApi('op.sessions.finish', { sessionId, reason }),
  cancel: (sessionId: string, reason: string) =>
    callApi('op.sessions.cancel', { sessionId, reason }),
  /** lifecycle: what finish / cancel would charge and return now (read-only). */
  preview: (sessionId: string, action: 'finish' | 'cancel') =>
    callApi('op.sessions.preview', { sessionId, action }),
  resolve: (sessionId: string, reason: string) =>
    callApi('op.sessions.resolve', { sessionId, reason }),
  openGate: (gateId: string, reason: string, sessionId?: string) =>
    callApi('op.gate.open', {
      gateId,
      reason,
      ...(sessionId !== undefined && { sessionId }),
    }),

  audit: (lotId: string, offset = 0, limit = 20) =>
    callApi('op.audit.list', {
      lotId,
      offset,
      limit,
    }),
  /** money: without a date, the server's today. */
  reconciliation: (lotId: string, date?: string) =>
    callApi('op.reconciliation', {
      lotId,
      ...(date !== undefined && { date }),
    }),
  /** money: without dates, the server's last 7 China days up to its today. */
  revenue: (from?: string, to?: string, lotId?: string) =>
    callApi('op.revenue', range(from, to, lotId)),
  exportPayments: (from?: string, to?: string, lotId?: string) =>
    callApi('op.revenue.export', range(from, to, lotId)),

  operators: (lotId: string) => callApi('op.operators.list', { lotId }),
  grant: (lotId: string, openid: string, role: OperatorRole) =>
    callApi('op.operators.grant', { lotId, openid, role }),
  revoke: (lotId: string, openid: string) => callApi('op.operators.revoke', { lotId, openid }),

  saveLot: (lot: Lot, reason?: string) =>
    callApi('op.lots.upsert', { lot, ...(reason && { reason }) }),
  createLot: (lot: Omit<Lot, 'tariffId'>) => callApi('op.lots.create', { lot }),

  invitations: (lotId: string) => callApi('op.invitations.list', { lotId }),
  invite: (lotId: string, role: OperatorRole, hours: number) =>
    callApi('op.invitations.create', { lotId, role, hours }),
  revokeInvitation: (code: string) => callApi('op.invitations.revoke', { code }),
  /** The invitee's side: driver routes (they hold no grant yet). */
  peekInvitation: (code: string) => callApi('invitation.get', { code }),
  acceptInvitation: (code: string, name: string) => callApi('invitation.accept', { code, name }),
};
