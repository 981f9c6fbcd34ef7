import { keyFromPassword } from '../../core/allinpay/sign';
import { FormClient, payFields } from './support/form-client';
import { DEMO_MERCHANT, startTestSandbox, type TestSandbox } from './support/harness';

/** Merchants, inspection and the HTTP edges of the admin surface. */

let t: TestSandbox;

beforeAll(async () => {
  t = await startTestSandbox({
    merchants: [
      {
        cusid: '990440153996301',
        appid: '00000003',
        key: keyFromPassword('configured'),
        name: '配置商户',
        feeRateBp: 100,
      },
    ],
  });
});
afterAll(() => t.stop());

interface MerchantView {
  cusid: string;
  appid: string;
  name: string;
  feeRateBp: number;
  key?: string;
}

describe('merchants', () => {
  it('lists the demo merchant and configured ones, never their keys', async () => {
    const res = await t.admin.get<{ merchants: MerchantView[] }>('/_sandbox/merchants');
    expect(res.json.merchants.map((m) => m.cusid)).toEqual([
      DEMO_MERCHANT.cusid,
      '990440153996301',
    ]);
    expect(res.json.merchants[0]).toMatchObject({
      appid: '00000000',
      name: '通联沙箱演示商户',
      feeRateBp: 60,
    });
    const text = JSON.stringify(res.json);
    expect(text).not.toContain(DEMO_MERCHANT.key);
    expect(text).not.toContain(keyFromPassword('configured'));
    expect(res.json.merchants.every((m) => m.key === undefined)).toBe(true);
  });

  it('a configured merchant signs with its key and is charged its own rate', async () => {
    const client = new FormClient(t.url, '990440153996301', keyFromPassword('configured'));
    await client.call('pay', payFields('ADM1', 'http://127.0.0.1:1/n', { fee: '10000' }));
    await t.admin.pay('990440153996301', 'ADM1');
    const q = await client.call('query', { reqsn: 'ADM1' });
    expect(q.signed).toBe(true);
    expect(q.json).toMatchObject({ appid: '00000003', feeAIP: '100' });
  });

  it('adds a merchant at run time by password or key', async () => {
    const put = await t.admin.request('PUT', '/_sandbox/merchants/990440153996302', {
      appid: '00000004',
      password: 'p4',
    });
    expect(put.status).toBe(200);
    expect(JSON.stringify(put.json)).not.toContain(keyFromPassword('p4'));
    const client = new FormClient(t.url, '990440153996302', keyFromPassword('p4'));
    expect((await client.call('query', { reqsn: 'X' })).json).toMatchObject({
      retcode: 'SUCCESS',
      trxstatus: '1001',
    });
  });

  it.each([
    ['neither password nor key', { appid: '00000005' }],
    ['both password and key', { appid: '00000005', password: 'a', key: keyFromPassword('a') }],
    ['a key that is not md5 hex', { appid: '00000005', key: 'xyz' }],
    ['an appid over 8 characters', { appid: '123456789', password: 'a' }],
    ['an unknown field', { appid: '00000005', password: 'a', colour: 'red' }],
  ])('refuses %s and changes nothing', async (_name, body) => {
    const res = await t.admin.request('PUT', '/_sandbox/merchants/990440153996303', body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      ok: false,
      error: 'invalid_request',
      issues: expect.any(Array),
    });
    const list = await t.admin.get<{ merchants: MerchantView[] }>('/_sandbox/merchants');
    expect(list.json.merchants.map((m) => m.cusid)).not.toContain('990440153996303');
  });

  it('refuses a cusid over 15 characters', async () => {
    const res = await t.admin.request('PUT', '/_sandbox/merchants/9904401539963031', {
      appid: '1',
      password: 'a',
    });
    expect(res.status).toBe(400);
  });
});

describe('inspection', () => {
  it('lists transactions with filters, and shows one with its notifications', async () => {
    await t.client.call('pay', payFields('ADM2', 'http://127.0.0.1:1/n'));
    const waiting = await t.admin.get<{
      transactions: Array<{ reqsn: string; state: string; trxstatus: string }>;
    }>(`/_sandbox/transactions?cusid=${DEMO_MERCHANT.cusid}&state=waiting`);
    expect(waiting.json.transactions.map((x) => [x.reqsn, x.state, x.trxstatus])).toEqual([
      ['ADM2', 'waiting', '2000'],
    ]);
    const one = await t.admin.get<{
      transaction: { reqsn: string; totals: unknown };
      notifications: unknown[];
    }>(`/_sandbox/transactions/${DEMO_MERCHANT.cusid}/ADM2`);
    expect(one.json.transaction).toMatchObject({ reqsn: 'ADM2', totals: { fee: 1250, feeAIP: 0 } });
    expect(one.json.notifications).toEqual([]);
    expect((await t.admin.get(`/_sandbox/transactions/${DEMO_MERCHANT.cusid}/NOPE`)).status).toBe(
      404,
    );
    expect((await t.admin.get('/_sandbox/transactions?state=lost')).status).toBe(400);
    expect((await t.admin.get('/_sandbox/transactions?limit=0')).status).toBe(400);
  });

  it('health answers with the sandbox clock', async () => {
    const res = await t.admin.get<{ ok: boolean; clock: { unix: number } }>('/_sandbox/health');
    expect(res.json.ok).toBe(true);
    expect(res.json.clock.unix).toBeGreaterThan(1_700_000_000);
  });
});

describe('HTTP edges', () => {
  it('404 for an unknown path, 405 for a wrong method, 413 for a huge body', async () => {
    expect((await t.admin.get('/nothing-here')).status).toBe(404);
    const wrong = await fetch(`${t.url}/_sandbox/clock`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    const huge = await fetch(`${t.url}/allinpay/api/query.php`, {
      method: 'POST',
      body: 'a='.padEnd(2 * 1024 * 1024, 'x'),
    });
    expect(huge.status).toBe(413);
  });

  it('admin JSON that does not parse is refused', async () => {
    const res = await fetch(`${t.url}/_sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"seed":',
    });
    expect(res.status).toBe(400);
  });
});
