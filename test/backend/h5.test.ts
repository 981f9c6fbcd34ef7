// The H5 page of a lane's printed code (issue 12, Deliver 3): opened in a plain browser, it shows
// the plate's fee at that exit and pays through the platform's browser-redirect flow without
// openid (protocol note 12), against the real functions, sandbox and database, over HTTP. The
// notification of such a payment that the session can no longer take is answered `refuse`
// (note 11); everywhere else notify answers as ever.
import { parseForm } from '../../core/allinpay/form';
import { keyFromPassword, verify } from '../../core/allinpay/sign';
import { DEMO_MERCHANT } from '../../sandbox';
import { COLLECTIONS } from '../../server/store/collections';
import {
  cameraRead,
  changeLot,
  heartbeat,
  led,
  plateMessage,
  registerCamera,
} from './support/camera';
import { GATES, LOTS, OPERATOR_OPENID } from './support/seed';
import { BackendStack, eventually, fetchOnce } from './support/stack';

jest.setTimeout(90_000);

let stack: BackendStack;
let exit: { token: string };
const SERIAL = 'SN-H5-EXIT-01';
beforeAll(async () => {
  stack = await BackendStack.start({ env: { ALLINPAY_TIMEOUT_MS: '800' } });
  exit = await registerCamera(stack, GATES.exitOut.id, SERIAL);
});
afterAll(() => stack.close());
afterEach(() => stack.setFaults({}));

const HOUR = 3600;
const EXIT_SCENE = `g:${GATES.exitOut.id}`;
const KEY = keyFromPassword(DEMO_MERCHANT.password);

type Page = { status: number; headers: Headers; html: string };

async function h5Get(path: string, query: Record<string, string>): Promise<Page> {
  const res = await fetchOnce(`${stack.hostUrl}${path}?${new URLSearchParams(query)}`, {});
  return { status: res.status, headers: res.headers, html: await res.text() };
}

const page = (plate?: string) =>
  h5Get('/p', { scene: EXIT_SCENE, ...(plate !== undefined && { plate }) });

