// Hostile deliveries to /notify over HTTP against the real local stack: whatever arrives, the
// reply is the handler's own (`fail` unless a verified delivery was processed), never a 5xx, and
// no session, payment or ledger entry changes. Every delivery is kept raw for audit (by design).
import fc from 'fast-check';
import { encodeForm } from '../../core/allinpay/form';
import { sign } from '../../core/allinpay/sign';
import { DEMO_MERCHANT } from '../../sandbox';
import { MAX_BODY_BYTES } from '../../server/parking/http/http-access';
import {
  ACK,
  NACK,
  type NotificationRecord,
} from '../../server/parking/notify/handle-notification';
import { COLLECTIONS } from '../../server/store/collections';
import { GATES, LOTS } from '../backend/support/seed';
import { BackendStack } from '../backend/support/stack';
import { hostAlive, ledger, settledSnapshot, snapshot } from './support/checks';
import { HOSTILE_STRINGS, MEGABYTE } from './support/payloads';

jest.setTimeout(60_000);

const DRIVER = 'o-hostile-notify-0000000001';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let stack: BackendStack;
let sessionId: string;
let reqsn: string;
let amount: number;

beforeAll(async () => {
  stack = await BackendStack.start();
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: '粤B54321',
  });
  sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(3600);
  const started = await stack.ok<{ payment: { reqsn: string; amount: number } }>(
    DRIVER,
    'exit.pay',
    { sessionId },
  );
  reqsn = started.payment.reqsn;
  amount = started.payment.amount;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** The fields of a real success notification of the payment out, before signing. */
function fields(): Record<string, string> {
  return {
    cusid: DEMO_MERCHANT.cusid,
    appid: DEMO_MERCHANT.appid,
    trxid: 'T0000000001',
    reqsn,
    randomstr: 'r4nd0m',
    trxstatus: '0000',
    fee: String(amount),
    openid: DRIVER,
  };
}
const signed = (f: Record<string, string>, key: string = DEMO_MERCHANT.key) => ({
  ...f,
  sign: sign(f, key),
});

interface Delivery {
  label: string;
  body: string | Buffer;
  method?: string;
  headers?: Record<string, string>;
  /** The handler's reply: HTTP status and text. */
  status: number;
  reply: string;
}

async function deliver(d: Delivery): Promise<{ status: number; text: string }> {
  const res = await fetch(`${stack.hostUrl}/notify`, {
    method: d.method ?? 'POST',
    headers: d.headers ?? FORM,
    ...(d.method === 'GET'
      ? {}
      : { body: typeof d.body === 'string' ? d.body : new Uint8Array(d.body) }),
  });
  return { status: res.status, text: await res.text() };
}

const notifications = () => stack.docs<NotificationRecord>(COLLECTIONS.notifications);

