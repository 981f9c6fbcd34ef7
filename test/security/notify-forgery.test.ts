// (d) `notify` refuses unsigned and forged bodies. The platform's real notification of a pay and
// of a prepay is held back (drop), so the sessions wait for it; every forgery built from its
// fields is then sent straight to /notify and must be answered with the refusal (`fail`, never
// `success`), stored with its verdict, and change no session. Last, the genuine body is applied,
// which shows the sessions were waiting for exactly what the forgeries pretended to be.
import { createHash, createHmac } from 'node:crypto';
import { encodeForm } from '../../core/allinpay/form';
import { keyFromPassword, sign, signingString } from '../../core/allinpay/sign';
import { DEMO_MERCHANT } from '../../sandbox';
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, LOTS } from '../backend/support/seed';
import { BackendStack, eventually } from '../backend/support/stack';

jest.setTimeout(60_000);

const DRIVER = 'o-sec-notify-0000000000000001';
const OTHER_KEY = keyFromPassword('not-the-merchant-password');

type Payment = { reqsn: string; requestPayment: Record<string, string> };
type Fields = Record<string, string>;
interface Held {
  sessionId: string;
  reqsn: string;
  /** The platform's signed fields, as it would have sent them. */
  fields: Fields;
}

let stack: BackendStack;
const held: Record<'pay' | 'prepay', Held> = {} as never;

async function heldBack(sessionId: string, payment: Payment): Promise<Held> {
  await stack.cashierPay(payment.requestPayment);
  const reply = await stack.sandboxCall<{
    notifications: Array<{ status: string; fields: Fields }>;
  }>('GET', `/_sandbox/notifications?reqsn=${payment.reqsn}`);
  const [delivery] = reply.json.notifications;
  expect(delivery?.status).toBe('dropped');
  expect(delivery!.fields.sign).toMatch(/^[0-9A-F]{32}$/);
  return { sessionId, reqsn: payment.reqsn, fields: delivery!.fields };
}

beforeAll(async () => {
  stack = await BackendStack.start({ sandbox: { faults: { global: { drop: 1 } } } });
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤F41001',
  });
  const sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(3600);
  const pay = await stack.ok<{ payment: Payment }>(DRIVER, 'exit.pay', { sessionId });
  held.pay = await heldBack(sessionId, pay.payment);
  const prepay = await stack.ok<{ session: { id: string }; payment: Payment }>(
    DRIVER,
    'entry.prepay',
    { gateId: GATES.prepayIn.id, plate: '粤F41002' },
  );
  held.prepay = await heldBack(prepay.session.id, prepay.payment);
}, 60_000);

afterAll(() => stack?.close());

const withoutSign = ({ sign: _sign, ...rest }: Fields): Fields => rest;

/** Forgeries of a genuine notification, and the verdict each must be stored with. */
const FORGERIES: Array<[string, (genuine: Fields) => string, string]> = [
  ['an unsigned body (no sign field)', (g) => encodeForm(withoutSign(g)), 'bad_signature'],
  ['an empty sign', (g) => encodeForm({ ...withoutSign(g), sign: '' }), 'bad_signature'],
  [
    'a made-up sign',
    (g) => encodeForm({ ...withoutSign(g), sign: 'A'.repeat(32) }),
    'bad_signature',
  ],
  [
    'a sign made with another key',
    (g) => encodeForm({ ...withoutSign(g), sign: sign(withoutSign(g), OTHER_KEY) }),
    'bad_signature',
  ],
  [
    'a body carrying its own key, signed with it',
    (g) => {
      const fields = { ...withoutSign(g), key: OTHER_KEY };
      return encodeForm({ ...fields, sign: sign(fields, OTHER_KEY) });
    },
    'bad_signature',
  ],
  [
    'the genuine sign over a changed status',
    (g) => encodeForm({ ...g, trxstatus: g.trxstatus === '0000' ? '3999' : '0000' }),
    'bad_signature',
  ],
  [
    'the genuine sign over a changed fee',
    (g) => encodeForm({ ...g, fee: String(Number(g.fee ?? 0) + 1) }),
    'bad_signature',
  ],
  [
    'the genuine sign with a field added (signtype=MD5)',
    (g) => encodeForm({ ...g, signtype: 'MD5' }),
    'bad_signature',
  ],
  [
    'signtype=SHA256 with a SHA-256 sign made with another key',
    (g) => {
      const fields = { ...withoutSign(g), signtype: 'SHA256' };
      const digest = createHash('sha256').update(signingString(fields, OTHER_KEY)).digest('hex');
      return encodeForm({ ...fields, sign: digest.toUpperCase() });
    },
    'bad_signature',
  ],
  [
    'signtype=HMAC-SHA256 with an HMAC made with another key',
    (g) => {
      const fields = { ...withoutSign(g), signtype: 'HMAC-SHA256' };
      const mac = createHmac('sha256', OTHER_KEY).update(signingString(fields, OTHER_KEY));
      return encodeForm({ ...fields, sign: mac.digest('hex').toUpperCase() });
    },
    'bad_signature',
  ],
  [
    'the genuine fields re-signed for an unknown merchant',
    (g) => {
      const fields = { ...withoutSign(g), cusid: '990440153999999' };
      return encodeForm({ ...fields, sign: sign(fields, OTHER_KEY) });
    },
    'unknown_merchant',
  ],
];

