import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../devstack/local-stack';
import { DEMO_DRIVER_OPENID, DEMO_GATE_SECRET, DEMO_OWNER_OPENID } from '../server/seed/demo-data';
import { COLLECTIONS } from '../server/store/collections';

// The lane (车道) endpoint of the preview against the real local stack: a signed report reaches
// /gate and opens (or not) the barrier; bad input is refused and posts nothing.

jest.setTimeout(60_000);

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-'));
  stack = await startLocalStack({
    dataDir,
    ports: { sandbox: 0, database: 0, functions: 0 },
    preview: { port: 0 },
  });
});

afterAll(async () => {
  await stack?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const lane = async (body: unknown) => {
  const res = await fetch(new URL('/preview/lane', stack.urls.preview), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    json: (await res.json()) as {
      ok: boolean;
      data?: { opened: boolean; message: string; steps: Array<{ type: string; status: number }> };
      error?: { code: string; message: string };
    },
  };
};

const gateEvents = () => stack.emulator.database.engine.find(COLLECTIONS.gateEvents, {});

async function api<T>(
  route: string,
  data: Record<string, unknown>,
  openid = DEMO_DRIVER_OPENID,
): Promise<T> {
  const res = await fetch(`${stack.urls.functions}/invoke/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, data: { route, data } }),
  });
  const body = (await res.json()) as { result?: { ok: boolean; data: T } };
  if (!body.result?.ok) throw new Error(`${route}: ${JSON.stringify(body)}`);
  return body.result.data;
}

it('offers the seeded gated lots without their secret', async () => {
  const html = await (await fetch(stack.urls.preview!)).text();
  expect(html).toContain('"lane":{"lots":[');
  expect(html).toContain('科技园写字楼停车场');
  expect(html).toContain('gate-office-out');
  expect(html).not.toContain(DEMO_GATE_SECRET);
  expect(html).toContain('id="pv-lane"');
});

it('plays a pay-at-exit stay: signed entry, exit refused while due, paid, exit opens', async () => {
  const entry = await lane({
    lotId: 'lot-office',
    gateId: 'gate-office-in',
    action: 'entry',
    plate: '粤B6L123',
  });
  expect(entry.status).toBe(200);
  expect(entry.json.data).toMatchObject({ opened: true, message: '粤B6L123 欢迎光临' });
  expect(entry.json.data!.steps).toEqual([expect.objectContaining({ type: 'entry', status: 200 })]);
  const [recorded] = gateEvents().filter((e) => e.plate === '粤B6L123');
  expect(recorded).toMatchObject({ lotId: 'lot-office', gateId: 'gate-office-in', type: 'entry' });
  const sessionId = (recorded!.result as { sessionId: string }).sessionId;
  expect(sessionId).toBeTruthy();

  // An hour and a half, past the 15 free minutes so charged from entry in started hours at ¥6.00:
  // ¥12.00, no prepay was taken. Half an hour from either hour boundary, so the seconds the
  // calls take cannot make it ¥18.00.
  await fetch(`${stack.urls.sandbox}/_sandbox/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds: 90 * 60 }),
  });
  const refused = await lane({
    lotId: 'lot-office',
    gateId: 'gate-office-out',
    action: 'exit',
    plate: '粤B6L123',
  });
  expect(refused.json.data).toMatchObject({
    opened: false,
    message: '粤B6L123 请先缴纳停车费，应付 ¥12.00',
  });
  expect(refused.json.data!.steps.map((s) => s.type)).toEqual(['may_leave']);

  const exit = await api<{ kind: string; payment: { requestPayment: Record<string, string> } }>(
    'exit.pay',
    { sessionId },
  );
  expect(exit.kind).toBe('payment');
  const paid = await fetch(`${stack.urls.sandbox}/_sandbox/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exit.payment.requestPayment),
  });
  expect(paid.status).toBe(200);

  const opened = await lane({
    lotId: 'lot-office',
    gateId: 'gate-office-out',
    action: 'exit',
    plate: '粤B6L123',
  });
  expect(opened.json.data).toMatchObject({ opened: true, message: '粤B6L123 一路顺风' });
  expect(opened.json.data!.steps.map((s) => [s.type, s.status])).toEqual([
    ['may_leave', 200],
    ['exit', 200],
  ]);
});

// Walkthrough defect: the panel said 欢迎光临 / 一路顺风 whatever the gate's LED said.
it('shows what the gate’s LED says: a whitelisted car is told it parks free', async () => {
  await api(
    'op.lists.add',
    { lotId: 'lot-office', kind: 'white', plate: '粤B9W001', reason: '物业车辆' },
    DEMO_OWNER_OPENID,
  );
  const at = (gateId: string, action: string) =>
    lane({ lotId: 'lot-office', gateId, action, plate: '粤B9W001' });
  expect((await at('gate-office-in', 'entry')).json.data).toMatchObject({
    opened: true,
    message: '粤B9W001 白名单车辆 欢迎光临',
  });
  expect((await at('gate-office-out', 'exit')).json.data).toMatchObject({
    opened: true,
    message: '粤B9W001 白名单车辆 一路顺风',
  });
});

it('a car without a plate posts nothing and is told to scan', async () => {
  const before = gateEvents().length;
  const res = await lane({ lotId: 'lot-office', gateId: 'gate-office-in', action: 'entry' });
  expect(res.json.data).toMatchObject({ opened: false, steps: [] });
  expect(res.json.data!.message).toContain('无牌车请用微信扫描入口二维码');
  expect(gateEvents().length).toBe(before);
});

it.each([
  [
    'an unknown lot',
    { lotId: 'lot-x', gateId: 'gate-office-in', action: 'entry', plate: '粤B12345' },
    'LOT_UNKNOWN',
  ],
  [
    'a gate of another lot',
    { lotId: 'lot-office', gateId: 'gate-mall-in', action: 'entry', plate: '粤B12345' },
    'GATE_UNKNOWN',
  ],
  [
    'an entry at an exit',
    { lotId: 'lot-office', gateId: 'gate-office-out', action: 'entry', plate: '粤B12345' },
    'WRONG_GATE',
  ],
  [
    'a bad plate',
    { lotId: 'lot-office', gateId: 'gate-office-in', action: 'entry', plate: '粤B12' },
    'PLATE_INVALID',
  ],
  [
    'an unknown action',
    { lotId: 'lot-office', gateId: 'gate-office-in', action: 'fly', plate: '粤B12345' },
    'INVALID_INPUT',
  ],
  [
    'an extra field',
    {
      lotId: 'lot-office',
      gateId: 'gate-office-in',
      action: 'entry',
      plate: '粤B12345',
      secret: 'x',
    },
    'INVALID_INPUT',
  ],
  ['not JSON', '{', 'INVALID_JSON'],
])('refuses %s and posts nothing', async (_name, body, code) => {
  const before = gateEvents().length;
  const res = await lane(body);
  expect(res.status).toBe(400);
  expect(res.json).toMatchObject({ ok: false, error: { code } });
  expect(gateEvents().length).toBe(before);
});
