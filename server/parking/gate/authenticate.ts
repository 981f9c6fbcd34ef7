import { AppError } from '../../api-kit/app-error';
import {
  type GateAuthFailure,
  checkGateSignature,
  readGateHeaders,
} from '../../gate-auth/gate-signature';
import { COLLECTIONS } from '../../store/collections';
import type { ParkingDeps } from '../deps';
import type { HttpAccessEvent } from '../http/http-access';

/**
 * Who is calling: the lot whose secret signs the call (server/gate-auth: HMAC over lot, timestamp,
 * nonce and the raw body; the timestamp checked against real time). A nonce is accepted once: the
 * insert of `gate_nonces/<lotId>:<nonce>` fails for a replay.
 */

const AUTH_TEXT: Record<GateAuthFailure, string> = {
  GATE_AUTH_MISSING: 'missing or malformed x-gate-* headers',
  GATE_AUTH_STALE: 'x-gate-timestamp is outside the allowed clock skew',
  GATE_AUTH_BAD_SIGNATURE: 'x-gate-signature does not match',
  GATE_AUTH_UNKNOWN_LOT: 'no gate secret for this lot',
};

interface LotSecretDoc {
  _id: string;
  secret: string;
}

/** The lot id of a call signed by its lot's secret with a fresh nonce; AppError otherwise. */
export async function authenticateGate(
  deps: ParkingDeps,
  event: HttpAccessEvent,
  body: string,
): Promise<string> {
  const auth = readGateHeaders(event.headers ?? {});
  const fail = (code: GateAuthFailure) => new AppError(code, AUTH_TEXT[code]);
  if (!auth) throw fail('GATE_AUTH_MISSING');
  const secret = await deps.db.collection<LotSecretDoc>(COLLECTIONS.lotSecrets).get(auth.lotId);
  if (!secret?.secret) throw fail('GATE_AUTH_UNKNOWN_LOT');
  const realNow = Math.floor(Date.now() / 1000);
  const failure = checkGateSignature(auth, body, secret.secret, realNow);
  if (failure) throw fail(failure);
  const nonce = await deps.db
    .collection<{ _id: string; at: number }>(COLLECTIONS.gateNonces)
    .insert({ _id: `${auth.lotId}:${auth.nonce}`, at: realNow });
  if (nonce === 'duplicate') throw new AppError('GATE_REPLAY', 'this nonce was already used');
  return auth.lotId;
}
