import { parsePayInfo } from '../../core/allinpay/responses';
import { payFields } from './support/form-client';
import { startTestSandbox, type TestSandbox } from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';
import { DEMO_MERCHANT } from './support/harness';

// The cashier page names the lot (parkingNames) and its pay button says what the payer pays once
// the coupon is ticked; after paying, the page says what the coupon took and what was paid.

let t: TestSandbox;
let receiver: Receiver;
let seq = 0;

beforeAll(async () => {
  t = await startTestSandbox({ couponFen: 300, parkingNames: { P0001: '测试商场停车场' } });
  receiver = await startReceiver(DEMO_MERCHANT.key);
});
afterAll(async () => {
  await t.stop();
  await receiver.close();
});

async function newPay() {
  const id = `CC${++seq}${Date.now() % 100000}`;
  const res = await t.client.call('pay', payFields(id, receiver.url));
  const info = parsePayInfo(res.json.payinfo);
  if (!info) throw new Error('no payinfo');
  return { id, prepayId: info.package.replace('prepay_id=', '') };
}

const page = async (prepayId: string) =>
  (await fetch(`${t.url}/_sandbox/cashier?prepay_id=${prepayId}`)).text();

it('names the lot, not its parkingNo', async () => {
  const { prepayId } = await newPay();
  const html = await page(prepayId);
  expect(html).toContain('<dt>停车场</dt><dd>测试商场停车场</dd>');
  expect(html).not.toContain('<dd>P0001</dd>');
});

it('the pay button carries the amount after the coupon, switched when the coupon is ticked', async () => {
  const { prepayId } = await newPay();
  const html = await page(prepayId);
  // ¥12.50 less the ¥3.00 coupon.
  expect(html).toContain('data-with-coupon="确认支付 ¥9.50（已减 ¥3.00）"');
  expect(html).toContain('data-without="确认支付 ¥12.50"');
  expect(html).toMatch(/<button class="pay"[^>]*>确认支付 ¥12\.50<\/button>/);
  expect(html).toContain('c.checked?b.dataset.withCoupon:b.dataset.without');
});

it('after paying with the coupon the page says what the coupon took and what was paid', async () => {
  const { prepayId } = await newPay();
  const res = await fetch(`${t.url}/_sandbox/cashier/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prepay_id: prepayId, coupon: '1' }).toString(),
  });
  expect(res.status).toBe(200);
  const html = await page(prepayId);
  expect(html).toContain('已使用通联停车券：¥3.00，实付 ¥9.50');
});

it('a scene without a name shows its code', async () => {
  const other = await startTestSandbox({ couponFen: 0 });
  try {
    const id = `CN${Date.now() % 100000}`;
    const res = await other.client.call('pay', payFields(id, receiver.url));
    const prepayId = parsePayInfo(res.json.payinfo)!.package.replace('prepay_id=', '');
    const html = await (await fetch(`${other.url}/_sandbox/cashier?prepay_id=${prepayId}`)).text();
    expect(html).toContain('<dt>停车场</dt><dd>P0001</dd>');
    expect(html).not.toContain('data-with-coupon');
  } finally {
    await other.stop();
  }
});
