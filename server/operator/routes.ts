import type { z } from 'zod';
import type { LotInput } from '../../core/parking/lot';
import type { TariffInput } from '../../core/parking/tariff';
import { route } from '../api-kit/router';
import type { operatorContract } from '../contract/operator';
import type { ApiContext, RoutesFor } from '../parking/api/context';
import { lotsWhere } from './access';
import { listAudit } from './audit';
import { dashboard } from './dashboard';
import { openGate } from './gate-open';
import { operatorInputs as input } from '../contract/operator-inputs';
import { changeGrant, listOperators, me } from './operators-admin';
import {
  getLot,
  getTariff,
  listGates,
  listLots,
  listSpots,
  updateLot,
  upsertGate,
  upsertSpot,
  upsertTariff,
} from './places-admin';
import { deletePlace } from './places-delete';
import { qrSettingsFromEnv } from './qr-render';
import { lotQrCodes } from './qrcodes';
import { reconciliationReport } from './reconciliation';
import { revenueRange, revenueReport } from './revenue';
import { exportPayments } from './payments-export';
import { operatorEndSession, previewOperatorEnd, resolveAnomalies } from './session-actions';
import { listSessions, sessionForOperator } from './sessions';
import { requireRight } from './access';
import { createInvitation, listInvitations, revokeInvitation } from './invitations';
import { createLot } from './lot-create';

/**
 * The operator routes of the `api` function. The router refuses callers without any grant
 * (authorizeAnyOperator); every handler then checks the caller's right for the lot concerned
 * (core/parking OPERATOR_RIGHTS via checkRight). Money is integer fen; dates are China dates.
 */
const op = <S extends z.ZodType, R>(
  schema: S,
  handle: (ctx: ApiContext, data: z.output<S>) => Promise<R>,
) => route<S, ApiContext, R>({ audience: 'operator', input: schema, handle });

