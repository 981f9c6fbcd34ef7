// Hostile calls to /gate over HTTP against the real local stack: missing, bad or stale HMAC,
// replays, wrong types, huge bodies. Never a 5xx; every refusal `{ ok: false, error: { code,
// message } }` with the status the handler defines; no session and no ledger entry changes.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { GATE_CLOCK_SKEW_SECONDS, gateSignature } from '../../server/gate-auth/gate-signature';
import { MAX_BODY_BYTES } from '../../server/parking/http/http-access';
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, GATE_SECRET, LOTS } from '../backend/support/seed';
import { BackendStack } from '../backend/support/stack';
import { hostAlive, ledger, settledSnapshot, snapshot } from './support/checks';
import { HOSTILE_STRINGS, HOSTILE_VALUES, MEGABYTE } from './support/payloads';

jest.setTimeout(60_000);

const LOT = LOTS.payAtExit.id;
const PLATE = '粤B67890';

/** The codes and statuses of handle-gate.ts (server/parking/README.md). */
const STATUS_OF: Record<string, number> = {
  GATE_AUTH_MISSING: 401,
  GATE_AUTH_STALE: 401,
  GATE_AUTH_BAD_SIGNATURE: 401,
  GATE_AUTH_UNKNOWN_LOT: 401,
  GATE_REPLAY: 409,
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  INVALID_JSON: 400,
  INVALID_INPUT: 400,
  PLATE_INVALID: 400,
  TIME_INVALID: 400,
  GATE_NOT_FOUND: 404,
  NOT_INSIDE: 404,
  WRONG_GATE: 409,
};

let stack: BackendStack;
let sessionId: string;