const sessionsJson = () =>
  JSON.stringify(
    stack.docs<{ _id: string }>(COLLECTIONS.sessions).sort((a, b) => a._id.localeCompare(b._id)),
  );

function verdictsOf(reqsn: string): string[] {
  return stack
    .docs<{ verdict: string }>(COLLECTIONS.notifications, { reqsn })
    .map((n) => n.verdict);
}

async function post(body: string, contentType = 'application/x-www-form-urlencoded') {
  const res = await fetch(`${stack.hostUrl}/notify`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe.each(['pay', 'prepay'] as const)('a forged %s notification', (kind) => {
  it.each(FORGERIES)('is refused: %s', async (_what, forge, verdict) => {
    const { reqsn, fields, sessionId } = held[kind];
    const waiting = stack.session(sessionId).state;
    const before = sessionsJson();
    const stored = verdictsOf(reqsn).length;
    const reply = await post(forge(fields));
    expect(reply).toEqual({ status: 400, text: 'fail' });
    expect(sessionsJson()).toBe(before);
    expect(stack.session(sessionId).state).toBe(waiting);
    const verdicts = verdictsOf(reqsn);
    // Stored for audit with its verdict, and not believed.
    expect(verdicts).toHaveLength(stored + 1);
    expect(verdicts.at(-1)).toBe(verdict);
    expect(verdicts).not.toContain('applied');
  });

  it('is refused sent base64-encoded (binary), as JSON, or by GET', async () => {
    const { reqsn, fields } = held[kind];
    const before = sessionsJson();
    const forged = encodeForm({
      ...withoutSign(fields),
      sign: sign(withoutSign(fields), OTHER_KEY),
    });
    expect(await post(forged, 'application/octet-stream')).toEqual({ status: 400, text: 'fail' });
    const json = await post(
      JSON.stringify({ ...withoutSign(fields), sign: sign(withoutSign(fields), OTHER_KEY) }),
      'application/json',
    );
    expect(json.text).toBe('fail');
    expect(json.status).toBeGreaterThanOrEqual(400);
    const get = await fetch(`${stack.hostUrl}/notify?${encodeForm(fields)}`);
    expect(get.status).toBe(405);
    expect(await get.text()).toBe('fail');
    expect(sessionsJson()).toBe(before);
    expect(verdictsOf(reqsn)).not.toContain('applied');
  });
});

it('applies the genuine notifications the forgeries imitated, once', async () => {
  for (const kind of ['pay', 'prepay'] as const) {
    const { reqsn, fields, sessionId } = held[kind];
    expect(await post(encodeForm(fields))).toEqual({ status: 200, text: 'success' });
    expect(verdictsOf(reqsn)).toContain('applied');
    expect(verdictsOf(reqsn).filter((v) => v === 'applied')).toHaveLength(1);
    await eventually(
      () => stack.session(sessionId).state === (kind === 'pay' ? 'paid' : 'frozen'),
      `${kind} applied`,
    );
  }
  expect(DEMO_MERCHANT.cusid).toBe(held.pay.fields.cusid);
});
