import { finishFields, payFields, prepayFields } from './support/form-client';
import { DEMO_MERCHANT, eventually, startTestSandbox, type TestSandbox } from './support/harness';

/** The controllable clock and settlement at endTime (protocol note 6) with the totals. */

let t: TestSandbox;
let seq = 0;
const reqsn = (tag: string) => `S${tag}${++seq}${Date.now() % 100000}`;
const NOTIFY = 'http://127.0.0.1:1/notify'; // notifications are not the subject here

interface ClockView {
  now: number;
  unix: number;
  china: string;
  offsetMs: number;
}

async function sandboxUnix(): Promise<number> {
  return (await t.admin.get<ClockView>('/_sandbox/clock')).json.unix;
}

beforeAll(async () => {
  t = await startTestSandbox({ feeRateBp: 60 });
});
afterAll(() => t.stop());

async function frozenPrepay(road: '1' | '9', endInSeconds: number, fee = 10000): Promise<string> {
  const id = reqsn(`R${road}`);
  const now = await sandboxUnix();
  const res = await t.client.call(
    'prepay',
    prepayFields(id, NOTIFY, {
      road,
      inTime: String(now),
      endTime: String(now + endInSeconds),
      fee: String(fee),
    }),
  );
  expect(res.json.trxstatus).toBe('2000');
  await t.admin.pay(DEMO_MERCHANT.cusid, id);
  return id;
}

describe('clock', () => {
  it('shows sandbox time and moves forward on demand, never backward', async () => {
    const before = (await t.admin.get<ClockView>('/_sandbox/clock')).json;
    expect(before.china).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const after = await t.admin.post<ClockView>('/_sandbox/clock/advance', { seconds: 60 });
    expect(after.json.offsetMs).toBe(before.offsetMs + 60_000);
    expect(after.json.now).toBeGreaterThanOrEqual(before.now + 60_000);
    const byMs = await t.admin.post<ClockView>('/_sandbox/clock/advance', { ms: 500 });
    expect(byMs.json.offsetMs).toBe(before.offsetMs + 60_500);
    expect((await t.admin.post('/_sandbox/clock/advance', { seconds: -1 })).status).toBe(400);
    expect((await t.admin.post('/_sandbox/clock/advance', { seconds: 1, ms: 1 })).status).toBe(400);
    expect((await t.admin.post('/_sandbox/clock/advance', {})).status).toBe(400);
    expect((await t.admin.get<ClockView>('/_sandbox/clock')).json.offsetMs).toBe(
      before.offsetMs + 60_500,
    );
  });
});