async function h5Pay(form: Record<string, string>) {
  const res = await fetchOnce(`${stack.hostUrl}/p/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    redirect: 'manual',
  });
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    html: await res.text(),
  };
}

/** The hidden fields of the page's pay form, as the browser would post them. */
function payFields(html: string): Record<string, string> {
  const form = /<form method="post"[^>]*id="pay">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[m[1]!] = m[2]!.replace(/&#58;/g, ':');
  }
  return fields;
}

/** The amount the page shows, in fen (from ¥12.00, never through a float). */
function shownFen(html: string): number {
  const yuan = /<p class="amount" id="amount">¥(\d+)\.(\d\d)<\/p>/.exec(html);
  if (!yuan) throw new Error(`no amount on the page:\n${html}`);
  return Number(yuan[1]) * 100 + Number(yuan[2]);
}

/** A car that came in through the controller and stayed `seconds`. */
async function carInside(plate: string, seconds: number): Promise<string> {
  const entered = await stack.gateOk<{ sessionId: string }>(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate,
  });
  await stack.advanceClock(seconds);
  return entered.sessionId;
}

/** The payer at the platform: follows the redirect entry to the cashier and pays there. */
async function payAtPlatform(location: string) {
  const entry = await fetchOnce(location, { redirect: 'manual' });
  expect(entry.status).toBe(303);
  const prepayId = new URL(entry.headers.get('location')!, location).searchParams.get('prepay_id');
  return stack.cashierPay({ prepay_id: prepayId! }, {}, { mustPay: true });
}

const notificationsOf = (reqsn: string) =>
  stack.docs<{ verdict: string }>(COLLECTIONS.notifications, { reqsn });

async function deliveries(reqsn: string) {
  const reply = await stack.sandboxCall<{
    notifications: Array<{ status: string; attempts: Array<{ reply?: string }> }>;
  }>('GET', `/_sandbox/notifications?reqsn=${reqsn}`);
  return reply.json.notifications;
}

describe('the page', () => {
  it('asks for the plate at the exit it was printed for, as a phone page with a strict policy', async () => {
    const first = await page();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${stack.sandbox.url}`,
    );
    expect(first.html).toContain('<meta name="viewport" content="width=device-width');
    expect(first.html).toContain('出口缴费停车场 · 出口');
    expect(first.html).toContain('name="plate"');
    // WeChat's own parameters on a shared link are no input of ours.
    const shared = await h5Get('/p', { scene: EXIT_SCENE, from: 'singlemessage' });
    expect(shared.status).toBe(200);
  });

  it('shows the plate, its stay and the fee the platform will charge', async () => {
    const plate = '粤B50001';
    const sessionId = await carInside(plate, HOUR + 10 * 60);
    const shown = await page('粤b 50001'); // typed loosely: normalised
    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<dd>粤B50001</dd>');
    expect(shown.html).toContain('停车时长');
    const quote = await stack.ok<{ due: number }>('o-h5-quote-000000000000001', 'session.quote', {
      sessionId,
    });
    expect(shownFen(shown.html)).toBe(quote.due);
    expect(quote.due).toBe(1000); // two started hours at ¥5
    expect(shown.html).toContain('支付 ¥10.00</button>');
    expect(payFields(shown.html)).toEqual({
      scene: EXIT_SCENE,
      plate,
      sessionId,
      amount: '1000',
    });
    // The status the page's script polls.
    const status = await h5Get('/p/status', { scene: EXIT_SCENE, plate });
    expect(JSON.parse(status.html)).toEqual({ kind: 'due', text: '' });
  });

  it('says so for a plate with no record, and escapes whatever it prints', async () => {
    const unknown = await page('粤B59999');
    expect(unknown.status).toBe(200);
    expect(unknown.html).toContain('未找到 粤B59999 的在场记录');
    const hostile = await page('<script>alert(1)</script>');
    expect(hostile.status).toBe(400);
    expect(hostile.html).toContain('车牌号格式不正确');
    expect(hostile.html).toContain('value="&#60;script&#62;alert(1)&#60;/script&#62;"');
    expect(hostile.html).not.toContain('<script>alert');
    const quoted = await h5Get('/p', { scene: `${EXIT_SCENE}"><b>x`, plate: '粤B59999' });
    expect(quoted.status).toBe(400);
    expect(quoted.html).not.toContain('"><b>x');
  });

  it('refuses what is not an exit code, a bad method or body, with a named code, changing nothing', async () => {
    const before = JSON.stringify(stack.docs(COLLECTIONS.sessions));
    const entryCode = await h5Get('/p', { scene: `g:${GATES.exitIn.id}` });
    expect(entryCode.status).toBe(409);
    expect(entryCode.html).toContain('在小程序中办理');
    expect(entryCode.html).toContain('NOT_A_LANE');
    expect((await h5Get('/p', { scene: 'nonsense' })).status).toBe(400);
    expect((await h5Get('/p', { scene: 'g:no-such-gate' })).status).toBe(404);
    expect((await h5Get('/p', {})).html).toContain('INVALID_INPUT');
    expect((await h5Get('/p/pay', { scene: EXIT_SCENE })).status).toBe(405);
    const extra = await h5Pay({
      scene: EXIT_SCENE,
      plate: '粤B50001',
      sessionId: 'S1',
      amount: '1000',
      openid: 'o-somebody',
    });
    expect(extra.status).toBe(400);
    const fraction = await h5Pay({
      scene: EXIT_SCENE,
      plate: '粤B50001',
      sessionId: 'S1',
      amount: '9.5',
    });
    expect(fraction.status).toBe(400);
    const status = await h5Get('/p/status', { scene: EXIT_SCENE });
    expect(status.status).toBe(400);
    expect(JSON.parse(status.html)).toMatchObject({ code: 'INVALID_INPUT' });
    expect(JSON.stringify(stack.docs(COLLECTIONS.sessions))).toBe(before);
  });
});

