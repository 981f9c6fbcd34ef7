import {
  type Anomaly,
  type AnomalyCode,
  type PlatformCall,
  type Session,
  type SessionAmounts,
  findCall,
  prepayReqsn,
} from './session';
import type { FreezeTotals, SessionEvent } from './session-events';
import type { SessionState } from './session-states';

/**
 * What an applied event changes in the record besides the state (the machine sets the state,
 * version, history and flag). Pure: returns a new session, never edits the one given.
 */
export interface EffectResult {
  session: Session;
  /** A short remark for the history entry. */
  note?: string;
}

function withCall(session: Session, id: string, patch: Partial<PlatformCall>): Session {
  return { ...session, calls: session.calls.map((c) => (c.id === id ? { ...c, ...patch } : c)) };
}

function addCall(session: Session, call: PlatformCall): Session {
  return { ...session, calls: [...session.calls, call] };
}

function addAnomaly(session: Session, code: AnomalyCode, detail: string, at: number): Session {
  const anomaly: Anomaly = { code, detail, at };
  return { ...session, anomalies: [...session.anomalies, anomaly] };
}

/** Handling fees and coupons are kept on the pay and prepay calls; the totals are their sums. */
function recountCallAmounts(session: Session): Session {
  const amounts: SessionAmounts = {
    ...session.amounts,
    aip: session.calls.reduce((sum, c) => sum + (c.aip ?? 0), 0),
    coupons: session.calls.reduce((sum, c) => sum + (c.coupons ?? 0), 0),
  };
  return { ...session, amounts };
}

/** The platform's running totals of the freeze are the truth (protocol note 7). */
function withTotals(session: Session, totals: FreezeTotals): Session {
  let next: Session = {
    ...session,
    amounts: {
      ...session.amounts,
      frozen: totals.fee,
      finished: totals.finished,
      returned: totals.returned,
    },
  };
  const prepay = next.calls.find((c) => c.kind === 'prepay' && c.status === 'succeeded');
  if (prepay && (totals.aip !== undefined || totals.coupons !== undefined)) {
    next = withCall(next, prepay.id, {
      ...(totals.aip !== undefined && { aip: totals.aip }),
      ...(totals.coupons !== undefined && { coupons: totals.coupons }),
    });
  }
  return recountCallAmounts(next);
}

function freezeCall(
  session: Session,
  event: SessionEvent & { callId: string; amount: number },
  kind: 'finish' | 'cancel',
  purpose: PlatformCall['purpose'],
  extra: Partial<PlatformCall> = {},
): Session {
  return addCall(session, {
    id: event.callId,
    kind,
    reqsn: prepayReqsn(session) ?? event.callId,
    purpose,
    amount: event.amount,
    ...(kind === 'finish' && { feeType: 9 as const }),
    status: 'requested',
    requestedAt: event.at,
    ...(event.by !== undefined && { by: event.by }),
    ...extra,
  });
}

/** A session closed by a call started at an exit gate's code left through that gate. */
function outGate(call: PlatformCall): { outGateId?: string } {
  return call.exitGateId !== undefined ? { outGateId: call.exitGateId } : {};
}

