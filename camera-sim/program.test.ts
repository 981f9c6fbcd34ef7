import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIo } from '../cli/testing-io';
import { freePort } from '../devstack/free-port';
import { COLLECTIONS } from '../server/store/collections';
import { GATES, OPERATOR_OPENID } from '../test/backend/support/seed';
import { BackendStack, eventually } from '../test/backend/support/stack';
import { runCameraCli } from './program';

// `parking-camera` against the real /camera endpoint of the local functions host: a read that
// opens, a car held at the exit whose barrier a heartbeat raises after the payment, reads kept
// while the network is down and replayed once it is back (recorded at their own time, once).

jest.setTimeout(90_000);

let stack: BackendStack;
let dir: string;
const cam = { entry: '', exit: '' };
beforeAll(async () => {
  stack = await BackendStack.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'camera-sim-'));
  for (const [key, gateId, serialno] of [
    ['entry', GATES.exitIn.id, 'SIM-IN-1'],
    ['exit', GATES.exitOut.id, 'SIM-OUT-1'],
  ] as const) {
    const { path: push } = await stack.ok<{ path: string }>(
      OPERATOR_OPENID,
      'op.cameras.register',
      {
        gateId,
        serialno,
        reason: '模拟摄像机',
      },
    );
    cam[key] = `${stack.hostUrl}${push}`;
  }
});
afterAll(async () => {
  await stack?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function camera(...argv: string[]) {
  const io = memoryIo();
  const code = await runCameraCli(argv, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}
const entryArgs = () => ['--url', cam.entry, '--serialno', 'SIM-IN-1'];
const exitArgs = () => ['--url', cam.exit, '--serialno', 'SIM-OUT-1'];

it('a read opens the entry and shows the LED and the voice', async () => {
  const run = await camera('read', '粤B41001', ...entryArgs());
  expect(run).toMatchObject({ code: 0, err: '' });
  expect(run.out).toBe('抬杆 (info: ok)\nLED: 粤B41001 / 欢迎光临\n语音: 粤B41001，欢迎光临\n');
  expect(stack.docs(COLLECTIONS.sessions, { plate: '粤B41001' })).toHaveLength(1);
});

it('a car without a plate is sent to the code (exit status 1)', async () => {
  const run = await camera('read', '--no-plate', ...entryArgs());
  expect(run).toMatchObject({ code: 1, out: '未抬杆\nLED: 请扫码入场\n语音: 请扫码入场\n' });
});

it('heartbeat --until-open waits at the exit until the driver has paid', async () => {
  const plate = '粤B41003';
  await camera('read', plate, ...entryArgs());
  await stack.advanceClock(2 * 3600 + 60);
  const held = await camera('read', plate, ...exitArgs());
  expect(held.code).toBe(1);
  expect(held.out).toContain(`LED: ${plate} / 请扫码缴费 ¥15.00`);
  const waiting = camera('heartbeat', '--until-open', '--interval', '200', ...exitArgs());
  const [session] = stack.docs<{ _id: string }>(COLLECTIONS.sessions, { plate });
  const driver = 'o-camera-sim-driver-00000001';
  const started = await stack.ok<{ payment: { requestPayment: Record<string, string> } }>(
    driver,
    'exit.pay',
    { sessionId: session!._id },
  );
  await stack.cashierPay(started.payment.requestPayment);
  const up = await waiting;
  expect(up).toMatchObject({ code: 0 });
  expect(up.out).toContain(`LED: ${plate} / 一路顺风`);
  expect(stack.session(session!._id).state).toBe('closed');
});

it('keeps reads while the network is down and replays them in order, once', async () => {
  const queue = path.join(dir, 'offline.json');
  const down = `http://127.0.0.1:${await freePort()}/camera/x`;
  const now = await stack.clockNow();
  const lost = await camera(
    'read',
    '粤B41002',
    '--url',
    down,
    '--serialno',
    'SIM-IN-1',
    '--queue',
    queue,
    '--at',
    String(now - 600),
  );
  expect(lost.code).toBe(1);
  expect(lost.out).toMatch(/^未送达 \(ECONNREFUSED\)：已存入离线队列/);
  const lostToo = await camera(
    'read',
    '粤B41004',
    '--url',
    down.replace('x', 'y'),
    '--serialno',
    'SIM-IN-1',
    '--queue',
    queue,
    '--at',
    String(now - 300),
  );
  expect(lostToo.code).toBe(1);
  expect(JSON.parse(fs.readFileSync(queue, 'utf8'))).toHaveLength(2);

  const replay = await camera('replay', '--queue', queue, ...entryArgs());
  expect(replay.code).toBe(0);
  expect(replay.out).toContain('补传 2 条离线记录');
  expect(replay.out).toContain('已确认 2，剩余 0');
  // Each recorded once, at the read's own time, in the order they were read.
  const inTimes = (plate: string) =>
    stack.docs<{ inTime: number }>(COLLECTIONS.sessions, { plate }).map((d) => d.inTime);
  await eventually(() => inTimes('粤B41004').length === 1, 'the offline entries');
  expect(inTimes('粤B41002')).toEqual([now - 600]);
  expect(inTimes('粤B41004')).toEqual([now - 300]);
  expect(await camera('replay', '--queue', queue, ...entryArgs())).toMatchObject({
    code: 0,
    out: '离线队列为空\n',
  });
});

it('says what to give when the command line is incomplete', async () => {
  expect(await camera('read', '粤B41009', '--serialno', 'S')).toMatchObject({
    code: 2,
    err: expect.stringContaining('--url https://<host>/camera/<token>'),
  });
  expect(await camera('read', '--url', cam.entry, '--serialno', 'S')).toMatchObject({
    code: 2,
    err: expect.stringContaining('--no-plate'),
  });
  expect((await camera('read', 'x', ...entryArgs(), '--confidence', '500')).code).toBe(2);
});

it('runs as the installed command (node bin/parking-camera.cjs)', async () => {
  const bin = path.join(__dirname, '..', 'bin', 'parking-camera.cjs');
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [bin, 'read', '--help'], {
        env: { PATH: process.env.PATH ?? '' },
      });
      let stdout = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c));
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stdout }));
    },
  );
  expect(code).toBe(0);
  expect(stdout).toContain('--no-plate');
});
