import { parsePayInfo } from '../../core/allinpay/responses';
import { payFields, prepayFields } from './support/form-client';
import { DEMO_MERCHANT, eventually, startTestSandbox, type TestSandbox } from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

/** The cashier page and its HTTP form, and the browser-redirect entries (protocol note 12). */

let t: TestSandbox;
let receiver: Receiver;
let seq = 0;
const reqsn = (tag: string) => `C${tag}${++seq}${Date.now() % 100000}`;

beforeAll(async () => {
  t = await startTestSandbox({ couponFen: 300 });
  receiver = await startReceiver(DEMO_MERCHANT.key);
});
afterAll(async () => {
  await t.stop();
  await receiver.close();
});

async function get(path: string) {
  const res = await fetch(`${t.url}${path}`, { redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location'),
    type: res.headers.get('content-type'),
    text: await res.text(),
  };
}

async function postForm(path: string, fields: Record<string, string>) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

async function newPay(extra: Record<string, string> = {}) {
  const id = reqsn('P');
  const res = await t.client.call('pay', payFields(id, receiver.url, extra));
  const info = parsePayInfo(res.json.payinfo);
  if (!info) throw new Error('no payinfo');
  return { id, info, prepayId: info.package.replace('prepay_id=', '') };
}

describe('cashier page', () => {
  it('shows merchant, plate, amount in yuan, a coupon option, pay and cancel, in Chinese', async () => {
    const { prepayId } = await newPay();
    const page = await get(`/_sandbox/cashier?prepay_id=${prepayId}`);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    for (const text of [
      '通联收银台',
      '通联沙箱演示商户',
      '粤BD12345',
      '¥12.50',
      'P0001',
      '使用通联停车券',
      '¥3.00',
      '确认支付',
      '取消支付',
    ]) {
      expect(page.text).toContain(text);
    }
  });

  it('a prepay shows the freeze deadline and the road policy; a car without a plate says so', async () => {
    const id = reqsn('PP');
    await t.client.call(
      'prepay',
      prepayFields(id, receiver.url, { LPR: '', LPRpro: '', road: '1' }),
    );
    const page = await get(`/_sandbox/cashier?cusid=${DEMO_MERCHANT.cusid}&reqsn=${id}`);
    expect(page.text).toContain('预授权冻结');
    expect(page.text).toContain('冻结截止');
    expect(page.text).toContain('自动完成扣款');
    expect(page.text).toContain('无牌车');
    expect(page.text).toContain('¥100.00');
  });

  it('paying through the page form redirects to the result and tells the opener', async () => {
    const { id, prepayId } = await newPay();
    const res = await postForm('/_sandbox/cashier/pay', {
      prepay_id: prepayId,
      ui: '1',
      coupon: '1',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/_sandbox/cashier?prepay_id=${prepayId}`);
    const page = await get(res.location ?? '');
    expect(page.text).toContain('支付成功');
    expect(page.text).toContain('已使用通联停车券：¥3.00');
    expect(page.text).toContain('postMessage');
    expect(page.text).toContain('"result":"paid"');
    const q = await t.client.call('query', { reqsn: id });
    expect(q.json.trxstatus).toBe('0000');
    expect(JSON.parse(q.json.couponList ?? '[]')).toEqual([
      { couponId: expect.any(String), couponName: '通联停车券', couponFee: '300' },
    ]);
  });

  it('cancelling through the page form shows the cancellation', async () => {
    const { prepayId } = await newPay();
    const res = await postForm('/_sandbox/cashier/cancel', { prepay_id: prepayId, ui: '1' });
    const page = await get(res.location ?? '');
    expect(page.text).toContain('支付已取消');
    expect(page.text).toContain('"result":"cancelled"');
  });

  it('an unknown order is a 404 page; a bad parameter a 400 page', async () => {
    expect((await get('/_sandbox/cashier?prepay_id=wxnope')).status).toBe(404);
    expect((await get('/_sandbox/cashier?prepay_id=wxnope&bogus=1')).status).toBe(400);
  });
});

describe('cashier HTTP calls', () => {
  it('pays by the payinfo package, checking paySign as wx.requestPayment would', async () => {
    const { id, info } = await newPay();
    const forged = await t.admin.post('/_sandbox/cashier/pay', {
      ...info,
      paySign: 'F'.repeat(32),
    });
    expect(forged.status).toBe(400);
    expect(forged.json).toMatchObject({ error: 'bad_pay_sign' });
    const otherPackage = await t.admin.post('/_sandbox/cashier/pay', { ...info, timeStamp: '1' });
    expect(otherPackage.status).toBe(400);
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('2000');

    const { appId: _appId, ...args } = info;
    const paid = await t.admin.post('/_sandbox/cashier/pay', args);
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({
      ok: true,
      result: 'paid',
      changed: true,
      reqsn: id,
      trxstatus: '0000',
      coupon: null,
    });
    await eventually(async () => receiver.forReqsn(id).length === 1, 'notification');
  });

  it('paying twice acts once; cancelling a paid order is refused', async () => {
    const { id } = await newPay();
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const again = await t.admin.pay(DEMO_MERCHANT.cusid, id);
    expect(again.json).toMatchObject({ ok: true, changed: false, result: 'paid' });
    const cancel = await t.admin.cancelPayment(DEMO_MERCHANT.cusid, id);
    expect(cancel.status).toBe(409);
    await eventually(async () => receiver.forReqsn(id).length === 1, 'one notification');
    expect((await t.admin.notifications({ reqsn: id })).length).toBe(1);
  });

  it('a cancelled order cannot be paid', async () => {
    const { id } = await newPay();
    await t.admin.cancelPayment(DEMO_MERCHANT.cusid, id);
    const pay = await t.admin.pay(DEMO_MERCHANT.cusid, id);
    expect(pay.status).toBe(409);
    expect(pay.json).toMatchObject({ trxstatus: '3088' });
  });

  it('refuses calls that name no order or carry junk, and 404s an unknown one', async () => {
    expect((await t.admin.post('/_sandbox/cashier/pay', {})).status).toBe(400);
    expect((await t.admin.post('/_sandbox/cashier/pay', { prepay_id: 'x', extra: 1 })).status).toBe(
      400,
    );
    expect((await t.admin.post('/_sandbox/cashier/pay', { prepay_id: 'wxnope' })).status).toBe(404);
    const res = await fetch(`${t.url}/_sandbox/cashier/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(res.status).toBe(400);
  });
});

describe('browser-redirect entries', () => {
  it('POST /allinpay/pay.php without openid assigns a sandbox payer and opens the cashier', async () => {
    const id = reqsn('B');
    const fields = payFields(id, receiver.url);
    delete fields.openid;
    const res = await postForm(
      '/allinpay/pay.php',
      Object.fromEntries(new URLSearchParams(t.client.body(fields))),
    );
    expect(res.status).toBe(303);
    expect(res.location).toMatch(/^\/_sandbox\/cashier\?prepay_id=wx/);
    const page = await get(res.location ?? '');
    expect(page.text).toContain('确认支付');
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const [got] = await eventually(
      async () => receiver.forReqsn(id).length === 1 && receiver.forReqsn(id),
      'notification',
    );
    expect(got?.valid).toBe(true);
    expect(got?.fields.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
  });

  it('GET /allinpay/prepay.php works too (window.open of a query string)', async () => {
    const id = reqsn('B');
    const fields = prepayFields(id, receiver.url);
    delete fields.openid;
    const res = await get(`/allinpay/prepay.php?${t.client.body(fields)}`);
    expect(res.status).toBe(303);
    const q = await t.client.call('query', { reqsn: id });
    expect(q.json).toMatchObject({ trxstatus: '2000' });
    expect(q.json.openid).toMatch(/^o/);
  });

  it('refuses a bad signature with a page that says why, and a reused reqsn with 3888', async () => {
    const fields = payFields(reqsn('B'), receiver.url);
    const bad = await postForm(
      '/allinpay/pay.php',
      Object.fromEntries(new URLSearchParams(t.client.body(fields, { sign: 'A'.repeat(32) }))),
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('请求被拒绝');
    expect(bad.text).toContain('sign does not match');
    expect(bad.text).not.toContain(DEMO_MERCHANT.key);

    await postForm(
      '/allinpay/pay.php',
      Object.fromEntries(new URLSearchParams(t.client.body(fields))),
    );
    const reused = await postForm(
      '/allinpay/pay.php',
      Object.fromEntries(new URLSearchParams(t.client.body({ ...fields, fee: '1' }))),
    );
    expect(reused.status).toBe(409);
    expect(reused.text).toContain('3888');
  });
});