/** Sends each delivery; checks replies, then that nothing but the audit records changed. */
async function expectRefusedWithoutChange(deliveries: Delivery[]): Promise<NotificationRecord[]> {
  const db = await settledSnapshot(stack, [COLLECTIONS.notifications]);
  const books = await ledger(stack);
  const session = JSON.stringify(stack.session(sessionId));
  const known = new Set(notifications().map((n) => n._id));
  const problems: string[] = [];
  for (const d of deliveries) {
    const reply = await deliver(d);
    if (reply.status >= 500 || reply.status !== d.status || reply.text !== d.reply) {
      problems.push(`${d.label}: HTTP ${reply.status} ${reply.text.slice(0, 100)}`);
    }
  }
  expect(problems).toEqual([]);
  await hostAlive(stack);
  expect(JSON.stringify(stack.session(sessionId))).toBe(session);
  expect(snapshot(stack, [COLLECTIONS.notifications])).toBe(db);
  expect(await ledger(stack)).toBe(books);
  const added = notifications().filter((n) => !known.has(n._id));
  for (const n of added) {
    expect(['applied', 'already', 'error', 'received']).not.toContain(n.verdict);
    expect(n.body.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
  }
  return added;
}

const refused = (label: string, body: string | Buffer, extra: Partial<Delivery> = {}) =>
  ({ label, body, status: 400, reply: NACK, ...extra }) satisfies Delivery;

describe('/notify under hostile input', () => {
  it('refuses what is not a signed form of a known merchant, with fail, changing nothing', async () => {
    const f = fields();
    const good = signed(f);
    const added = await expectRefusedWithoutChange([
      refused('GET', '', { method: 'GET', status: 405 }),
      refused('PUT of a signed form', encodeForm(good), { method: 'PUT', status: 405 }),
      refused('empty body', ''),
      refused('JSON instead of a form', JSON.stringify(good), {
        headers: { 'content-type': 'application/json' },
      }),
      refused('XML instead of a form', `<xml><cusid>${f.cusid}</cusid></xml>`, {
        headers: { 'content-type': 'text/xml' },
      }),
      refused('unsigned', encodeForm(f)),
      refused('empty sign', `${encodeForm(f)}&sign=`),
      refused('forged sign', encodeForm({ ...f, sign: 'A'.repeat(32) })),
      refused('signed with another key', encodeForm(signed(f, 'f'.repeat(32)))),
      refused(
        'sign of other fields',
        encodeForm({ ...f, sign: sign({ ...f, fee: '1' }, DEMO_MERCHANT.key) }),
      ),
      refused('a field changed after signing', encodeForm({ ...good, fee: String(amount + 1) })),
      refused('a field added after signing', encodeForm({ ...good, $where: '1' })),
      refused('a field dropped after signing', encodeForm({ ...good, openid: '' })),
      refused('sign as an operator object', `${encodeForm(f)}&sign[$gt]=`),
      refused('unknown merchant', encodeForm(signed({ ...f, cusid: '999999999999999' }))),
      refused('no cusid', encodeForm(signed({ ...f, cusid: '' }))),
      refused('cusid injection', encodeForm(signed({ ...f, cusid: '{"$gt":""}' }))),
      refused('cusid __proto__', encodeForm(signed({ ...f, cusid: '__proto__' }))),
      refused('cusid constructor', encodeForm(signed({ ...f, cusid: 'constructor' }))),
      refused('cusid with NUL', encodeForm(signed({ ...f, cusid: `${f.cusid}\u0000` }))),
      refused('cusid twice, the first unknown', `cusid=1&${encodeForm(good)}`),
      refused('not UTF-8 (GBK bytes, percent-encoded)', `${encodeForm(good)}&parkingNo=%D4%C1`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=gbk' },
      }),
      refused(
        'not UTF-8 (raw GBK bytes)',
        Buffer.concat([Buffer.from(`${encodeForm(good)}&parkingNo=`), Buffer.from([0xd4, 0xc1])]),
        { headers: { 'content-type': 'application/x-www-form-urlencoded; charset=gbk' } },
      ),
      refused('broken percent escapes', `${encodeForm(good)}&x=%E0%A4%A&y=%ED%A0%80&z=%`),
      refused('binary', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x00, 0x3d, 0x26]), {
        headers: { 'content-type': 'application/octet-stream' },
      }),
      refused(
        'multipart',
        `--b\r\ncontent-disposition: form-data; name="cusid"\r\n\r\n${f.cusid}\r\n--b--`,
        {
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        },
      ),
      refused('just over the size limit', `${encodeForm(good)}&pad=${'x'.repeat(MAX_BODY_BYTES)}`, {
        status: 413,
      }),
      refused('a megabyte', `${encodeForm(good)}&pad=${MEGABYTE}`, { status: 413 }),
    ]);
    expect(new Set(added.map((n) => n.verdict))).toEqual(
      new Set(['not_post', 'unknown_merchant', 'bad_signature', 'too_large']),
    );
  });

  it('refuses a verified delivery with missing fields or nonsense values as invalid', async () => {
    const f = fields();
    const without = (name: string) => {
      const copy: Record<string, string> = { ...f };
      delete copy[name];
      return copy;
    };
    const bodies: Array<[string, Record<string, string>]> = [
      ['no trxid', without('trxid')],
      ['no trxstatus', without('trxstatus')],
      ['no fee', without('fee')],
      ['no appid', without('appid')],
      ['only cusid', { cusid: DEMO_MERCHANT.cusid }],
      ...['-1', '1.5', 'NaN', 'Infinity', '1e3', '99999999999', '0x10', ' 100', '１００'].map(
        (fee): [string, Record<string, string>] => [`fee ${fee}`, { ...f, fee }],
      ),
      ...['ABCD', '00000', '-000', '{"$gt":""}', '0000\u0000'].map(
        (trxstatus): [string, Record<string, string>] => [
          `trxstatus ${trxstatus}`,
          { ...f, trxstatus },
        ],
      ),
      ['feeAIP negative', { ...f, feeAIP: '-5' }],
    ];
    const added = await expectRefusedWithoutChange(
      bodies.map(([label, body]) => refused(label, encodeForm(signed(body)))),
    );
    expect(added.map((n) => n.verdict)).toEqual(bodies.map(() => 'invalid'));
  });

  it('acknowledges a verified delivery of no call of ours (hostile reqsn) and changes nothing', async () => {
    // Decision of the handler: verified but not ours is acknowledged (its resends would be
    // identical); it is on record with verdict unknown_reqsn and touches no session.
    const f = fields();
    const reqsns = [...HOSTILE_STRINGS.filter((s) => s.trim() !== ''), 'x'.repeat(4000)];
    const added = await expectRefusedWithoutChange(
      reqsns.map((r) => ({
        label: `reqsn ${JSON.stringify(r).slice(0, 40)}`,
        body: encodeForm(signed({ ...f, reqsn: r })),
        status: 200,
        reply: ACK,
      })),
    );
    expect(new Set(added.map((n) => n.verdict))).toEqual(new Set(['unknown_reqsn']));
  });

  it('never answers a 5xx or success to random unsigned or mis-signed forms', async () => {
    const f = fields();
    const value = fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.string({ unit: 'binary', maxLength: 30 }),
    );
    const body = fc.oneof(
      // Random fields beside the real ones, signed with a guessed key.
      fc
        .tuple(fc.dictionary(fc.stringMatching(/^[A-Za-z]{1,8}$/), value, { maxKeys: 4 }), value)
        .map(([extra, guess]) => encodeForm(signed({ ...f, ...extra }, `${guess}`))),
      // Text of any kind.
      fc.string({ unit: 'binary', maxLength: 300 }),
      // A real field set with one value replaced, keeping the old sign.
      fc
        .tuple(fc.constantFrom(...Object.keys(f)), value)
        .filter(([name, v]) => v !== f[name])
        .map(([name, v]) => encodeForm({ ...signed(f), [name]: v })),
    );
    const deliveries = fc.sample(body, { seed: 20251203, numRuns: 30 });
    const added = await expectRefusedWithoutChange(
      deliveries.map((text, i) =>
        refused(`random ${i}: ${JSON.stringify(text).slice(0, 60)}`, text),
      ),
    );
    expect(added).toHaveLength(deliveries.length);
  });

  it('still processes the genuine delivery afterwards', async () => {
    const reply = await deliver(refused('genuine', encodeForm(signed(fields()))));
    expect(reply).toEqual({ status: 200, text: ACK });
    expect(stack.session(sessionId).state).toBe('paid');
  });
});
