// Calls on the local stack that tests (and later bench and chaos) make the same way: a lot
// controller's signed report to /gate, the payer paying at the sandbox cashier, the sandbox clock.
import { randomBytes } from 'node:crypto';
import type { ApiResult } from '../server/api-kit/result';
import { GATE_HEADERS, gateSignature } from '../server/gate-auth/gate-signature';
import { DEMO_GATE_SECRET } from '../server/seed/demo-data';

export interface GateAuth {
  /** Default: the demo lots' secret. */
  secret?: string;
  /** Default: 12 random bytes, hex. */
  nonce?: string;
  /** Unix seconds as text. Default: now. */
  timestamp?: string;
}

/** The headers of a /gate report whose raw body is `raw`, signed as server/gate-auth checks. */
export function signedGateHeaders(
  lotId: string,
  raw: string,
  auth: GateAuth = {},
): Record<string, string> {
  const timestamp = auth.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = auth.nonce ?? randomBytes(12).toString('hex');
  return {
    'content-type': 'application/json',
    [GATE_HEADERS.lot]: lotId,
    [GATE_HEADERS.timestamp]: timestamp,
    [GATE_HEADERS.nonce]: nonce,
    [GATE_HEADERS.signature]: gateSignature(auth.secret ?? DEMO_GATE_SECRET, {
      lotId,
      timestamp,
      nonce,
      body: raw,
    }),
  };
}

/** A lot controller's signed report to the gate endpoint at `gateUrl`. */
export async function postGate<T = { ok: boolean; data?: Record<string, unknown> }>(
  gateUrl: string,
  lotId: string,
  body: unknown,
  auth: GateAuth = {},
): Promise<{ status: number; json: T }> {
  const raw = JSON.stringify(body);
  const res = await fetch(gateUrl, {
    method: 'POST',
    headers: signedGateHeaders(lotId, raw, auth),
    body: raw,
  });
  return { status: res.status, json: (await res.json()) as T };
}

async function sandboxPost(sandboxUrl: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandboxUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`);
}

/** The payer pays at the sandbox cashier with wx.requestPayment's arguments. */
export function payAtCashier(
  sandboxUrl: string,
  requestPayment: Record<string, string>,
): Promise<void> {
  return sandboxPost(sandboxUrl, '/_sandbox/cashier/pay', requestPayment);
}

/** Moves the sandbox clock, which the functions follow. */
export function advanceSandboxClock(sandboxUrl: string, seconds: number): Promise<void> {
  return sandboxPost(sandboxUrl, '/_sandbox/clock/advance', { seconds });
}

/** The sandbox clock, unix seconds. */
export async function sandboxNow(sandboxUrl: string): Promise<number> {
  const res = await fetch(`${sandboxUrl}/_sandbox/clock`);
  if (res.status !== 200) throw new Error(`/_sandbox/clock: HTTP ${res.status}`);
  return ((await res.json()) as { unix: number }).unix;
}

/** A call of the `api` function through the function host, as the mini-program makes it. */
export async function invokeApi<T = Record<string, unknown>>(
  functionsUrl: string,
  openid: string,
  route: string,
  data: Record<string, unknown> = {},
): Promise<ApiResult<T>> {
  const res = await fetch(`${functionsUrl}/invoke/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, data: { route, data } }),
  });
  const body = (await res.json()) as { result?: ApiResult<T> };
  if (res.status !== 200 || !body.result)
    throw new Error(`api ${route}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.result;
}

/** Like invokeApi, but the call must succeed: its data. */
export async function invokeApiOk<T = Record<string, unknown>>(
  functionsUrl: string,
  openid: string,
  route: string,
  data: Record<string, unknown> = {},
): Promise<T> {
  const result = await invokeApi<T>(functionsUrl, openid, route, data);
  if (!result.ok) {
    throw new Error(
      `${route} refused: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.details ?? '')}`,
    );
  }
  return result.data;
}