export function createOperatorRoutes(env: NodeJS.ProcessEnv = process.env) {
  return {
    'op.me': op(input.nothing, (ctx) => me(ctx)),
    'op.dashboard': op(input.nothing, (ctx) => dashboard(ctx)),

    'op.lots.list': op(input.nothing, (ctx) => listLots(ctx)),
    'op.lots.get': op(input.lot, (ctx, d) => getLot(ctx, d.lotId)),
    'op.lots.upsert': op(input.lotUpsert, (ctx, d) =>
      updateLot(ctx, { lot: d.lot as LotInput, ...(d.reason && { reason: d.reason }) }),
    ),
    'op.gates.list': op(input.lot, (ctx, d) => listGates(ctx, d.lotId)),
    'op.gates.upsert': op(input.gateUpsert, (ctx, d) =>
      upsertGate(ctx, { gate: d.gate, ...(d.reason && { reason: d.reason }) }),
    ),
    'op.gates.delete': op(input.gateDelete, (ctx, d) =>
      deletePlace(ctx, {
        lotId: d.lotId,
        kind: 'gate',
        id: d.gateId,
        ...(d.reason && { reason: d.reason }),
      }),
    ),
    'op.spots.list': op(input.lot, (ctx, d) => listSpots(ctx, d.lotId)),
    'op.spots.upsert': op(input.spotUpsert, (ctx, d) =>
      upsertSpot(ctx, { spot: d.spot, ...(d.reason && { reason: d.reason }) }),
    ),
    'op.spots.delete': op(input.spotDelete, (ctx, d) =>
      deletePlace(ctx, {
        lotId: d.lotId,
        kind: 'spot',
        id: d.spotId,
        ...(d.reason && { reason: d.reason }),
      }),
    ),
    'op.tariffs.get': op(input.lot, (ctx, d) => getTariff(ctx, d.lotId)),
    'op.tariffs.upsert': op(input.tariffUpsert, (ctx, d) =>
      upsertTariff(ctx, {
        lotId: d.lotId,
        tariff: d.tariff as TariffInput,
        ...(d.reason && { reason: d.reason }),
      }),
    ),
    'op.qrcodes': op(input.lot, (ctx, d) => lotQrCodes(ctx, d.lotId, qrSettingsFromEnv(env))),

    'op.sessions.list': op(input.sessionsList, (ctx, d) =>
      listSessions(ctx, {
        lotId: d.lotId,
        offset: d.offset,
        limit: d.limit,
        ...(d.state !== undefined && { states: Array.isArray(d.state) ? d.state : [d.state] }),
        ...(d.plate !== undefined && { plate: d.plate.toUpperCase() }),
        ...(d.from !== undefined && { from: d.from }),
        ...(d.to !== undefined && { to: d.to }),
        ...(d.flagged !== undefined && { flagged: d.flagged }),
      }),
    ),
    'op.sessions.get': op(input.session, (ctx, d) => sessionForOperator(ctx, d.sessionId)),
    'op.sessions.finish': op(input.sessionAction, (ctx, d) => operatorEndSession(ctx, d, 'finish')),
    'op.sessions.cancel': op(input.sessionAction, (ctx, d) => operatorEndSession(ctx, d, 'cancel')),
    'op.sessions.resolve': op(input.sessionAction, (ctx, d) => resolveAnomalies(ctx, d)),
    // lifecycle: what finish / cancel would charge and return, before a reason is typed.
    'op.sessions.preview': op(input.sessionPreview, (ctx, d) => previewOperatorEnd(ctx, d)),
    'op.gate.open': op(input.gateOpen, (ctx, d) =>
      openGate(ctx, {
        gateId: d.gateId,
        reason: d.reason,
        ...(d.sessionId !== undefined && { sessionId: d.sessionId }),
      }),
    ),
    'op.audit.list': op(input.auditList, async (ctx, d) => {
      await requireRight(ctx, d.lotId, 'lot.view');
      return { lotId: d.lotId, ...(await listAudit(ctx.deps.db, d.lotId, d)) };
    }),
    'op.reconciliation': op(input.reconciliation, (ctx, d) => reconciliationReport(ctx, d)),
    'op.revenue': op(input.revenue, async (ctx, d) => {
      const lotIds = d.lotIds ?? (d.lotId ? [d.lotId] : await lotsWhere(ctx, 'revenue.view'));
      return revenueReport(ctx, { lotIds, ...(await revenueRange(ctx, d)) });
    }),
    // money: the payments of a day or range as CSV (same input and rights as op.revenue).
    'op.revenue.export': op(input.revenue, async (ctx, d) => {
      const lotIds = d.lotIds ?? (d.lotId ? [d.lotId] : await lotsWhere(ctx, 'revenue.view'));
      return exportPayments(ctx, { lotIds, ...(await revenueRange(ctx, d)) });
    }),

    'op.operators.list': op(input.lot, (ctx, d) => listOperators(ctx, d.lotId)),
    'op.operators.grant': op(input.operatorGrant, (ctx, d) =>
      changeGrant(ctx, {
        lotId: d.lotId,
        openid: d.openid,
        role: d.role,
        ...(d.reason && { reason: d.reason }),
      }),
    ),
    'op.operators.revoke': op(input.operatorRevoke, (ctx, d) =>
      changeGrant(ctx, {
        lotId: d.lotId,
        openid: d.openid,
        role: undefined,
        ...(d.reason && { reason: d.reason }),
      }),
    ),

    // Lot creation and invitations (issue 11 Deliver 4).
    'op.lots.create': op(input.lotCreate, (ctx, d) =>
      createLot(ctx, { lot: d.lot, ...(d.reason && { reason: d.reason }) }),
    ),
    'op.invitations.create': op(input.invitationCreate, (ctx, d) =>
      createInvitation(ctx, d, qrSettingsFromEnv(env)),
    ),
    'op.invitations.list': op(input.lot, (ctx, d) => listInvitations(ctx, d.lotId)),
    'op.invitations.revoke': op(input.invitationCode, (ctx, d) => revokeInvitation(ctx, d)),
  } satisfies RoutesFor<typeof operatorContract>;
}

/** The operator routes of the `api` function, registered by its operator shell (api-shell.ts). */
export const operatorRoutes = createOperatorRoutes();

export type OperatorRouteName = keyof typeof operatorRoutes;
export const OPERATOR_ROUTE_NAMES = Object.keys(operatorRoutes) as OperatorRouteName[];
