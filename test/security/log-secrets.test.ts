// (a) No secret in any log line captured while the real stack runs. The stack's function host
// hands every line the functions write (their stdout and stderr, workers of cloudfunctions/ run
// from source, with debug logging on) to BackendStack.logs; the sandbox's own log and anything
// printed inside this test process are captured too. A representative set of journeys runs,
// failures included, and then no captured line may hold the merchant key, the merchant password
// or a lot's gate secret, in the clear or encoded (base64, base64url, hex, URL/form-encoded,
// JSON-escaped), nor a 16-character piece of the key.
import { randomBytes } from 'node:crypto';
import { encodeForm } from '../../core/allinpay/form';
import { keyFromPassword, sign } from '../../core/allinpay/sign';
import { DEMO_MERCHANT } from '../../sandbox';
import { gateSignature } from '../../server/gate-auth/gate-signature';
import { COLLECTIONS } from '../../server/store/collections';
import { GATE_SECRET, GATES, LOTS, OPERATOR_OPENID, SPOTS } from '../backend/support/seed';
import { BackendStack, eventually } from '../backend/support/stack';
import { SECRETS, encodings, leaks } from './support/secrets';

jest.setTimeout(90_000);

const DRIVER = 'o-sec-logs-driver-0000000001';
const OTHER_DRIVER = 'o-sec-logs-other-00000000001';

let stack: BackendStack;
const sandboxLines: string[] = [];
const processLines: string[] = [];
const restores: Array<() => void> = [];
let reconciled: Record<string, number | boolean> = {};

function captureProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      processLines.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = write;
    });
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      processLines.push(args.map(String).join(' '));
    });
    restores.push(() => spy.mockRestore());
  }
}

type Payment = { reqsn: string; requestPayment: Record<string, string> };
type Started = { session: { id: string; state: string }; payment?: Payment };

async function gateEntry(plate: string, gateId = GATES.exitIn.id, lotId = LOTS.payAtExit.id) {
  const reply = await stack.gate(lotId, { type: 'entry', gateId, plate });
  expect(reply.status).toBe(200);
  return (reply.json as { data: { sessionId: string } }).data.sessionId;
}