beforeAll(async () => {
  stack = await BackendStack.start();
  const entry = await stack.gate(LOT, { type: 'entry', gateId: GATES.exitIn.id, plate: PLATE });
  sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

interface Call {
  label: string;
  /** The raw body as sent (a string is signed as is). */
  body: string;
  lotId?: string;
  secret?: string;
  timestamp?: string;
  nonce?: string;
  signature?: string;
  /** Headers to drop or replace after signing. */
  headers?: Record<string, string | undefined>;
  method?: string;
  code: string;
}

const now = () => String(Math.floor(Date.now() / 1000));

async function send(call: Call) {
  const lotId = call.lotId ?? LOT;
  const timestamp = call.timestamp ?? now();
  const nonce = call.nonce ?? randomBytes(12).toString('hex');
  const signature =
    call.signature ??
    gateSignature(call.secret ?? GATE_SECRET, { lotId, timestamp, nonce, body: call.body });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-gate-lot': lotId,
    'x-gate-timestamp': timestamp,
    'x-gate-nonce': nonce,
    'x-gate-signature': signature,
  };
  for (const [name, value] of Object.entries(call.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const method = call.method ?? 'POST';
  const res = await fetch(`${stack.hostUrl}/gate`, {
    method,
    headers,
    ...(method === 'GET' ? {} : { body: call.body }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

type GateError = { ok: false; error: { code: string; message: string } };

/**
 * Sends every call and checks each refusal; then that no session, document or ledger entry
 * changed. An authenticated call takes its nonce and logs its refusal in gate_events (by design):
 * unless `authenticated`, those two collections must not change either.
 */
async function expectRefused(calls: Call[], authenticated: boolean): Promise<void> {
  const except = [COLLECTIONS.gateNonces, COLLECTIONS.gateEvents];
  const db = await settledSnapshot(stack, authenticated ? except : []);
  const books = await ledger(stack);
  const session = JSON.stringify(stack.session(sessionId));
  const events = stack.docs(COLLECTIONS.gateEvents).length;
  const problems: string[] = [];
  for (const call of calls) {
    const reply = await send(call);
    const body = reply.json as GateError | undefined;
    const code = body?.error?.code;
    if (
      reply.status >= 500 ||
      body?.ok !== false ||
      code !== call.code ||
      reply.status !== STATUS_OF[call.code] ||
      typeof body.error.message !== 'string' ||
      body.error.message.trim() === ''
    ) {
      problems.push(
        `${call.label}: expected ${call.code}, got HTTP ${reply.status} ${reply.text.slice(0, 160)}`,
      );
    }
  }
  expect(problems).toEqual([]);
  await hostAlive(stack);
  expect(JSON.stringify(stack.session(sessionId))).toBe(session);
  expect(snapshot(stack, authenticated ? except : [])).toBe(db);
  expect(await ledger(stack)).toBe(books);
  // What the gate log gained is refusals only.
  const log = stack.docs<{ result: { ok: boolean } }>(COLLECTIONS.gateEvents);
  expect(log.slice(events).every((e) => e.result.ok === false)).toBe(true);
}

const mayLeave = JSON.stringify({ type: 'may_leave', gateId: GATES.exitOut.id, plate: PLATE });

describe('/gate under hostile input', () => {
  it('refuses missing, malformed, bad and stale authentication, consuming no nonce', async () => {
    const t = Number(now());
    const calls: Call[] = [
      ...['x-gate-lot', 'x-gate-timestamp', 'x-gate-nonce', 'x-gate-signature'].map((h) => ({
        label: `without ${h}`,
        body: mayLeave,
        headers: { [h]: undefined },
        code: 'GATE_AUTH_MISSING',
      })),
      {
        label: 'no headers at all',
        body: mayLeave,
        headers: Object.fromEntries(
          ['x-gate-lot', 'x-gate-timestamp', 'x-gate-nonce', 'x-gate-signature'].map((h) => [
            h,
            undefined,
          ]),
        ),
        code: 'GATE_AUTH_MISSING',
      },
      {
        label: 'signature too short',
        body: mayLeave,
        signature: 'ab'.repeat(16),
        code: 'GATE_AUTH_MISSING',
      },
      {
        label: 'signature not hex',
        body: mayLeave,
        signature: 'zz'.repeat(32),
        code: 'GATE_AUTH_MISSING',
      },
      { label: 'nonce too short', body: mayLeave, nonce: 'abc', code: 'GATE_AUTH_MISSING' },
      {
        label: 'nonce path-shaped',
        body: mayLeave,
        nonce: '../../etc/passwd',
        code: 'GATE_AUTH_MISSING',
      },
      {
        label: 'nonce of 1 KB',
        body: mayLeave,
        nonce: 'a'.repeat(1024),
        code: 'GATE_AUTH_MISSING',
      },
      ...['', 'NaN', '-1', '1.5', '1e9', '1 2', '0x10', '123456789012345', '{"$gt":""}'].map(
        (ts) => ({
          label: `timestamp ${JSON.stringify(ts)}`,
          body: mayLeave,
          timestamp: ts,
          code: 'GATE_AUTH_MISSING',
        }),
      ),
      {
        label: 'lot id of 1 KB',
        body: mayLeave,
        lotId: 'l'.repeat(1024),
        code: 'GATE_AUTH_MISSING',
      },
      ...[
        'lot-none',
        '{"$gt":""}',
        '../../etc/passwd',
        "'; DROP TABLE lot_secrets; --",
        '<script>',
        '__proto__',
        'constructor',
      ].map((lotId) => ({
        label: `lot ${lotId}`,
        body: mayLeave,
        lotId,
        code: 'GATE_AUTH_UNKNOWN_LOT',
      })),
      {
        label: 'stale by the skew + 1',
        body: mayLeave,
        timestamp: String(t - GATE_CLOCK_SKEW_SECONDS - 5),
        code: 'GATE_AUTH_STALE',
      },
      {
        label: 'ahead by the skew + 1',
        body: mayLeave,
        timestamp: String(t + GATE_CLOCK_SKEW_SECONDS + 5),
        code: 'GATE_AUTH_STALE',
      },
      { label: 'timestamp 0', body: mayLeave, timestamp: '0', code: 'GATE_AUTH_STALE' },
      {
        label: 'timestamp of 12 nines',
        body: mayLeave,
        timestamp: '999999999999',
        code: 'GATE_AUTH_STALE',
      },
      {
        label: 'wrong secret',
        body: mayLeave,
        secret: 'not-the-secret',
        code: 'GATE_AUTH_BAD_SIGNATURE',
      },
      {
        label: "another lot's signature",
        body: mayLeave,
        signature: gateSignature(GATE_SECRET, {
          lotId: LOTS.prepay.id,
          timestamp: now(),
          nonce: 'n0nce-000001',
          body: mayLeave,
        }),
        nonce: 'n0nce-000001',
        code: 'GATE_AUTH_BAD_SIGNATURE',
      },
      {
        label: 'zero signature',
        body: mayLeave,
        signature: '0'.repeat(64),
        code: 'GATE_AUTH_BAD_SIGNATURE',
      },
      {
        label: 'body changed after signing',
        body: mayLeave,
        signature: gateSignature(GATE_SECRET, {
          lotId: LOT,
          timestamp: now(),
          nonce: 'n0nce-000002',
          body: mayLeave.replace('may_leave', 'exit'),
        }),
        nonce: 'n0nce-000002',
        code: 'GATE_AUTH_BAD_SIGNATURE',
      },
      { label: 'GET', body: '', method: 'GET', code: 'METHOD_NOT_ALLOWED' },
      { label: 'PUT', body: mayLeave, method: 'PUT', code: 'METHOD_NOT_ALLOWED' },
      {
        label: 'just over the size limit',
        body: JSON.stringify({
          type: 'may_leave',
          gateId: GATES.exitOut.id,
          plate: 'x'.repeat(MAX_BODY_BYTES),
        }),
        code: 'BODY_TOO_LARGE',
      },
      { label: 'a megabyte', body: MEGABYTE, code: 'BODY_TOO_LARGE' },
    ];
    // Nothing authenticated: not even a nonce is taken.
    await expectRefused(calls, false);
  });

  it('refuses a replayed nonce with GATE_REPLAY', async () => {
    const nonce = 'replay-nonce-0001';
    const first = await send({ label: 'first', body: mayLeave, nonce, code: '' });
    expect(first.status).toBe(200);
    await expectRefused([{ label: 'replay', body: mayLeave, nonce, code: 'GATE_REPLAY' }], false);
  });

  it('refuses authenticated bodies of the wrong shape or types, changing no session', async () => {
    const base = { type: 'entry', gateId: GATES.exitIn.id, plate: '粤B11111' };
    const raw = (label: string, body: string, code: string): Call => ({ label, body, code });
    const json = (label: string, body: unknown, code = 'INVALID_INPUT'): Call =>
      raw(label, JSON.stringify(body) ?? 'undefined', code);
    const calls: Call[] = [
      raw('empty', '', 'INVALID_JSON'),
      raw('not JSON', 'type=entry&plate=x', 'INVALID_JSON'),
      raw(
        'NaN literal',
        '{"type":"entry","gateId":"g-exit-in","plate":"x","at":NaN}',
        'INVALID_JSON',
      ),
      raw('truncated', mayLeave.slice(0, -2), 'INVALID_JSON'),
      raw('NUL bytes', '\u0000\u0000', 'INVALID_JSON'),
      json('null', null),
      json('an array', [base]),
      json('a string', 'entry'),
      json('a number', 42),
      json('no type', { gateId: base.gateId, plate: base.plate }),
      json('type open', { ...base, type: 'open' }),
      json('type __proto__', { ...base, type: '__proto__' }),
      json('unknown key', { ...base, $where: '1' }),
      json(
        'own __proto__ key',
        JSON.parse(`{"type":"entry","gateId":"g-exit-in","plate":"粤B11111","__proto__":{"x":1}}`),
      ),
      json('may_leave with at', {
        type: 'may_leave',
        gateId: GATES.exitOut.id,
        plate: PLATE,
        at: 1,
      }),
      ...HOSTILE_VALUES.map((v) => json(`gateId ${JSON.stringify(v)}`, { ...base, gateId: v })),
      ...HOSTILE_VALUES.filter(
        (v) => typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0,
      ).map((v) => json(`at ${JSON.stringify(v)}`, { ...base, at: v })),
      ...['1700000000', 'now', ''].map((v) => json(`at ${JSON.stringify(v)}`, { ...base, at: v })),
      ...HOSTILE_VALUES.map((v) => json(`plate ${JSON.stringify(v)}`, { ...base, plate: v })),
      json('plate of 17 characters', { ...base, plate: '粤'.repeat(17) }),
      ...HOSTILE_STRINGS.filter((s) => s.length > 0 && s.length <= 16).map((s) =>
        json(`plate ${JSON.stringify(s)}`, { ...base, plate: s }, 'PLATE_INVALID'),
      ),
      ...['g-none', 'g-prepay-in', 'constructor'].map((gateId) =>
        json(`gate ${gateId} (not of this lot)`, { ...base, gateId }, 'GATE_NOT_FOUND'),
      ),
      ...HOSTILE_STRINGS.filter((s) => !/^[A-Za-z0-9-]{1,30}$/.test(s)).map((s) =>
        json(`gateId ${JSON.stringify(s)}`, { ...base, gateId: s }),
      ),
      json('at far in the past', { ...base, at: 1 }, 'TIME_INVALID'),
      json(
        'at far ahead',
        { ...base, at: Math.floor(Date.now() / 1000) + 10 * 86_400 },
        'TIME_INVALID',
      ),
      json('entry at an exit gate', { ...base, gateId: GATES.exitOut.id }, 'WRONG_GATE'),
      json(
        'exit of a car not inside',
        { type: 'exit', gateId: GATES.exitOut.id, plate: '粤B22222' },
        'NOT_INSIDE',
      ),
    ];
    await expectRefused(calls, true);
  });

  it('never answers a 5xx to random authenticated bodies', async () => {
    const value = fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.constantFrom(...HOSTILE_VALUES),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    const body = fc.oneof(
      fc.record({
        type: fc.constantFrom('entry', 'exit', 'may_leave', 'open'),
        gateId: value,
        plate: value,
      }),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const before = JSON.stringify(stack.docs(COLLECTIONS.sessions));
    const books = await ledger(stack);
    const problems: string[] = [];
    for (const b of fc.sample(body, { seed: 20251203, numRuns: 40 })) {
      const text = JSON.stringify(b) ?? '';
      const reply = await send({ label: 'random', body: text, code: '' });
      const error = (reply.json as GateError | undefined)?.error;
      if (reply.status >= 500 || !error || !(error.code in STATUS_OF) || !error.message) {
        problems.push(`${text.slice(0, 80)}: HTTP ${reply.status} ${reply.text.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
    await hostAlive(stack);
    expect(JSON.stringify(stack.docs(COLLECTIONS.sessions))).toBe(before);
    expect(await ledger(stack)).toBe(books);
  });
});
