import { keyFromPassword } from '../../core/allinpay/sign';
import { FormClient, payFields } from './support/form-client';
import {
  DEMO_MERCHANT,
  eventually,
  inBatches,
  startTestSandbox,
  type NotificationView,
  type TestSandbox,
} from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

/**
 * Fault injection: each kind happens, at its configured rate, per merchant or globally,
 * the same under the same seed. Rates are checked within four standard deviations.
 */

function tolerance(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n);
}

function expectRate(hits: number, n: number, p: number): void {
  const observed = hits / n;
  expect(Math.abs(observed - p)).toBeLessThanOrEqual(tolerance(p, n));
  expect(hits).toBeGreaterThan(0);
}

const merchant = (cusid: string) => ({
  cusid,
  appid: '00000001',
  password: `pw-${cusid}`,
  name: `商户${cusid}`,
});
const keyOf = (cusid: string) => keyFromPassword(`pw-${cusid}`);

describe('notification faults, per merchant, at their rates', () => {
  const N = 300;
  const DROP = '990440153996101';
  const DELAY_DUP = '990440153996102';
  const REORDER_SIGN_FEE = '990440153996103';
  let t: TestSandbox;
  const receivers = new Map<string, Receiver>();
  const deliveries = new Map<string, NotificationView[]>();

  beforeAll(async () => {
    t = await startTestSandbox({
      merchants: [merchant(DROP), merchant(DELAY_DUP), merchant(REORDER_SIGN_FEE)],
      faults: {
        seed: 20240601,
        merchants: {
          [DROP]: { drop: 0.3 },
          [DELAY_DUP]: { delay: 0.25, delayMs: 30, duplicate: 0.2 },
          [REORDER_SIGN_FEE]: {
            reorder: 0.2,
            reorderMaxHoldMs: 300,
            corruptSign: 0.1,
            alterFee: 0.15,
          },
        },
      },
    });
    for (const cusid of [DROP, DELAY_DUP, REORDER_SIGN_FEE, DEMO_MERCHANT.cusid]) {
      const key = cusid === DEMO_MERCHANT.cusid ? DEMO_MERCHANT.key : keyOf(cusid);
      const receiver = await startReceiver(key);
      receiver.setReply((r) => (r.valid ? 'success' : 'bad sign'));
      receivers.set(cusid, receiver);
    }
    await Promise.all(
      [DROP, DELAY_DUP, REORDER_SIGN_FEE, DEMO_MERCHANT.cusid].map(async (cusid) => {
        const key = cusid === DEMO_MERCHANT.cusid ? DEMO_MERCHANT.key : keyOf(cusid);
        const client = new FormClient(t.url, cusid, key);
        const url = receivers.get(cusid)?.url ?? '';
        const count = cusid === DEMO_MERCHANT.cusid ? 50 : N;
        await inBatches(count, 8, async (i) => {
          const id = `F${cusid.slice(-3)}x${i}`;
          const res = await client.call('pay', payFields(id, url, { fee: String(1000 + i) }));
          if (res.json.trxstatus !== '2000') throw new Error(`pay ${id}: ${res.text}`);
          const paid = await t.admin.pay(cusid, id);
          if (paid.status !== 200) throw new Error(`cashier ${id}: ${JSON.stringify(paid.json)}`);
        });
        const settled = await eventually(
          async () => {
            const list = await t.admin.notifications({ cusid });
            return list.length === count && list.every((d) => d.attempts.length > 0) && list;
          },
          `all first attempts of ${cusid}`,
          20_000,
          200,
        );
        deliveries.set(cusid, settled);
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await t.stop();
    for (const r of receivers.values()) await r.close();
  });

  it('drop: the notification is never sent', () => {
    const list = deliveries.get(DROP) ?? [];
    const dropped = list.filter((d) => d.status === 'dropped');
    expectRate(dropped.length, N, 0.3);
    for (const d of dropped) {
      expect(d.faults).toEqual(['drop']);
      expect(d.attempts).toEqual([expect.objectContaining({ outcome: 'dropped', body: '' })]);
      expect(receivers.get(DROP)?.forReqsn(d.reqsn)).toHaveLength(0);
    }
    const sent = list.filter((d) => d.status !== 'dropped');
    for (const d of sent) expect(receivers.get(DROP)?.forReqsn(d.reqsn)).toHaveLength(1);
  });

  it('delay: the first attempt goes delayMs late', () => {
    const list = deliveries.get(DELAY_DUP) ?? [];
    const delayed = list.filter((d) => d.faults.includes('delay'));
    expectRate(delayed.length, N, 0.25);
    for (const d of delayed) {
      expect(d.attempts[0]?.scheduledAt).toBe(d.createdAt + 30);
      expect(d.attempts[0]?.at).toBeGreaterThanOrEqual(d.createdAt + 30);
    }
  });

  it('duplicate: the same attempt arrives twice', () => {
    const list = deliveries.get(DELAY_DUP) ?? [];
    const doubled = list.filter((d) => d.attempts[0]?.faults.includes('duplicate'));
    expectRate(doubled.length, N, 0.2);
    for (const d of doubled) {
      expect(d.attempts.filter((a) => a.n === 1).map((a) => a.copy ?? 1)).toEqual([1, 2]);
      const got = receivers.get(DELAY_DUP)?.forReqsn(d.reqsn) ?? [];
      expect(got).toHaveLength(2);
      expect(got[0]?.body).toBe(got[1]?.body);
    }
    const single = list.filter((d) => !d.attempts[0]?.faults.includes('duplicate'));
    for (const d of single) expect(receivers.get(DELAY_DUP)?.forReqsn(d.reqsn)).toHaveLength(1);
  });

  it('reorder: held back until a later notification of the merchant has gone', () => {
    const list = deliveries.get(REORDER_SIGN_FEE) ?? [];
    const receiver = receivers.get(REORDER_SIGN_FEE);
    const held = list.filter((d) => d.faults.includes('reorder'));
    expectRate(held.length, N, 0.2);
    const arrival = (reqsn: string) => receiver?.forReqsn(reqsn)[0]?.seq ?? Infinity;
    const overtaken = held.filter((d) =>
      list.some((later) => later.id > d.id && arrival(later.reqsn) < arrival(d.reqsn)),
    );
    expect(overtaken.length).toBeGreaterThanOrEqual(Math.floor(held.length * 0.8));
  });

  it('corruptSign: the attempt fails verification (and is not acknowledged)', () => {
    const list = deliveries.get(REORDER_SIGN_FEE) ?? [];
    const receiver = receivers.get(REORDER_SIGN_FEE);
    const corrupt = list.filter((d) => d.attempts[0]?.faults.includes('corruptSign'));
    expectRate(corrupt.length, N, 0.1);
    for (const d of corrupt) {
      expect(receiver?.forReqsn(d.reqsn)[0]?.valid).toBe(false);
      expect(d.attempts[0]).toMatchObject({ reply: 'bad sign', outcome: 'failed' });
      expect(d.status).toBe('pending');
    }
    const clean = list.filter((d) => !d.attempts[0]?.faults.includes('corruptSign'));
    for (const d of clean) expect(receiver?.forReqsn(d.reqsn)[0]?.valid).toBe(true);
  });

  it('alterFee: fee + 1 fen, correctly signed (only a cross-check catches it)', () => {
    const list = deliveries.get(REORDER_SIGN_FEE) ?? [];
    const receiver = receivers.get(REORDER_SIGN_FEE);
    const altered = list.filter((d) => d.attempts[0]?.faults.includes('alterFee'));
    expectRate(altered.length, N, 0.15);
    for (const d of altered) {
      const got = receiver?.forReqsn(d.reqsn)[0];
      expect(Number(got?.fields.fee)).toBe(Number(d.fields.fee) + 1);
      if (!d.attempts[0]?.faults.includes('corruptSign')) expect(got?.valid).toBe(true);
    }
    const honest = list.filter((d) => !d.attempts[0]?.faults.includes('alterFee'));
    for (const d of honest) expect(receiver?.forReqsn(d.reqsn)[0]?.fields.fee).toBe(d.fields.fee);
  });

  it('a merchant without faults gets none', () => {
    const list = deliveries.get(DEMO_MERCHANT.cusid) ?? [];
    expect(
      list.every(
        (d) => d.status === 'delivered' && d.faults.length === 0 && d.attempts.length === 1,
      ),
    ).toBe(true);
  });

  it('counts what was injected', async () => {
    const view = await t.admin.get<{ injected: Record<string, number> }>('/_sandbox/faults');
    const dropped = (deliveries.get(DROP) ?? []).filter((d) => d.status === 'dropped').length;
    expect(view.json.injected.drop).toBe(dropped);
  });
});

describe('API faults', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ faults: { seed: 7 } });
  });
  afterAll(() => t.stop());

  async function paidPay(): Promise<string> {
    const id = `A${Math.random().toString(36).slice(2, 12)}`;
    await t.client.call('pay', payFields(id, 'http://127.0.0.1:1/n'));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    return id;
  }

  it('http5xx at its rate; nothing is done on a 5xx', async () => {
    const id = await paidPay();
    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { http5xx: 0.2 } },
    });
    const statuses = await inBatches(
      1000,
      20,
      async () => (await t.client.call('query', { reqsn: id })).status,
    );
    expectRate(statuses.filter((s) => s === 503).length, 1000, 0.2);
    expect(statuses.filter((s) => s !== 503 && s !== 200)).toEqual([]);

    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { http5xx: 1, http5xxStatus: 502 } },
    });
    const lost = await t.client.call('pay', payFields('A5XX', 'http://127.0.0.1:1/n'));
    expect(lost.status).toBe(502);
    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { http5xx: 0 } },
    });
    expect((await t.client.call('query', { reqsn: 'A5XX' })).json.trxstatus).toBe('1001');
  });

  it('timeout at its rate: no answer ever comes, but the call is carried out', async () => {
    const id = await paidPay();
    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { timeout: 0.1, timeoutMs: 50 } },
    });
    const outcomes = await inBatches(400, 20, async () => {
      try {
        return (await t.client.call('query', { reqsn: id })).status;
      } catch {
        return 'no answer';
      }
    });
    expectRate(outcomes.filter((o) => o === 'no answer').length, 400, 0.1);
    expect(outcomes.filter((o) => o !== 'no answer' && o !== 200)).toEqual([]);

    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { timeout: 1, timeoutMs: 5_000 } },
    });
    await expect(
      t.client.call('pay', payFields('ATIMEOUT', 'http://127.0.0.1:1/n'), { timeoutMs: 100 }),
    ).rejects.toThrow();
    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { timeout: 0 } },
    });
    expect((await t.client.call('query', { reqsn: 'ATIMEOUT' })).json.trxstatus).toBe('2000');
  });

  it('query2000: the next N queries answer 2000, then the truth', async () => {
    const id = await paidPay();
    await t.admin.request('PATCH', '/_sandbox/faults', {
      merchants: { [DEMO_MERCHANT.cusid]: { query2000: 3 } },
    });
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.client.call('query', { reqsn: id });
      expect(res.signed).toBe(true);
      seen.push(res.json.trxstatus ?? '');
    }
    expect(seen).toEqual(['2000', '2000', '2000', '0000', '0000']);
    const view = await t.admin.get<{ merchants: Record<string, { query2000: number }> }>(
      '/_sandbox/faults',
    );
    expect(view.json.merchants[DEMO_MERCHANT.cusid]?.query2000).toBe(0);
  });

  it('global settings apply to every merchant unless the merchant overrides them', async () => {
    const id = await paidPay();
    await t.admin.request('PUT', '/_sandbox/faults', { global: { query2000: 1 } });
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('2000');
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('0000');
    await t.admin.request('PUT', '/_sandbox/faults', {
      global: { http5xx: 1 },
      merchants: { [DEMO_MERCHANT.cusid]: { http5xx: 0 } },
    });
    expect((await t.client.call('query', { reqsn: id })).status).toBe(200);
    await t.admin.request('DELETE', '/_sandbox/faults');
  });
});