export function applyEffect(
  session: Session,
  event: SessionEvent,
  from: SessionState,
  to: SessionState,
): EffectResult {
  const at = event.at;
  switch (event.type) {
    case 'pay_requested':
      return {
        session: addCall(session, {
          id: event.callId,
          kind: 'pay',
          reqsn: event.callId,
          purpose: 'payment',
          amount: event.amount,
          status: 'requested',
          requestedAt: at,
          ...(event.by !== undefined && { by: event.by }),
          ...(event.atExit && { atExit: true as const }),
          ...(event.exitGateId !== undefined && { exitGateId: event.exitGateId }),
          ...(event.browser && { browser: true as const }),
        }),
        ...(from === 'paid' && { note: 'overstay after the grace time' }),
      };

    case 'request_accepted':
      return {
        session: withCall(session, event.callId, {
          status: 'accepted',
          ...(event.trxid !== undefined && { trxid: event.trxid }),
        }),
      };

    case 'call_outcome_unknown':
      return { session: withCall(session, event.callId, { status: 'unknown' }) };

    case 'payment_succeeded': {
      const call = findCall(session, event.callId) as PlatformCall;
      if (call.status === 'succeeded') {
        // Only the coupons of a success already recorded (session-repeats): set once, recounted.
        const coupons = event.coupons ?? 0;
        return {
          session: recountCallAmounts(withCall(session, event.callId, { coupons })),
          note: `coupons ${coupons}`,
        };
      }
      let next = withCall(session, event.callId, {
        status: 'succeeded',
        resolvedAt: at,
        ...(event.trxid !== undefined && { trxid: event.trxid }),
        ...(event.aip !== undefined && { aip: event.aip }),
        ...(event.coupons !== undefined && { coupons: event.coupons }),
        ...(event.completedAt !== undefined && { completedAt: event.completedAt }),
      });
      next = recountCallAmounts(next);
      if (call.kind === 'pay') {
        next = {
          ...next,
          amounts: { ...next.amounts, paid: next.amounts.paid + event.amount },
          paidAt: at,
        };
      } else {
        next = { ...next, amounts: { ...next.amounts, frozen: event.amount } };
      }
      if (to === 'paid' || to === 'closed') {
        next = { ...next, mayLeaveUntil: at + session.policy.graceSeconds };
      }
      // Paid at the exit gate: the exit is the scan that billed the stay (the amount's end).
      if (to === 'closed' && from !== to) {
        next = { ...next, outTime: call.requestedAt, ...outGate(call) };
      }
      if (from === to) {
        // Double when another pay had already succeeded; otherwise a late one (e.g. after the exit).
        const double = call.kind === 'pay' && session.amounts.paid > 0;
        const code = double ? 'double_payment' : 'late_payment';
        return {
          session: addAnomaly(
            next,
            code,
            `${call.kind} ${call.reqsn} ${event.amount} fen succeeded in state ${from}`,
            at,
          ),
          note: code,
        };
      }
      const late = call.status === 'failed' || call.status === 'abandoned';
      return { session: next, ...(late && { note: 'late payment: it stands' }) };
    }

    case 'payment_failed':
      return {
        session: withCall(session, event.callId, {
          status: 'failed',
          resolvedAt: at,
          error: { code: event.code, message: event.message },
        }),
        note: event.code,
      };

    case 'payment_abandoned':
      return {
        session: withCall(session, event.callId, {
          status: 'abandoned',
          resolvedAt: at,
          ...(event.reason !== undefined && { reason: event.reason }),
        }),
      };

    case 'arrival_recorded':
      return { session: { ...session, arrivedAt: at } };

    case 'arrival_requested':
      return {
        session: addCall(session, {
          id: event.callId,
          kind: 'finish',
          reqsn: prepayReqsn(session) ?? event.callId,
          purpose: 'arrival',
          amount: event.amount,
          feeType: 1,
          status: 'requested',
          requestedAt: at,
          ...(event.by !== undefined && { by: event.by }),
        }),
      };

    case 'settlement_requested':
      return {
        session: {
          ...freezeCall(session, event, event.call, event.purpose, {
            due: event.due,
            ...(event.reason !== undefined && { reason: event.reason }),
            ...(event.atExit && { atExit: true as const }),
            ...(event.exitGateId !== undefined && { exitGateId: event.exitGateId }),
          }),
          ...(event.purpose === 'exit' && { outTime: at }),
          ...(event.operatorCancel && { operatorCancelled: true as const }),
        },
      };

    case 'cancel_requested':
      return {
        session: freezeCall(session, event, 'cancel', 'booking_cancel', {
          ...(event.reason !== undefined && { reason: event.reason }),
        }),
      };

    case 'no_show_requested':
      return { session: freezeCall(session, event, event.call, 'no_show') };

    case 'freeze_call_succeeded': {
      const call = findCall(session, event.callId) as PlatformCall;
      let next = withTotals(
        withCall(session, event.callId, {
          status: 'succeeded',
          resolvedAt: at,
          ...(event.totals.aip !== undefined && { aipTotal: event.totals.aip }),
        }),
        event.totals,
      );
      if (call.purpose === 'arrival') {
        next = {
          ...next,
          arrivedAt: call.requestedAt,
          amounts: { ...next.amounts, bookingFee: next.amounts.bookingFee + call.amount },
        };
      }
      if (to === 'paid' || to === 'closed')
        next = { ...next, paidAt: at, mayLeaveUntil: at + session.policy.graceSeconds };
      if (to === 'closed' && from !== to) next = { ...next, ...outGate(call) };
      return { session: next };
    }

    case 'freeze_call_failed':
      return {
        session: withCall(session, event.callId, {
          status: 'failed',
          resolvedAt: at,
          error: { code: event.code, message: event.message },
        }),
        note: event.code,
      };

    case 'platform_settled': {
      // Our own finish or cancel, if one was out, can no longer apply.
      let next = session;
      for (const c of session.calls) {
        if (
          (c.kind === 'finish' || c.kind === 'cancel') &&
          ['requested', 'accepted', 'unknown'].includes(c.status)
        ) {
          next = withCall(next, c.id, {
            status: 'failed',
            resolvedAt: at,
            error: { code: 'PLATFORM_SETTLED', message: 'endTime passed first' },
          });
        }
      }
      next = { ...withTotals(next, event.totals), settledByPlatformAt: at };
      const detail = `road ${session.policy.road}: finished ${event.totals.finished}, returned ${event.totals.returned}`;
      return { session: addAnomaly(next, 'platform_settled', detail, at), note: detail };
    }

    case 'exit_reported': {
      // An exit settlement already fixed outTime as the end of what was billed; the receipt
      // recomputes the fee to outTime, so a later report must not move it past a unit boundary.
      const next = {
        ...session,
        outTime: session.outTime ?? at,
        ...(event.gateId !== undefined && { outGateId: session.outGateId ?? event.gateId }),
      };
      if (event.amountDue > 0) {
        return {
          session: addAnomaly(next, 'left_unpaid', `left owing ${event.amountDue} fen`, at),
          note: 'left unpaid',
        };
      }
      return { session: next };
    }

    case 'exit_not_recorded': {
      // What it paid covers the stay to the moment that payment was billed; unpaid, the stay
      // is billed to the new entry.
      const billed = [...session.calls]
        .reverse()
        .find((c) => (c.kind === 'pay' || c.kind === 'finish') && c.status === 'succeeded');
      const paidTo = billed?.requestedAt ?? session.paidAt ?? at;
      const outTime = session.outTime ?? (from === 'paid' ? paidTo : at);
      const detail = `entered again at ${at}; last state ${from}, paid ${session.amounts.paid + session.amounts.finished} fen`;
      return {
        session: addAnomaly({ ...session, outTime }, 'exit_not_recorded', detail, at),
        note: 'exit not recorded',
      };
    }

    case 'operator_closed':
      return {
        session: event.operatorCancel ? { ...session, operatorCancelled: true } : session,
        note: event.reason,
      };

    case 'stale_flagged':
      return { session: addAnomaly(session, 'stale', `unfinished since ${session.inTime}`, at) };

    case 'anomaly_recorded':
      return { session: addAnomaly(session, event.code, event.detail, at), note: event.code };

    case 'anomalies_resolved':
      return {
        session: {
          ...session,
          anomalies: session.anomalies.map((a) =>
            a.resolvedAt === undefined
              ? { ...a, resolvedAt: at, resolvedBy: event.by, resolution: event.reason }
              : a,
          ),
        },
        note: event.reason,
      };
  }
}