describe('settlement at endTime', () => {
  it('road 1 completes the remainder when the clock passes endTime', async () => {
    const id = await frozenPrepay('1', 3600);
    await t.client.call('finish', finishFields(id, 1500, '1'));
    const early = await t.admin.advance(3599 - 5);
    expect(early.json.settled).toEqual([]);
    expect((await t.client.call('query', { reqsn: id })).json).toMatchObject({
      feeFinish: '1500',
      feeBack: '0',
    });

    const advanced = await t.admin.advance(10);
    expect(advanced.json.settled).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          reqsn: id,
          state: 'ended',
          totals: { fee: 10000, feeFinish: 10000, feeBack: 0, feeAIP: 60, remaining: 0 },
        }),
      ]),
    );
    const q = await t.client.call('query', { reqsn: id });
    expect(q.signed).toBe(true);
    expect(q.json).toMatchObject({
      trxstatus: '0000',
      fee: '10000',
      feeFinish: '10000',
      feeBack: '0',
      feeAIP: '60',
    });
    const late = await t.client.call('finish', finishFields(id, 1, '9'));
    expect(late.json).toMatchObject({ trxstatus: '3889', errmsg: 'the freeze has already ended' });
    const view = await t.admin.get<{ transaction: { segments: Array<Record<string, unknown>> } }>(
      `/_sandbox/transactions/${DEMO_MERCHANT.cusid}/${id}`,
    );
    expect(view.json.transaction.segments.at(-1)).toMatchObject({
      kind: 'settle',
      road: '1',
      charged: 8500,
      returned: 0,
    });
  });

  it('road 9 returns the remainder', async () => {
    const id = await frozenPrepay('9', 1800, 8888);
    await t.client.call('finish', finishFields(id, 2345, '1'));
    await t.admin.advance(1801);
    const q = await t.client.call('query', { reqsn: id });
    // 2345 * 0.6% = 14.07 -> 14
    expect(q.json).toMatchObject({
      trxstatus: '0000',
      fee: '8888',
      feeFinish: '2345',
      feeBack: '6543',
      feeAIP: '14',
    });
  });

  it('a no-show under road 9 returns everything; under road 1 charges everything', async () => {
    const back = await frozenPrepay('9', 600, 500);
    const charged = await frozenPrepay('1', 600, 500);
    await t.admin.advance(601);
    expect((await t.client.call('query', { reqsn: back })).json).toMatchObject({
      feeFinish: '0',
      feeBack: '500',
      feeAIP: '0',
    });
    expect((await t.client.call('query', { reqsn: charged })).json).toMatchObject({
      feeFinish: '500',
      feeBack: '0',
      feeAIP: '3',
    });
  });

  it('a freeze ended by finish feeType 9 is not settled again', async () => {
    const id = await frozenPrepay('1', 600);
    await t.client.call('finish', finishFields(id, 700, '9'));
    await t.admin.advance(601);
    expect((await t.client.call('query', { reqsn: id })).json).toMatchObject({
      feeFinish: '700',
      feeBack: '9300',
      feeAIP: '4',
    });
  });

  it('a prepay never paid by endTime is not paid (3088) and can no longer be paid', async () => {
    const id = reqsn('W');
    const now = await sandboxUnix();
    await t.client.call(
      'prepay',
      prepayFields(id, NOTIFY, { inTime: String(now), endTime: String(now + 60) }),
    );
    await t.admin.advance(61);
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('3088');
    const pay = await t.admin.pay(DEMO_MERCHANT.cusid, id);
    expect(pay.status).toBe(409);
    expect(pay.json).toMatchObject({ trxstatus: '3088' });
  });

  it('a pay never paid expires after two hours (3088)', async () => {
    const id = reqsn('E');
    await t.client.call('pay', payFields(id, NOTIFY));
    await t.admin.advance(7199);
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('2000');
    await t.admin.advance(2);
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('3088');
  });

  it('settles on its own when real time passes endTime (checked on a short interval)', async () => {
    const id = await frozenPrepay('9', 1);
    const q = await eventually(
      async () => {
        const res = await t.client.call('query', { reqsn: id });
        return res.json.feeBack === '10000' && res.json;
      },
      'settlement by the interval',
      15_000, // endTime is 1 s away; the margin is for a loaded machine's late timers
    );
    expect(q).toMatchObject({ feeFinish: '0', feeBack: '10000' });
  });

  it('the totals report sums the books', async () => {
    const res = await t.admin.get<Record<string, number>>(
      `/_sandbox/totals?cusid=${DEMO_MERCHANT.cusid}`,
    );
    const txns = await t.admin.get<{
      transactions: Array<{ state: string; kind: string; totals: Record<string, number> }>;
    }>(`/_sandbox/transactions?cusid=${DEMO_MERCHANT.cusid}`);
    const counted = txns.json.transactions.filter(
      (x) => x.state !== 'waiting' && x.state !== 'unpaid',
    );
    const sum = (f: (x: (typeof counted)[number]) => number) =>
      counted.reduce((s, x) => s + f(x), 0);
    expect(res.json.count).toBe(txns.json.transactions.length);
    expect(res.json.charged).toBe(
      sum((x) => (x.kind === 'pay' ? (x.totals.fee ?? 0) : (x.totals.feeFinish ?? 0))),
    );
    expect(res.json.returned).toBe(sum((x) => x.totals.feeBack ?? 0));
    expect(res.json.feeAIP).toBe(sum((x) => x.totals.feeAIP ?? 0));
    // Every paid freeze here has ended: what was frozen is charged or returned.
    expect(res.json.fee).toBe(
      (res.json.charged ?? 0) + (res.json.returned ?? 0) + (res.json.frozen ?? 0),
    );
  });
});
