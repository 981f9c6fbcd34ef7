// Hostile pushes to /camera over HTTP against the real local stack: bad tokens and paths, bodies
// of every wrong shape, random fields in a plate read, huge bodies. Never a 5xx; every answer
// is a camera reply (`Response_AlarmInfoPlate`) that a refusal never opens; a refused push
// changes nothing but the refusal kept in gate_events.
import fc from 'fast-check';
import { MAX_CAMERA_BODY_BYTES } from '../../server/parking/camera/handle-camera';
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, OPERATOR_OPENID } from '../backend/support/seed';
import { BackendStack, fetchOnce } from '../backend/support/stack';
import { hostAlive, ledger, settledSnapshot, snapshot } from './support/checks';
import { HOSTILE_STRINGS, HOSTILE_VALUES, hostileBodies } from './support/payloads';

jest.setTimeout(90_000);

const SERIAL = 'SN-HOSTILE-0001';
let stack: BackendStack;
let token: string;

beforeAll(async () => {
  stack = await BackendStack.start();
  token = (
    await stack.ok<{ token: string }>(OPERATOR_OPENID, 'op.cameras.register', {
      gateId: GATES.exitIn.id,
      serialno: SERIAL,
    })
  ).token;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

type Reply = { Response_AlarmInfoPlate?: { info?: string }; error?: { code?: string } };

async function send(path: string, body: string, contentType = 'application/json') {
  const res = await fetchOnce(`${stack.hostUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await res.text();
  let json: Reply = {};
  try {
    json = JSON.parse(text) as Reply;
  } catch {
    json = {};
  }
  return { status: res.status, json, text };
}

const sample = {
  AlarmInfoPlate: {
    serialno: SERIAL,
    channel: 0,
    deviceName: 'IVS',
    ipaddr: '192.168.1.100',
    result: { PlateResult: { license: '粤B67890', confidence: 96, plateid: 1, isoffline: 0 } },
  },
};

it('refuses bad tokens and paths with a closed reply, changing nothing', async () => {
  const before = await settledSnapshot(stack, [COLLECTIONS.gateEvents]);
  const books = await ledger(stack);
  const [cameraId, secret] = token.split('.') as [string, string];
  const paths = [
    '/camera',
    '/camera/',
    `/camera/${cameraId}`,
    `/camera/${cameraId}.`,
    `/camera/${cameraId}.${secret.toUpperCase()}`,
    `/camera/${cameraId}.${secret}x`,
    `/camera/${cameraId}.${secret}.${secret}`,
    `/camera/cam000000000000.${secret}`,
    `/camera/${encodeURIComponent('../..')}`,
    `/camera/${'a'.repeat(2000)}`,
    '/camera/%E0%A4%A',
    ...HOSTILE_STRINGS.flatMap((s) => {
      try {
        return [`/camera/${encodeURIComponent(s)}`];
      } catch {
        return []; // a lone surrogate cannot be put in a URL
      }
    }),
  ];
  for (const path of paths) {
    const reply = await send(path, JSON.stringify(sample));
    expect({ path, status: reply.status }).toEqual({ path, status: 401 });
    expect(reply.json.Response_AlarmInfoPlate?.info).toBe('no');
  }
  expect(snapshot(stack, [COLLECTIONS.gateEvents])).toBe(before);
  expect(await ledger(stack)).toBe(books);
});

it('refuses bodies of the wrong shape with 400 and a closed reply, changing nothing', async () => {
  const before = await settledSnapshot(stack, [COLLECTIONS.gateEvents]);
  const raw = ['', '{', 'null', '[]', '"x"', '42', '\u0000', '{"AlarmInfoPlate":null}'];
  for (const body of raw) {
    const reply = await send(`/camera/${token}`, body);
    expect({ body, ok: [200, 400].includes(reply.status) }).toEqual({ body, ok: true });
    expect(reply.json.Response_AlarmInfoPlate?.info).toBe('no');
  }
  const big = await send(`/camera/${token}`, 'x'.repeat(MAX_CAMERA_BODY_BYTES + 1));
  expect(big.status).toBe(413);
  expect(big.json.Response_AlarmInfoPlate?.info).toBe('no');
  expect(snapshot(stack, [COLLECTIONS.gateEvents])).toBe(before);
});

it('never answers a 5xx to hostile plate reads, and never opens for a refused one', async () => {
  const problems: string[] = [];
  const mutations = [
    ...hostileBodies(sample, { seed: 20261205, numRuns: 40 }),
    ...hostileBodies(sample.AlarmInfoPlate.result.PlateResult, { seed: 7, numRuns: 40 }).map(
      (m) => ({
        label: `PlateResult: ${m.label}`,
        body: { AlarmInfoPlate: { ...sample.AlarmInfoPlate, result: { PlateResult: m.body } } },
      }),
    ),
  ];
  for (const m of mutations) {
    const reply = await send(`/camera/${token}`, JSON.stringify(m.body) ?? '');
    const info = reply.json.Response_AlarmInfoPlate?.info;
    if (reply.status >= 500) problems.push(`${m.label}: HTTP ${reply.status}`);
    else if (info !== 'ok' && info !== 'no') problems.push(`${m.label}: no camera reply`);
    else if (reply.status !== 200 && info === 'ok') problems.push(`${m.label}: refused but open`);
  }
  const heartbeats = fc.sample(
    fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_VALUES.map(String))),
    { seed: 11, numRuns: 20 },
  );
  for (const value of heartbeats) {
    const body = new URLSearchParams({ serialno: value }).toString();
    const reply = await send(`/camera/${token}`, body, 'application/x-www-form-urlencoded');
    if (reply.status >= 500) problems.push(`heartbeat ${JSON.stringify(value)}: ${reply.status}`);
  }
  expect(problems).toEqual([]);
  await hostAlive(stack);
});
