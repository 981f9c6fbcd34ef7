import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack } from '../devstack/local-stack';
import { DEMO_CAMERA_SECRET } from '../server/seed/demo-cameras';
import { DEMO_DRIVER_OPENID } from '../server/seed/demo-data';
import { COLLECTIONS } from '../server/store/collections';

// The lane (车道) panel playing the demo's plate cameras against the real local stack: pushes
// reach /camera/<token>, the reply's info and LED text are what the panel shows, and a car held
// at the exit is let through by a heartbeat once its driver has paid.

jest.setTimeout(60_000);

let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'camera-lane-'));
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

type LaneReply = {
  ok: boolean;
  data?: { opened: boolean; message: string; steps: Array<{ type: string; status: number }> };
  error?: { code: string; message: string };
};

const lane = async (body: Record<string, unknown>) => {
  const res = await fetch(new URL('/preview/lane', stack.urls.preview), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ via: 'camera', ...body }),
  });
  return { status: res.status, json: (await res.json()) as LaneReply };
};

async function api<T>(route: string, data: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${stack.urls.functions}/invoke/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: DEMO_DRIVER_OPENID, data: { route, data } }),
  });
  const body = (await res.json()) as { result?: { ok: boolean; data: T } };
  if (!body.result?.ok) throw new Error(`${route}: ${JSON.stringify(body)}`);
  return body.result.data;
}

it('seeds a camera on every entry and exit and keeps their token off the page', async () => {
  const cameras = stack.emulator.database.engine.find(COLLECTIONS.cameras, {});
  expect(cameras.map((c) => c.gateId).sort()).toEqual(
    ['gate-mall-in', 'gate-mall-out', 'gate-office-in', 'gate-office-out'].sort(),
  );
  const html = await (await fetch(stack.urls.preview!)).text();
  expect(html).toContain('id="pv-lane-via"');
  expect(html).not.toContain(DEMO_CAMERA_SECRET);
});

it('plays a stay through camera pushes; the heartbeat raises the barrier after the payment', async () => {
  const plate = '粤B6C123';
  const entry = await lane({
    lotId: 'lot-office',
    gateId: 'gate-office-in',
    action: 'entry',
    plate,
  });
  expect(entry.json.data).toMatchObject({ opened: true, message: `${plate} 欢迎光临` });
  expect(entry.json.data!.steps).toEqual([expect.objectContaining({ type: 'push', status: 200 })]);
  const [session] = stack.emulator.database.engine.find(COLLECTIONS.sessions, { plate });
  expect(session).toMatchObject({ state: 'open' });

  await fetch(`${stack.urls.sandbox}/_sandbox/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // Away from an hour boundary, so that the seconds between the two questions change nothing.
    body: JSON.stringify({ seconds: 110 * 60 }),
  });
  const held = await lane({
    lotId: 'lot-office',
    gateId: 'gate-office-out',
    action: 'exit',
    plate,
  });
  // The LED says what is due; the controller asking /gate the same question is told the same.
  const due = /^粤B6C123 请扫码缴费 (¥\d+\.\d\d)$/.exec(held.json.data!.message)?.[1];
  expect(held.json.data!.opened).toBe(false);
  expect(due).toBeDefined();
  const { via: _via, ...asGate } = {
    via: 'gate',
    lotId: 'lot-office',
    gateId: 'gate-office-out',
    action: 'exit',
    plate,
  };
  const res = await fetch(new URL('/preview/lane', stack.urls.preview), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(asGate),
  });
  expect(((await res.json()) as LaneReply).data).toMatchObject({
    opened: false,
    message: `${plate} 请先缴纳停车费，应付 ${due}`,
  });
  const idle = await lane({ lotId: 'lot-office', gateId: 'gate-office-out', action: 'heartbeat' });
  expect(idle.json.data).toMatchObject({ opened: false, message: '心跳：无待执行指令' });

  const exit = await api<{ payment: { requestPayment: Record<string, string> } }>('exit.pay', {
    sessionId: session!._id,
  });
  const paid = await fetch(`${stack.urls.sandbox}/_sandbox/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exit.payment.requestPayment),
  });
  expect(paid.status).toBe(200);
  const up = await lane({ lotId: 'lot-office', gateId: 'gate-office-out', action: 'heartbeat' });
  expect(up.json.data).toMatchObject({ opened: true, message: `${plate} 一路顺风` });
});

it('tells a car without a plate to scan', async () => {
  const res = await lane({ lotId: 'lot-office', gateId: 'gate-office-in', action: 'entry' });
  expect(res.json.data).toMatchObject({ opened: false, message: '请扫码入场' });
});

it('refuses a gate without a camera and bad input, posting nothing', async () => {
  const reads = () => stack.emulator.database.engine.find(COLLECTIONS.cameraReads, {}).length;
  const before = reads();
  const pay = await lane({ lotId: 'lot-mall', gateId: 'gate-mall-pay', action: 'heartbeat' });
  expect(pay).toMatchObject({ status: 400, json: { error: { code: 'NO_CAMERA' } } });
  const bad = await lane({ lotId: 'lot-office', gateId: 'gate-office-in', action: 'fly' });
  expect(bad).toMatchObject({ status: 400, json: { error: { code: 'INVALID_INPUT' } } });
  const plate = await lane({
    lotId: 'lot-office',
    gateId: 'gate-office-in',
    action: 'entry',
    plate: '粤B12',
  });
  expect(plate).toMatchObject({ status: 400, json: { error: { code: 'PLATE_INVALID' } } });
  expect(reads()).toBe(before);
});
