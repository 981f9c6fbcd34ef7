import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_MERCHANT, startSandbox, type SandboxHandle } from '../../sandbox';
import {
  BadSignatureError,
  createAllinpayClient,
  OutcomeUnknownError,
  PlatformRefusalError,
  TransactionFailedError,
  type AllinpayClient,
} from './index';

/** The client against the sandbox platform of issue 3, over HTTP on 127.0.0.1. */

let sandbox: SandboxHandle;
let sink: http.Server;
let notifyUrl: string;
let client: AllinpayClient;
let dataDir: string;
let serial = 0;
const nextReqsn = () => `CLI${Date.now().toString(36)}${(serial++).toString(36)}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function sandboxPost(pathname: string, body: unknown, method = 'POST') {
  const res = await fetch(`${sandbox.url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function newClient(overrides: Record<string, unknown> = {}) {
  return createAllinpayClient({
    baseUrl: sandbox.url,
    cusid: DEMO_MERCHANT.cusid,
    appid: DEMO_MERCHANT.appid,
    password: DEMO_MERCHANT.password,
    notifyUrl,
    queryRetries: 0,
    ...overrides,
  });
}

beforeAll(async () => {
  // The sandbox notifies pay/prepay results: a local sink acknowledges them.
  sink = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('success'));
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/notify`;
  dataDir = mkdtempSync(path.join(tmpdir(), 'allinpay-client-sandbox-'));
  sandbox = await startSandbox({ port: 0, dataDir, timeScale: 1000 });
  client = newClient();
});

afterAll(async () => {
  client.close();
  await sandbox.close();
  sink.closeAllConnections();
  await new Promise((resolve) => sink.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

it('prepay, payer pays, finish a segment, cancel part, finish the last segment', async () => {
  const reqsn = nextReqsn();
  const t = nowSeconds();
  const opened = await client.prepay({
    pro: '44',
    parkingNo: 'P001',
    LPR: 'BD12345',
    LPRpro: '44',
    inTime: t,
    endTime: t + 3600,
    reqsn,
    fee: 5000,
    road: '9',
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  });
  expect(opened.outcome).toBe('processing');
  expect(opened.payinfo?.package).toMatch(/^prepay_id=/);

  const paid = await sandboxPost('/_sandbox/cashier/pay', { cusid: DEMO_MERCHANT.cusid, reqsn });
  expect(paid.status).toBe(200);

  const frozen = await client.query({ reqsn });
  expect(frozen.outcome).toBe('success');
  expect(frozen.totals.fee).toBe(5000);

  const segment = await client.finish({ outTime: t + 60, reqsn, feeFinish: 1200, feeType: '1' });
  expect(segment.outcome).toBe('success');
  expect(segment.totals).toMatchObject({ fee: 5000, feeFinish: 1200 });

  const back = await client.cancel({ cancelTime: t + 120, reqsn, feeCancel: 1000 });
  expect(back.totals).toMatchObject({ feeFinish: 1200, feeBack: 1000 });

  const last = await client.finish({ outTime: t + 180, reqsn, feeFinish: 800, feeType: '9' });
  expect(last.totals.feeFinish).toBe(2000);
  // feeType 9 ends the freeze and returns the rest (protocol note 7).
  expect(last.totals.feeBack).toBe(3000);

  const beyond = await client
    .finish({ outTime: t + 240, reqsn, feeFinish: 1, feeType: '9' })
    .catch((e: unknown) => e);
  expect(beyond).toBeInstanceOf(TransactionFailedError);
  expect((beyond as TransactionFailedError).errmsg).not.toBe('');
});

it('pay waits for the payer, then query says paid', async () => {
  const reqsn = nextReqsn();
  const opened = await client.pay({
    pro: '44',
    parkingNo: 'P001',
    payTime: nowSeconds(),
    reqsn,
    fee: 1250,
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
  });
  expect(opened.outcome).toBe('processing');
  expect((await client.query({ reqsn })).outcome).toBe('processing');
  await sandboxPost('/_sandbox/cashier/pay', { cusid: DEMO_MERCHANT.cusid, reqsn });
  const settled = await client.query({ reqsn });
  expect(settled.outcome).toBe('success');
  expect(settled.totals.fee).toBe(1250);
});

it('query of an unknown reqsn is a 1001 answer, not an error', async () => {
  const result = await client.query({ reqsn: nextReqsn() });
  expect(result.trxstatus).toBe('1001');
  expect(result.outcome).toBe('failure');
});

it('an unknown cusid is refused; a wrong key cannot verify the answer', async () => {
  const stranger = newClient({ cusid: '990440000000000' });
  await expect(stranger.query({ reqsn: 'R1' })).rejects.toBeInstanceOf(PlatformRefusalError);
  stranger.close();
  const wrongKey = newClient({ password: 'not-the-password' });
  await expect(wrongKey.query({ reqsn: 'R1' })).rejects.toBeInstanceOf(BadSignatureError);
  wrongKey.close();
});

it('after a timeout the outcome is unknown, and query tells what happened', async () => {
  const impatient = newClient({ timeoutMs: 200 });
  await sandboxPost('/_sandbox/faults', { global: { timeout: 1, timeoutMs: 2000 } }, 'PUT');
  const reqsn = nextReqsn();
  const t = nowSeconds();
  const error = await impatient
    .prepay({
      pro: '44',
      parkingNo: 'P001',
      inTime: t,
      endTime: t + 600,
      reqsn,
      fee: 300,
      road: '1',
      openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
    })
    .catch((e: unknown) => e);
  await sandboxPost('/_sandbox/faults', {}, 'DELETE');
  impatient.close();
  expect(error).toBeInstanceOf(OutcomeUnknownError);
  expect((error as OutcomeUnknownError).reason).toBe('response_timeout');
  // The sandbox carried the call out: query finds the prepay waiting for its payer.
  const found = await client.query({ reqsn });
  expect(found.outcome).toBe('processing');
  expect(found.totals.fee).toBe(300);
});

describe('hedged query under the sandbox API faults', () => {
  const injected = async () =>
    ((await sandboxPost('/_sandbox/faults', undefined, 'GET')).body.injected ?? {}) as Record<
      string,
      number
    >;

  it('with every answer held, a second query goes out and the deadline says "ask again"', async () => {
    const hedged = newClient({ timeoutMs: 1_500, queryRetries: 2, queryHedgeMs: 30 });
    const before = (await injected()).timeout ?? 0;
    await sandboxPost('/_sandbox/faults', { global: { timeout: 1, timeoutMs: 3_000 } }, 'PUT');
    const error = await hedged
      .query({ reqsn: nextReqsn() }, { deadlineMs: 200 })
      .catch((e: unknown) => e);
    const seen = await injected();
    await sandboxPost('/_sandbox/faults', {}, 'DELETE');
    hedged.close();
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reason).toBe('deadline');
    expect((seen.timeout ?? 0) - before).toBeGreaterThanOrEqual(2);
  });

  it('after 5xx answers the query is sent again at once and the paid pay is found', async () => {
    const reqsn = nextReqsn();
    await client.pay({
      pro: '44',
      parkingNo: 'P001',
      payTime: nowSeconds(),
      reqsn,
      fee: 800,
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    });
    await sandboxPost('/_sandbox/cashier/pay', { cusid: DEMO_MERCHANT.cusid, reqsn });
    const hedged = newClient({ timeoutMs: 1_500, queryRetries: 5, queryHedgeMs: 60_000 });
    await sandboxPost('/_sandbox/faults', { seed: 7, global: { http5xx: 0.5 } }, 'PUT');
    const outcomes: string[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await hedged
        .query({ reqsn }, { deadlineMs: 60_000 })
        .then((r) => r.outcome)
        .catch((e: unknown) => (e instanceof OutcomeUnknownError ? 'unknown' : 'error'));
      outcomes.push(answer);
    }
    const seen = await injected();
    await sandboxPost('/_sandbox/faults', {}, 'DELETE');
    hedged.close();
    expect(seen.http5xx).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === 'success').length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o === 'success' || o === 'unknown')).toBe(true);
  });
});