beforeAll(async () => {
  captureProcessOutput();
  stack = await BackendStack.start({
    sandbox: { log: (line) => sandboxLines.push(line) },
    env: { PARKING_LOG_DEBUG: '1' },
  });

  // 1. Pay at the exit: the gate reports the car, the driver pays, the gate lets it out.
  const exitSession = await gateEntry('粤F61001');
  await stack.advanceClock(3600);
  const paying = await stack.ok<{ payment: Payment }>(DRIVER, 'exit.pay', {
    sessionId: exitSession,
  });
  await stack.cashierPay(paying.payment.requestPayment);
  await stack.ok(DRIVER, 'payment.confirm', { sessionId: exitSession });
  await stack.gate(LOTS.payAtExit.id, {
    type: 'may_leave',
    gateId: GATES.exitOut.id,
    plate: '粤F61001',
  });
  await stack.gate(LOTS.payAtExit.id, {
    type: 'exit',
    gateId: GATES.exitOut.id,
    plate: '粤F61001',
  });
  await stack.ok(DRIVER, 'session.detail', { sessionId: exitSession });

  // 2. Entry prepay, then finish at the exit from the freeze.
  const prepay = await stack.ok<Started>(DRIVER, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤F61002',
  });
  await stack.cashierPay(prepay.payment!.requestPayment);
  await eventually(() => stack.session(prepay.session.id).state === 'frozen', 'frozen');
  await stack.advanceClock(1800);
  await stack.gate(LOTS.prepay.id, {
    type: 'may_leave',
    gateId: GATES.prepayOut.id,
    plate: '粤F61002',
  });
  await stack.gate(LOTS.prepay.id, { type: 'exit', gateId: GATES.prepayOut.id, plate: '粤F61002' });

  // 3. A roadside booking cancelled (the freeze released).
  const spot = SPOTS.find((s) => s.lotId === LOTS.road1.id)!;
  const booking = await stack.ok<Started>(DRIVER, 'booking.create', {
    spotId: spot.id,
    plate: '粤F61003',
  });
  await stack.cashierPay(booking.payment!.requestPayment);
  await eventually(() => stack.session(booking.session.id).state === 'booked', 'booked');
  await stack.ok(DRIVER, 'booking.cancel', { sessionId: booking.session.id });

  // 4. Forged and unsigned notifications.
  const forgedFields = {
    cusid: DEMO_MERCHANT.cusid,
    appid: DEMO_MERCHANT.appid,
    reqsn: paying.payment.reqsn,
    trxstatus: '0000',
    fee: '1',
  };
  for (const body of [
    encodeForm({ ...forgedFields, sign: sign(forgedFields, keyFromPassword('guess')) }),
    encodeForm(forgedFields),
    'not a form at all',
  ]) {
    await fetch(`${stack.hostUrl}/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  // 5. Platform errors: HTTP 5xx on a pay, then the payment found again by query.
  const failing = await gateEntry('粤F61004');
  await stack.advanceClock(3600);
  await stack.setFaults({ http5xx: 1 });
  await stack.api(OTHER_DRIVER, 'exit.pay', { sessionId: failing });
  await stack.api(OTHER_DRIVER, 'payment.confirm', { sessionId: failing });
  await stack.setFaults({});
  await stack.api(OTHER_DRIVER, 'exit.pay', { sessionId: failing });
  await stack.api(OTHER_DRIVER, 'payment.confirm', { sessionId: failing });

  // 6. Operator actions, and an operator route refused to a driver.
  const inside = await gateEntry('粤F61005');
  await stack.ok(OPERATOR_OPENID, 'op.sessions.list', { lotId: LOTS.payAtExit.id });
  await stack.ok(OPERATOR_OPENID, 'op.sessions.get', { sessionId: exitSession });
  await stack.api(OPERATOR_OPENID, 'op.sessions.cancel', { sessionId: inside, reason: '测试取消' });
  await stack.api(OPERATOR_OPENID, 'op.gate.open', {
    gateId: GATES.exitOut.id,
    reason: '测试开闸',
  });
  await stack.api(OPERATOR_OPENID, 'op.reconciliation', {
    lotId: LOTS.payAtExit.id,
    date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
  });
  await stack.api(DRIVER, 'op.lots.list', {});

  // 7. Gate calls with a bad HMAC, a replay and bad input.
  await stack.gate(
    LOTS.payAtExit.id,
    { type: 'entry', gateId: GATES.exitIn.id, plate: '粤F61006' },
    { secret: 'wrong' },
  );
  const nonce = randomBytes(12).toString('hex');
  const body = { type: 'entry', gateId: GATES.exitIn.id, plate: '粤F61007' };
  await stack.gate(LOTS.payAtExit.id, body, { nonce });
  await stack.gate(LOTS.payAtExit.id, body, { nonce });
  await stack.gate(LOTS.payAtExit.id, { ...body, plate: 'XYZ' });
  const raw = '{"type":"entry"';
  const timestamp = String(Math.floor(Date.now() / 1000));
  await fetch(`${stack.hostUrl}/gate`, {
    method: 'POST',
    headers: {
      'x-gate-lot': LOTS.payAtExit.id,
      'x-gate-timestamp': timestamp,
      'x-gate-nonce': 'raw-nonce-00000001',
      'x-gate-signature': gateSignature(GATE_SECRET, {
        lotId: LOTS.payAtExit.id,
        timestamp,
        nonce: 'raw-nonce-00000001',
        body: raw,
      }),
    },
    body: raw,
  });

  // 8. Bad driver input, then a reconcile run over everything left open.
  await stack.api(DRIVER, 'exit.pay', { sessionId: '../../etc' });
  await stack.api(DRIVER, 'no.such.route', {});
  // A prepay paid at the cashier whose notification is lost: reconcile has to query it.
  await stack.setFaults({ drop: 1 });
  const lost = await stack.ok<Started>(OTHER_DRIVER, 'entry.prepay', {
    gateId: GATES.prepayIn.id,
    plate: '粤F61008',
  });
  await stack.cashierPay(lost.payment!.requestPayment);
  await stack.setFaults({});
  await stack.advanceClock(3 * 3600);
  reconciled = await stack.fireReconcile();
  // Let the last lines of the workers reach the host.
  await new Promise((resolve) => setTimeout(resolve, 200));
}, 90_000);

afterAll(async () => {
  await stack?.close();
  for (const restore of restores.reverse()) restore();
});

it('finds a secret in every form it looks for (the check can fail)', () => {
  for (const secret of Object.values(SECRETS)) {
    for (const text of Object.values(encodings(secret))) {
      expect(leaks([`some line ${text} more`]).length).toBeGreaterThan(0);
    }
  }
  expect(leaks([`key piece ${DEMO_MERCHANT.key.slice(5, 21)}`])).toHaveLength(1);
  expect(
    leaks([`masked ${DEMO_MERCHANT.key.slice(0, 4)}****${DEMO_MERCHANT.key.slice(-4)}`]),
  ).toEqual([]);
});

it('captured the functions’ logs of every function and of the failures', () => {
  const lines = stack.logs;
  for (const fn of ['api', 'notify', 'gate', 'reconcile']) {
    expect({ fn, lines: lines.filter((l) => l.startsWith(`[${fn}] `)).length > 0 }).toEqual({
      fn,
      lines: true,
    });
  }
  const text = lines.join('\n');
  // The debug lines of the signed client, and the refusals of forged notifications.
  expect(text).toMatch(/allinpay request/);
  expect(text).toMatch(/bad_signature/);
  expect(lines.length).toBeGreaterThan(20);
  expect(sandboxLines.length).toBeGreaterThan(0);
  // The journeys did what they were meant to.
  expect(stack.docs(COLLECTIONS.notifications, { verdict: 'bad_signature' }).length).toBe(2);
  expect(stack.docs(COLLECTIONS.gateNonces).length).toBeGreaterThan(5);
  expect(reconciled.queried).toBeGreaterThanOrEqual(1);
});

it('holds no secret in any line the functions wrote', () => {
  expect(leaks(stack.logs)).toEqual([]);
});

it('holds no secret in the sandbox log nor in this process’s output', () => {
  expect(leaks(sandboxLines)).toEqual([]);
  expect(leaks(processLines)).toEqual([]);
});
