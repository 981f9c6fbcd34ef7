import { randomBytes } from 'node:crypto';
import { DEMO_MERCHANT } from '../sandbox';
import { gateSignature, GATE_HEADERS } from '../server/gate-auth/gate-signature';
import { DEMO_GATE_SECRET } from '../server/seed/demo-data';

/**
 * What the benchmark's actors send over HTTP, as the real ones do: a driver's call to the api
 * function, a lot controller's signed call to /gate, the payer at the sandbox's cashier, and the
 * sandbox's admin endpoints.
 */
export interface StackUrls {
  functions: string;
  gate: string;
  sandbox: string;
}

type ApiResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

export class StackClient {
  constructor(readonly urls: StackUrls) {}

  /** The api function as the mini-program calls it; the call must succeed. */
  async api<T>(openid: string, route: string, data: Record<string, unknown>): Promise<T> {
    const reply = await postJson(`${this.urls.functions}/invoke/api`, {
      openid,
      data: { route, data },
    });
    const result = reply.json.result as ApiResult<T> | undefined;
    if (reply.status !== 200 || !result) {
      throw new Error(`api ${route}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    }
    if (!result.ok) throw new Error(`api ${route}: ${result.error.code} ${result.error.message}`);
    return result.data;
  }

  /** A lot controller's call to /gate, signed with the demo lot secret (server/gate-auth). */
  async gate<T>(lotId: string, body: Record<string, unknown>): Promise<T> {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(12).toString('hex');
    const signature = gateSignature(DEMO_GATE_SECRET, { lotId, timestamp, nonce, body: raw });
    const reply = await postJson(this.urls.gate, raw, {
      [GATE_HEADERS.lot]: lotId,
      [GATE_HEADERS.timestamp]: timestamp,
      [GATE_HEADERS.nonce]: nonce,
      [GATE_HEADERS.signature]: signature,
    });
    if (reply.status !== 200) {
      throw new Error(
        `gate ${String(body.type)}: HTTP ${reply.status} ${JSON.stringify(reply.json)}`,
      );
    }
    return (reply.json as { data: T }).data;
  }

  /** The payer pays with wx.requestPayment's arguments (the sandbox's cashier, over HTTP). */
  async cashierPay(requestPayment: Record<string, string>): Promise<void> {
    const reply = await postJson(`${this.urls.sandbox}/_sandbox/cashier/pay`, requestPayment);
    if (reply.status !== 200 || reply.json.result !== 'paid') {
      throw new Error(`cashier: HTTP ${reply.status} ${JSON.stringify(reply.json)}`);
    }
  }

  /** Replaces the sandbox's global fault settings (e.g. `{ drop: 1 }`; `{}` clears). */
  async setFaults(global: Record<string, number>): Promise<void> {
    const res = await fetch(`${this.urls.sandbox}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ global }),
    });
    if (res.status !== 200) throw new Error(`faults: HTTP ${res.status} ${await res.text()}`);
  }

  /** The platform's deliveries of the demo merchant's notifications (sandbox inspection). */
  async deliveries(status?: string): Promise<SandboxDelivery[]> {
    const query = new URLSearchParams({ cusid: DEMO_MERCHANT.cusid, limit: '100000' });
    if (status) query.set('status', status);
    const res = await fetch(`${this.urls.sandbox}/_sandbox/notifications?${query}`);
    if (res.status !== 200) throw new Error(`notifications: HTTP ${res.status}`);
    return ((await res.json()) as { notifications: SandboxDelivery[] }).notifications;
  }
}

export interface SandboxDelivery {
  reqsn: string;
  status: string;
  attempts: Array<{ body: string; reply?: string }>;
}
