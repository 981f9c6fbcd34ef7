// 无入场记录 (issue 12, Deliver 2): an exit read of a plate with no entry follows the lot's
// setting, through the camera endpoint and /gate alike, against the real functions, sandbox and
// database. Closed for the operator (the default), or a fixed fee: the barrier stays down with
// the amount, one session opens at that exit (flagged), its driver pays it from the exit's code,
// and the camera's next heartbeat raises the barrier.
import { COLLECTIONS } from '../../server/store/collections';
import {
  cameraRead,
  changeLot,
  heartbeat,
  led,
  plateMessage,
  registerCamera,
  voice,
} from './support/camera';
import { GATES, LOTS, OPERATOR_OPENID } from './support/seed';
import { BackendStack, eventually } from './support/stack';

jest.setTimeout(90_000);

let stack: BackendStack;
let exit: { cameraId: string; token: string };
const SERIAL = 'SN-NOENTRY-01';
beforeAll(async () => {
  stack = await BackendStack.start();
  exit = await registerCamera(stack, GATES.exitOut.id, SERIAL);
});
afterAll(() => stack.close());

// Plates at least two characters apart: a read one character off a car inside is taken for it
// (core/parking/plate-match.ts).
type SessionRow = {
  _id: string;
  state: string;
  gateId?: string;
  noEntryFee?: number;
  flagged: boolean;
  anomalies: Array<{ code: string }>;
  outGateId?: string;
};
type Payment = { reqsn: string; amount: number; requestPayment: Record<string, string> };

const sessionsOf = (plate: string) => stack.docs<SessionRow>(COLLECTIONS.sessions, { plate });
const read = (plate: string) => cameraRead(stack, exit.token, plateMessage(SERIAL, plate));
const mayLeave = (plate: string) =>
  stack.gate<{ data: Record<string, unknown> }>(LOTS.payAtExit.id, {
    type: 'may_leave',
    gateId: GATES.exitOut.id,
    plate,
  });
const setNoEntryFee = (fee: number | undefined, reason: string) =>
  changeLot(
    stack,
    LOTS.payAtExit.id,
    ({ noEntryFee: _old, ...rest }) => ({ ...rest, ...(fee !== undefined && { noEntryFee: fee }) }),
    reason,
  );

describe('closed for the operator (the default)', () => {
  it('keeps the barrier down with 请联系管理员 and opens nothing, at the camera and at /gate', async () => {
    const reply = await read('粤B40001');
    expect(reply.json.Response_AlarmInfoPlate.info).toBe('no');
    expect(led(reply.json)).toBe('粤B40001\r\n无入场记录\r\n');
    expect(voice(reply.json)).toBe('无入场记录，请联系管理员');
    const asked = await mayLeave('粤B40002');
    expect(asked.status).toBe(200);
    expect(asked.json.data).toEqual({
      allowed: false,
      reason: 'not_inside',
      text: '未找到在场记录',
    });
    expect(sessionsOf('粤B40001')).toEqual([]);
    expect(sessionsOf('粤B40002')).toEqual([]);
  });
});