describe('paying from the page', () => {
  it('submits the signed fields without openid to the browser entry; paid, the heartbeat raises the barrier', async () => {
    const plate = '粤B50011';
    const sessionId = await carInside(plate, 2 * HOUR + 60);
    const shown = await page(plate);
    const amount = shownFen(shown.html);
    expect(amount).toBe(1500);

    // The page was read a while ago: the fee has moved on, nothing is charged, the page says so.
    await stack.advanceClock(HOUR);
    const stale = await h5Pay(payFields(shown.html));
    expect(stale.status).toBe(200);
    expect(stale.html).toContain('金额已更新，请确认后支付');
    expect(shownFen(stale.html)).toBe(2000);
    expect(stack.session(sessionId)).toMatchObject({ state: 'open', calls: [] });

    const sent = await h5Pay(payFields(stale.html));
    expect(sent.status).toBe(303);
    const url = new URL(sent.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${stack.sandbox.url}/allinpay/pay.php`);
    const entries = parseForm(url.search.slice(1));
    expect(verify(entries, KEY)).toBe(true);
    const fields = Object.fromEntries(entries);
    const [call] = stack.session(sessionId).calls;
    expect(call).toMatchObject({
      kind: 'pay',
      status: 'requested',
      amount: 2000,
      browser: true,
      atExit: true,
      exitGateId: GATES.exitOut.id,
      by: 'h5',
    });
    expect(fields).toMatchObject({
      cusid: DEMO_MERCHANT.cusid,
      reqsn: call!.reqsn,
      fee: '2000',
      LPR: 'B50011',
      LPRpro: '44',
      pro: LOTS.payAtExit.pro,
      parkingNo: LOTS.payAtExit.parkingNo,
      payTime: String(call!.requestedAt),
      notify_url: `${stack.hostUrl}/notify`,
      asinfo: '990440153996001:200', // the lot's 10% split, charged with the pay
    });
    expect(fields).not.toHaveProperty('openid');
    expect(sent.location).not.toContain(KEY);
    expect(stack.logs.length).toBeGreaterThan(0);
    expect(stack.logs.join('\n')).not.toContain(KEY);
    expect(stack.logs.join('\n')).not.toContain(DEMO_MERCHANT.password);

    // Opened again before paying: the same order is resumed, never a second one.
    const again = await page(plate);
    expect(again.html).toContain('继续支付 ¥20.00');
    const resumed = await h5Pay(payFields(again.html));
    expect(resumed.status).toBe(303);
    expect(new URL(resumed.location).searchParams.get('reqsn')).toBe(call!.reqsn);
    expect(stack.session(sessionId).calls).toHaveLength(1);

    await stack.advanceClock(30);
    const paid = await payAtPlatform(sent.location);
    expect(paid).toMatchObject({ result: 'paid', reqsn: call!.reqsn });
    await eventually(() => stack.session(sessionId).state === 'closed', 'the notification');
    expect(stack.session(sessionId)).toMatchObject({
      outGateId: GATES.exitOut.id,
      amounts: { paid: 2000 },
    });
    await eventually(
      async () => (await deliveries(call!.reqsn))[0]?.status === 'delivered',
      'acknowledged',
    );
    // Acknowledged (a first attempt may meet a cold function on a loaded machine and be resent).
    const replies = (await deliveries(call!.reqsn))[0]!.attempts.map((a) => a.reply);
    expect(replies.at(-1)).toBe('success');
    expect(replies).not.toContain('refuse');
    const txn = (await stack.transaction(call!.reqsn)).transaction as Record<string, unknown>;
    expect(txn).toMatchObject({ state: 'paid', browser: true, fee: 2000 });
    expect(txn.refused).toBeUndefined();
    // Paid in a browser without openid: there is no driver to send a receipt to, and none is tried.
    for (const kind of ['parking_receipt', 'payment_failed']) {
      expect(stack.docs(COLLECTIONS.subscribeMessages, { _id: `${kind}:${call!.id}` })).toEqual([]);
    }
    expect(
      stack.db.openapi
        .calls({ api: 'subscribeMessage.send' })
        .filter((c) => JSON.stringify(c.params).includes(call!.reqsn)),
    ).toEqual([]);

    const status = await h5Get('/p/status', { scene: EXIT_SCENE, plate });
    expect(JSON.parse(status.html)).toMatchObject({ kind: 'paid' });
    expect((await page(plate)).html).toContain('已缴费');

    const up = await heartbeat(stack, exit.token, SERIAL);
    expect(up.json.Response_AlarmInfoPlate.info).toBe('ok');
    expect((await heartbeat(stack, exit.token, SERIAL)).json.Response_AlarmInfoPlate.info).toBe(
      'no',
    );
  });

  it('is paid once under duplicated notifications, each acknowledged', async () => {
    const plate = '粤B50021';
    const sessionId = await carInside(plate, HOUR + 10 * 60); // off a unit boundary
    await stack.setFaults({ duplicate: 1 });
    const shown = await page(plate);
    const sent = await h5Pay(payFields(shown.html));
    expect(sent.status).toBe(303);
    const reqsn = new URL(sent.location).searchParams.get('reqsn')!;
    await payAtPlatform(sent.location);
    await eventually(async () => (await deliveries(reqsn))[0]?.status === 'delivered', 'delivered');
    await eventually(() => notificationsOf(reqsn).length >= 2, 'both copies stored');
    const session = stack.session(sessionId);
    expect(session).toMatchObject({ state: 'closed', amounts: { paid: shownFen(shown.html) } });
    expect(session.history.filter((h) => h.event === 'payment_succeeded')).toHaveLength(1);
    expect(
      notificationsOf(reqsn)
        .map((n) => n.verdict)
        .sort(),
    ).toEqual(['already', 'applied']);
    const [delivery] = await deliveries(reqsn);
    expect(delivery!.attempts.map((a) => a.reply)).toEqual(['success', 'success']);
  });

  it('a car with nothing due is let out at the scan', async () => {
    const plate = '粤B50031';
    const sessionId = await carInside(plate, 5 * 60);
    const shown = await page(plate);
    expect(shown.html).toContain('无需缴费');
    const form = /<form method="post"[^>]*>([\s\S]*?)<\/form>/.exec(shown.html)![1]!;
    const fields = Object.fromEntries(
      [...form.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    expect(fields).toMatchObject({ plate, sessionId, amount: '0' });
    const left = await h5Pay({ ...fields, scene: EXIT_SCENE } as Record<string, string>);
    expect(left.status).toBe(200);
    expect(left.html).toContain('已缴费');
    expect(stack.session(sessionId)).toMatchObject({
      state: 'closed',
      outGateId: GATES.exitOut.id,
    });
    expect((await heartbeat(stack, exit.token, SERIAL)).json.Response_AlarmInfoPlate.info).toBe(
      'ok',
    );
  });
});

describe('a car with no entry record (the lot charges a fixed fee)', () => {
  it('pays exactly that fee on the page, and the heartbeat lets it out', async () => {
    await changeLot(stack, LOTS.payAtExit.id, (lot) => ({ ...lot, noEntryFee: 3000 }), '固定收费');
    try {
      const plate = '粤K73958';
      const held = await cameraRead(stack, exit.token, plateMessage(SERIAL, plate));
      expect(led(held.json)).toBe(`${plate}\r\n无入场记录\r\n请扫码缴费 ¥30.00\r\n`);
      const shown = await page(plate);
      expect(shown.html).toContain('<dd>无入场记录</dd>');
      expect(shown.html).not.toContain('停车时长');
      expect(shown.html).toContain('无入场记录，固定收费 ¥30.00');
      expect(shownFen(shown.html)).toBe(3000);
      const sent = await h5Pay(payFields(shown.html));
      expect(new URL(sent.location).searchParams.get('fee')).toBe('3000');
      await payAtPlatform(sent.location);
      const [session] = stack.docs<{ _id: string }>(COLLECTIONS.sessions, { plate });
      await eventually(() => stack.session(session!._id).state === 'closed', 'paid');
      expect((await heartbeat(stack, exit.token, SERIAL)).json.Response_AlarmInfoPlate.info).toBe(
        'ok',
      );
    } finally {
      await changeLot(stack, LOTS.payAtExit.id, ({ noEntryFee: _fee, ...lot }) => lot, '恢复');
    }
  });
});

describe('notify answers `refuse` only in the browser-redirect flow', () => {
  it('refuses a page’s payment that comes after the session was paid elsewhere, keeping the money on record', async () => {
    const plate = '粤B50041';
    const sessionId = await carInside(plate, HOUR + 10 * 60); // off a unit boundary
    // The page's pay is made, but its window is left unopened...
    const shown = await page(plate);
    const sent = await h5Pay(payFields(shown.html));
    const reqsn = new URL(sent.location).searchParams.get('reqsn')!;
    // ...the platform has never seen it: reconcile gives it up once its sender is surely done.
    await stack.advanceClock(60);
    await stack.fireReconcile();
    expect(stack.session(sessionId).calls[0]).toMatchObject({ status: 'failed' });
    // The driver pays in the mini-program instead, at the exit's code.
    const driver = 'o-h5-app-driver-00000000001';
    const started = await stack.ok<{
      payment: { reqsn: string; amount: number; requestPayment: Record<string, string> };
    }>(driver, 'exit.pay', { sessionId, gateId: GATES.exitOut.id });
    await stack.cashierPay(started.payment.requestPayment, {}, { mustPay: true });
    await eventually(() => stack.session(sessionId).state === 'closed', 'paid in the app');

    // The forgotten window is opened after all and paid: that scan is ignored.
    await payAtPlatform(sent.location);
    await eventually(async () => (await deliveries(reqsn))[0]?.status === 'refused', 'refused');
    const [delivery] = await deliveries(reqsn);
    expect(delivery!.attempts).toEqual([expect.objectContaining({ reply: 'refuse' })]);
    expect((await stack.transaction(reqsn)).transaction).toMatchObject({ refused: true });
    expect(notificationsOf(reqsn).map((n) => n.verdict)).toEqual(['scan_refused']);
    const session = stack.session(sessionId);
    expect(session.state).toBe('closed');
    expect(session.flagged).toBe(true);
    expect(session.amounts.paid).toBe(shownFen(shown.html) + started.payment.amount);
    expect(session.anomalies.map((a) => a.code)).toEqual(['double_payment']);
    const listed = await stack.ok<{ items: Array<{ id: string }> }>(
      OPERATOR_OPENID,
      'op.sessions.list',
      { lotId: LOTS.payAtExit.id, flagged: true },
    );
    expect(listed.items.map((s) => s.id)).toContain(sessionId);
  });

  it('acknowledges such a payment of the mini-program’s flow with `success`, as ever', async () => {
    const plate = '粤B50051';
    const sessionId = await carInside(plate, HOUR + 10 * 60); // off a unit boundary
    // The app's pay times out (its answer lost) and is given up by query: nobody holds its sheet.
    const driver = 'o-h5-app-driver-00000000002';
    await stack.setFaults({ timeout: 1, timeoutMs: 1200 });
    await stack.api(driver, 'exit.pay', { sessionId });
    await stack.setFaults({});
    const [appCall] = stack.session(sessionId).calls;
    await stack.advanceClock(60);
    await stack.fireReconcile();
    expect(stack.session(sessionId).calls[0]).toMatchObject({ status: 'abandoned' });
    // The page pays and the car is let out; then the app's order is paid after all.
    const shown = await page(plate);
    const sent = await h5Pay(payFields(shown.html));
    await payAtPlatform(sent.location);
    await eventually(() => stack.session(sessionId).state === 'closed', 'paid on the page');
    await stack.sandboxOk('POST', '/_sandbox/cashier/pay', {
      cusid: DEMO_MERCHANT.cusid,
      reqsn: appCall!.reqsn,
    });
    await eventually(
      async () => (await deliveries(appCall!.reqsn))[0]?.status === 'delivered',
      'acknowledged',
    );
    expect((await deliveries(appCall!.reqsn))[0]!.attempts).toEqual([
      expect.objectContaining({ reply: 'success' }),
    ]);
    expect(stack.session(sessionId)).toMatchObject({
      state: 'closed',
      amounts: { paid: appCall!.amount + shownFen(shown.html) },
    });
    expect(notificationsOf(appCall!.reqsn).map((n) => n.verdict)).toEqual(['applied']);
  });
});