describe('determinism under a seed', () => {
  async function run(seed: number): Promise<{ statuses: number[]; dropped: string[] }> {
    const t = await startTestSandbox({
      faults: { seed, global: { http5xx: 0.5, drop: 0.5 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        statuses.push((await t.client.call('query', { reqsn: 'SAME', randomstr: `r${i}` })).status);
      }
      await t.admin.request('PATCH', '/_sandbox/faults', { global: { http5xx: 0 } });
      for (let i = 0; i < 40; i++) {
        await t.client.call('pay', payFields(`D${i}`, 'http://127.0.0.1:1/n'));
        await t.admin.pay(DEMO_MERCHANT.cusid, `D${i}`);
      }
      const dropped = (await t.admin.notifications({ status: 'dropped' }))
        .map((d) => d.reqsn)
        .sort();
      return { statuses, dropped };
    } finally {
      await t.stop();
    }
  }

  it('the same seed and traffic give the same faults; another seed gives others', async () => {
    const [a, b, c] = await Promise.all([run(99), run(99), run(100)]);
    expect(a.statuses).toEqual(b.statuses);
    expect(a.dropped).toEqual(b.dropped);
    expect(a.statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(a.statuses).not.toEqual(c.statuses);
    expect(a.dropped).not.toEqual(c.dropped);
  });
});

describe('fault configuration', () => {
  it('is set at start, read, replaced, merged and cleared; invalid input changes nothing', async () => {
    const t = await startTestSandbox({ faults: { seed: 5, global: { http5xx: 1 } } });
    try {
      expect((await t.client.call('query', { reqsn: 'X' })).status).toBe(503);
      const start = await t.admin.get('/_sandbox/faults');
      expect(start.json).toMatchObject({ seed: 5, global: { http5xx: 1 }, merchants: {} });

      for (const bad of [
        { global: { drop: 2 } },
        { global: { bogus: 1 } },
        { seed: -1 },
        { merchants: { x: { delayMs: 1.5 } } },
      ]) {
        const res = await t.admin.request('PUT', '/_sandbox/faults', bad);
        expect(res.status).toBe(400);
        expect(res.json).toMatchObject({ error: 'invalid_request', issues: expect.any(Array) });
      }
      expect((await t.admin.get('/_sandbox/faults')).json).toMatchObject({
        seed: 5,
        global: { http5xx: 1 },
      });

      const merged = await t.admin.request('PATCH', '/_sandbox/faults', { global: { drop: 0.5 } });
      expect(merged.json).toMatchObject({ global: { http5xx: 1, drop: 0.5 } });
      const replaced = await t.admin.request('PUT', '/_sandbox/faults', {
        seed: 6,
        global: { duplicate: 0.1 },
      });
      expect(replaced.json).toMatchObject({ seed: 6, global: { duplicate: 0.1 } });
      expect((replaced.json.global as Record<string, unknown>).http5xx).toBeUndefined();
      const cleared = await t.admin.request('DELETE', '/_sandbox/faults');
      expect(cleared.json).toMatchObject({ seed: 6, global: {}, merchants: {} });
      expect((await t.client.call('query', { reqsn: 'X' })).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});