describe('a fixed fee', () => {
  beforeAll(() => setNoEntryFee(2000, '无入场记录按固定收费'));
  afterAll(() => setNoEntryFee(undefined, '恢复'));

  it('is the owner’s setting, audited old → new', () => {
    const audit = stack.docs<{ changes?: Array<{ label: string; from: string; to: string }> }>(
      COLLECTIONS.audit,
      { reason: '无入场记录按固定收费' },
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual([
      { label: '无入场记录出场', from: '请联系管理员', to: '固定收费 ¥20.00' },
    ]);
  });

  it('camera: holds the car with the fee, opens one flagged session, lets it out once paid at the exit code', async () => {
    const plate = '粤C41111';
    const first = await read(plate);
    expect(first.json.Response_AlarmInfoPlate.info).toBe('no');
    expect(led(first.json)).toBe(`${plate}\r\n无入场记录\r\n请扫码缴费 ¥20.00\r\n`);
    expect(voice(first.json)).toBe('无入场记录，请扫码缴费20.00元');
    const [session] = sessionsOf(plate);
    expect(sessionsOf(plate)).toHaveLength(1);
    expect(session).toMatchObject({
      state: 'open',
      gateId: GATES.exitOut.id,
      noEntryFee: 2000,
      flagged: true,
      anomalies: [expect.objectContaining({ code: 'no_entry' })],
    });

    // Read again (the car backs up and comes forward), and asked by /gate: the same session.
    const again = await read(plate);
    expect(led(again.json)).toBe(led(first.json));
    const asked = await mayLeave(plate);
    expect(asked.json.data).toMatchObject({
      sessionId: session!._id,
      allowed: false,
      reason: 'payment_required',
      due: 2000,
      noEntry: true,
    });
    expect(sessionsOf(plate)).toHaveLength(1);

    // The operator sees it among the flagged sessions, with why.
    const listed = await stack.ok<{
      items: Array<{ id: string; openAnomalies: Array<{ label: string }> }>;
    }>(OPERATOR_OPENID, 'op.sessions.list', { lotId: LOTS.payAtExit.id, flagged: true });
    expect(listed.items.find((s) => s.id === session!._id)?.openAnomalies).toEqual([
      expect.objectContaining({ code: 'no_entry', label: '无入场记录' }),
    ]);

    // Its driver scans the exit's code, types the plate and pays exactly the fixed fee.
    const driver = 'o-noentry-driver-00000000001';
    const quote = await stack.ok<{ due: number; lines: Array<{ kind: string; text: string }> }>(
      driver,
      'session.quote',
      { gateId: GATES.exitOut.id, plate },
    );
    expect(quote.due).toBe(2000);
    expect(quote.lines[0]).toEqual({
      kind: 'no_entry',
      text: '无入场记录，固定收费 ¥20.00',
      amount: 2000,
    });
    const idle = await heartbeat(stack, exit.token, SERIAL);
    expect(idle.json.Response_AlarmInfoPlate.info).toBe('no');
    const started = await stack.ok<{ payment: Payment }>(driver, 'exit.pay', {
      sessionId: session!._id,
      gateId: GATES.exitOut.id,
    });
    expect(started.payment.amount).toBe(2000);
    await stack.cashierPay(started.payment.requestPayment, {}, { mustPay: true });
    await eventually(() => stack.session(session!._id).state === 'closed', 'the notification');
    expect(stack.session(session!._id).outGateId).toBe(GATES.exitOut.id);
    expect((await stack.transaction(started.payment.reqsn)).transaction).toMatchObject({
      state: 'paid',
      totals: expect.objectContaining({ fee: 2000 }),
    });

    const up = await heartbeat(stack, exit.token, SERIAL);
    expect(up.json.Response_AlarmInfoPlate.info).toBe('ok');
    expect(led(up.json)).toBe(`${plate}\r\n一路顺风\r\n`);
    expect((await heartbeat(stack, exit.token, SERIAL)).json.Response_AlarmInfoPlate.info).toBe(
      'no',
    );
    expect(sessionsOf(plate)).toHaveLength(1);
  });

  it('/gate: the first ask opens the session and says so, the next is that session’s answer', async () => {
    const plate = '粤D42222';
    const first = await mayLeave(plate);
    expect(first.status).toBe(200);
    const [session] = sessionsOf(plate);
    expect(first.json.data).toEqual({
      sessionId: session!._id,
      state: 'open',
      plate,
      allowed: false,
      reason: 'no_entry',
      text: '无入场记录，请扫码缴费',
      due: 2000,
      noEntry: true,
    });
    const second = await mayLeave(plate);
    expect(second.json.data).toMatchObject({
      sessionId: session!._id,
      reason: 'payment_required',
      due: 2000,
    });
    // The camera at the same lane reads it: the same session, the same text.
    expect(led((await read(plate)).json)).toBe(`${plate}\r\n无入场记录\r\n请扫码缴费 ¥20.00\r\n`);
    expect(sessionsOf(plate)).toHaveLength(1);
  });

  it('reads racing each other at the lane open one session', async () => {
    const plate = '粤E43333';
    const replies = await Promise.all([read(plate), read(plate), mayLeave(plate), read(plate)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(sessionsOf(plate)).toHaveLength(1);
  });

  it('a whitelisted car is not charged it: the operator sees to it', async () => {
    const plate = '粤F44444';
    await stack.ok(OPERATOR_OPENID, 'op.lists.add', {
      lotId: LOTS.payAtExit.id,
      kind: 'white',
      plate,
      reason: '内部车辆',
    });
    const reply = await read(plate);
    expect(led(reply.json)).toBe(`${plate}\r\n无入场记录\r\n`);
    expect(voice(reply.json)).toBe('无入场记录，请联系管理员');
    expect(sessionsOf(plate)).toEqual([]);
  });

  it('an offline replay of an exit (the car has gone) opens nothing', async () => {
    const plate = '粤G45555';
    const now = await stack.clockNow();
    const replay = plateMessage(SERIAL, plate, { isoffline: 1, sec: now - 60 });
    const reply = await cameraRead(stack, exit.token, replay);
    expect(reply.json.Response_AlarmInfoPlate.info).toBe('no');
    expect(sessionsOf(plate)).toEqual([]);
  });
});
