import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A lot controller signs each call to the `gate` endpoint with its lot's secret:
 *   x-gate-lot: <lotId>   x-gate-timestamp: <unix seconds>   x-gate-nonce: <8–64 chars>
 *   x-gate-signature: hex(HMAC-SHA256(secret, `${lotId}\n${timestamp}\n${nonce}\n${rawBody}`))
 * The timestamp bounds how long a captured request stays usable; the nonce, remembered for that
 * window, refuses a replay inside it.
 */
export const GATE_HEADERS = {
  lot: 'x-gate-lot',
  timestamp: 'x-gate-timestamp',
  nonce: 'x-gate-nonce',
  signature: 'x-gate-signature',
} as const;

/** How far a request's timestamp may be from our clock, in seconds. */
export const GATE_CLOCK_SKEW_SECONDS = 300;

export function gateSignature(
  secret: string,
  parts: { lotId: string; timestamp: string; nonce: string; body: string },
): string {
  return createHmac('sha256', secret)
    .update(`${parts.lotId}\n${parts.timestamp}\n${parts.nonce}\n${parts.body}`, 'utf8')
    .digest('hex');
}

export type GateAuthFailure =
  'GATE_AUTH_MISSING' | 'GATE_AUTH_STALE' | 'GATE_AUTH_BAD_SIGNATURE' | 'GATE_AUTH_UNKNOWN_LOT';

export interface GateAuthHeaders {
  lotId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

/** Reads the auth headers (case-insensitive) or says which is missing or malformed. */
export function readGateHeaders(
  headers: Record<string, string | string[] | undefined>,
): GateAuthHeaders | undefined {
  const get = (name: string) => {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    const value = key === undefined ? undefined : headers[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const lotId = get(GATE_HEADERS.lot);
  const timestamp = get(GATE_HEADERS.timestamp);
  const nonce = get(GATE_HEADERS.nonce);
  const signature = get(GATE_HEADERS.signature);
  if (!lotId || lotId.length > 64) return undefined;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return undefined;
  if (!nonce || !/^[A-Za-z0-9-]{8,64}$/.test(nonce)) return undefined;
  if (!signature || !/^[0-9a-fA-F]{64}$/.test(signature)) return undefined;
  return { lotId, timestamp, nonce, signature };
}

/** Checks freshness and the HMAC in constant time. Replay (nonce reuse) is checked by the caller. */
export function checkGateSignature(
  auth: GateAuthHeaders,
  body: string,
  secret: string,
  nowSeconds: number,
): GateAuthFailure | undefined {
  if (Math.abs(nowSeconds - Number(auth.timestamp)) > GATE_CLOCK_SKEW_SECONDS)
    return 'GATE_AUTH_STALE';
  const expected = Buffer.from(gateSignature(secret, { ...auth, body }), 'hex');
  const received = Buffer.from(auth.signature, 'hex');
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
    return 'GATE_AUTH_BAD_SIGNATURE';
  }
  return undefined;
}
