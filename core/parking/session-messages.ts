/**
 * The subscribe messages a session change earns its driver (issue 13, Deliver 5): a pure function
 * of the session before and after one applied write, so that each is decided once per call
 * (the sender's record id, `<kind>:<callId>`, keeps repeats of the same change from sending twice).
 */
import type { PlatformCall, Session } from './session';

export interface SessionMessage {
  kind: 'parking_receipt' | 'payment_failed';
  /** The record id: one message per call. */
  id: string;
  openid: string;
  callId: string;
  /** The order number on the wire. */
  reqsn: string;
  /** A failure: the platform's message. */
  reason?: string;
  /** The call's fen: what was taken (receipt) or asked (failure). */
  amount: number;
  at: number;
}

/** Calls whose success takes the money for good: a pay, or a finish charging the stay. */
const charges = (c: PlatformCall) =>
  (c.kind === 'pay' || c.kind === 'finish') && c.status === 'succeeded' && c.amount > 0;

/** Calls the platform refused. */
const refused = (c: PlatformCall) =>
  (c.kind === 'pay' || c.kind === 'prepay' || c.kind === 'finish') && c.status === 'failed';

export function sessionMessages(before: Session, after: Session): SessionMessage[] {
  const openid = after.openid;
  if (!openid) return []; // a camera or H5 payment: no driver to tell
  const was = new Map(before.calls.map((c) => [c.id, c.status]));
  const out: SessionMessage[] = [];
  for (const call of after.calls) {
    if (was.get(call.id) === call.status) continue;
    const kind = charges(call) ? 'parking_receipt' : refused(call) ? 'payment_failed' : undefined;
    if (!kind) continue;
    out.push({
      kind,
      id: `${kind}:${call.id}`,
      openid,
      callId: call.id,
      reqsn: call.reqsn,
      ...(kind === 'payment_failed' && call.error && { reason: call.error.message }),
      amount: call.amount,
      at: call.completedAt ?? call.resolvedAt ?? call.requestedAt,
    });
  }
  return out;
}
