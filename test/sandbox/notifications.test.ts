import { payFields, prepayFields } from './support/form-client';
import {
  DEMO_MERCHANT,
  eventually,
  startTestSandbox,
  type NotificationView,
  type TestSandbox,
} from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

/**
 * Notifications (protocol note 11): signed form POSTs to notify_url, delivered only on
 * `success`, resent 5 then 10 minutes later (on the sandbox clock, or scaled), `refuse` honoured
 * in the browser-redirect flow, every attempt inspectable, resend on demand.
 */

const FIVE_MIN = 5 * 60 * 1000;
const TEN_MIN = 10 * 60 * 1000;
let seq = 0;
const reqsn = (tag: string) => `N${tag}${++seq}${Date.now() % 100000}`;

async function onlyNotification(t: TestSandbox, id: string): Promise<NotificationView> {
  const list = await t.admin.notifications({ reqsn: id });
  expect(list).toHaveLength(1);
  return list[0] as NotificationView;
}

describe('on the sandbox clock (time scale 1)', () => {
  let t: TestSandbox;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestSandbox();
    receiver = await startReceiver(DEMO_MERCHANT.key);
  });
  afterAll(async () => {
    await t.stop();
    await receiver.close();
  });
  beforeEach(() => receiver.setReply(() => 'success'));

  it('sends the spec fields, signed, when the payer pays', async () => {
    const id = reqsn('F');
    const res = await t.client.call('pay', payFields(id, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const [got] = await eventually(
      async () => receiver.forReqsn(id).length === 1 && receiver.forReqsn(id),
      'notification',
    );
    expect(got?.valid).toBe(true);
    expect(got?.fields).toMatchObject({
      cusid: DEMO_MERCHANT.cusid,
      appid: DEMO_MERCHANT.appid,
      trxid: res.json.trxid,
      reqsn: id,
      trxstatus: '0000',
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      pro: '44',
      parkingNo: 'P0001',
      LPR: 'BD12345',
      LPRpro: '44',
      fee: '1250',
      feeAIP: '8',
    });
    expect(got?.fields.trxdate).toMatch(/^\d{8}$/);
    expect(got?.fields.fintime).toMatch(/^\d{14}$/);
    expect(Object.keys(got?.fields ?? {}).sort()).toEqual(
      [
        'LPR',
        'LPRpro',
        'appid',
        'cusid',
        'fee',
        'feeAIP',
        'fintime',
        'openid',
        'parkingNo',
        'pro',
        'randomstr',
        'reqsn',
        'sign',
        'trxdate',
        'trxid',
        'trxstatus',
      ].sort(),
    );
    const d = await eventually(async () => {
      const n = await onlyNotification(t, id);
      return n.status === 'delivered' && n;
    }, 'delivered');
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({
      n: 1,
      reply: 'success',
      outcome: 'success',
      httpStatus: 200,
    });
    expect(d.attempts[0]?.body).toBe(got?.body);
    expect(d.nextAt).toBeNull();
  });

  it('a prepay is notified with the frozen fee; nothing is sent for an order the payer cancels', async () => {
    const id = reqsn('PP');
    await t.client.call('prepay', prepayFields(id, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const [got] = await eventually(
      async () => receiver.forReqsn(id).length === 1 && receiver.forReqsn(id),
      'prepay notification',
    );
    expect(got?.fields).toMatchObject({ fee: '10000', feeAIP: '0', trxstatus: '0000' });

    const cancelled = reqsn('C');
    await t.client.call('pay', payFields(cancelled, receiver.url));
    await t.admin.cancelPayment(DEMO_MERCHANT.cusid, cancelled);
    expect(await t.admin.notifications({ reqsn: cancelled })).toHaveLength(0);
  });

  it('retries at +5 min and +10 min (each after the previous attempt), then gives up', async () => {
    receiver.setReply(() => 'fail');
    const id = reqsn('R');
    await t.client.call('pay', payFields(id, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const first = await eventually(async () => {
      const n = await onlyNotification(t, id);
      return n.attempts.length === 1 && n;
    }, 'first attempt');
    const a1 = first.attempts[0];
    expect(a1).toMatchObject({ n: 1, reply: 'fail', outcome: 'failed' });
    expect(first.status).toBe('pending');
    expect(first.nextAt).toBe((a1?.at ?? 0) + FIVE_MIN);

    // Not yet: one second short of five minutes.
    await t.admin.advance(299);
    expect((await onlyNotification(t, id)).attempts).toHaveLength(1);
    expect(receiver.forReqsn(id)).toHaveLength(1);

    await t.admin.advance(1);
    const second = await eventually(async () => {
      const n = await onlyNotification(t, id);
      return n.attempts.length === 2 && n;
    }, 'second attempt');
    const a2 = second.attempts[1];
    expect(a2?.n).toBe(2);
    expect(a2?.scheduledAt).toBe((a1?.at ?? 0) + FIVE_MIN);
    expect(a2?.at).toBeGreaterThanOrEqual(a2?.scheduledAt ?? Infinity);
    expect(second.nextAt).toBe((a2?.at ?? 0) + TEN_MIN);

    await t.admin.advance(599);
    expect((await onlyNotification(t, id)).attempts).toHaveLength(2);
    await t.admin.advance(1);
    const third = await eventually(async () => {
      const n = await onlyNotification(t, id);
      return n.status === 'failed' && n;
    }, 'third attempt');
    expect(third.attempts.map((a) => a.n)).toEqual([1, 2, 3]);
    expect(third.attempts[2]?.scheduledAt).toBe((a2?.at ?? 0) + TEN_MIN);
    expect(third.nextAt).toBeNull();
    expect(receiver.forReqsn(id)).toHaveLength(3);
    // Every attempt carries the same notification.
    expect(new Set(receiver.forReqsn(id).map((r) => r.body)).size).toBe(1);

    await t.admin.advance(3600);
    expect((await onlyNotification(t, id)).attempts).toHaveLength(3);
  });

  it('no retry follows `success` (whitespace trimmed), even when the clock moves on', async () => {
    receiver.setReply((r) => (r.fields.reqsn?.startsWith('NOK') ? ' success\n' : 'success'));
    const id = reqsn('OK');
    await t.client.call('pay', payFields(id, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    await eventually(
      async () => (await onlyNotification(t, id)).status === 'delivered',
      'delivered',
    );
    await t.admin.advance(3600);
    // A later notification, sent after the clock moved, proves the sandbox has acted since.
    const barrier = reqsn('B');
    await t.client.call('pay', payFields(barrier, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, barrier);
    await eventually(async () => receiver.forReqsn(barrier).length === 1, 'barrier');
    expect(receiver.forReqsn(id)).toHaveLength(1);
    expect((await onlyNotification(t, id)).attempts).toHaveLength(1);
  });

  it('`refuse` is a failure in the API flow: it is retried', async () => {
    receiver.setReply(() => 'refuse');
    const id = reqsn('RF');
    await t.client.call('pay', payFields(id, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const n = await eventually(async () => {
      const d = await onlyNotification(t, id);
      return d.attempts.length === 1 && d;
    }, 'attempt');
    expect(n.status).toBe('pending');
    expect(n.attempts[0]?.outcome).toBe('failed');
  });

  it('`refuse` is honoured in the browser-redirect flow: marked, not retried', async () => {
    receiver.setReply(() => 'refuse');
    const id = reqsn('BR');
    const fields = payFields(id, receiver.url);
    delete fields.openid;
    const entry = await fetch(`${t.url}/allinpay/pay.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: t.client.body(fields),
      redirect: 'manual',
    });
    expect(entry.status).toBe(303);
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const n = await eventually(async () => {
      const d = await onlyNotification(t, id);
      return d.status === 'refused' && d;
    }, 'refused');
    expect(n.attempts).toHaveLength(1);
    expect(n.attempts[0]).toMatchObject({ outcome: 'refuse', reply: 'refuse' });
    const txn = await eventually(async () => {
      const r = await t.admin.get<{ transaction: { refused?: boolean } }>(
        `/_sandbox/transactions/${DEMO_MERCHANT.cusid}/${id}`,
      );
      return r.json.transaction.refused === true && r.json.transaction;
    }, 'marked refused');
    expect(txn.refused).toBe(true);
    await t.admin.advance(3600);
    expect((await onlyNotification(t, id)).attempts).toHaveLength(1);
  });

  it('an unreachable notify_url is a failed attempt with the network error recorded', async () => {
    const id = reqsn('UN');
    await t.client.call('pay', payFields(id, 'http://127.0.0.1:1/notify'));
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const n = await eventually(async () => {
      const d = await onlyNotification(t, id);
      return d.attempts.length === 1 && d;
    }, 'attempt');
    expect(n.attempts[0]?.outcome).toBe('failed');
    expect(n.attempts[0]?.error).toBeTruthy();
    expect(n.status).toBe('pending');
  });

  it('resends on demand (to the same or another URL), refused for an unpaid order', async () => {
    receiver.setReply(() => 'success');
    const id = reqsn('M');
    await t.client.call('pay', payFields(id, receiver.url));
    const early = await t.admin.post('/_sandbox/notifications/send', {
      cusid: DEMO_MERCHANT.cusid,
      reqsn: id,
    });
    expect(early.status).toBe(409);
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    await eventually(async () => receiver.forReqsn(id).length === 1, 'first');
    const sent = await t.admin.post('/_sandbox/notifications/send', {
      cusid: DEMO_MERCHANT.cusid,
      reqsn: id,
      notify_url: receiver.url.replace('/notify', '/other'),
    });
    expect(sent.status).toBe(202);
    const copies = await eventually(
      async () => receiver.forReqsn(id).length === 2 && receiver.forReqsn(id),
      'resend',
    );
    expect(copies[1]?.path).toBe('/other');
    expect(copies[1]?.valid).toBe(true);
    const list = await t.admin.notifications({ reqsn: id });
    expect(list.map((d) => d.trigger)).toEqual(['payment', 'manual']);
    const bad = await t.admin.post('/_sandbox/notifications/send', {
      cusid: DEMO_MERCHANT.cusid,
      reqsn: id,
      notify_url: 'x',
    });
    expect(bad.status).toBe(400);
    const missing = await t.admin.post('/_sandbox/notifications/send', {
      cusid: DEMO_MERCHANT.cusid,
      reqsn: 'NOPE',
    });
    expect(missing.status).toBe(404);
  });

  it('lists deliveries by status and shows one by id', async () => {
    const failed = await t.admin.notifications({ status: 'failed' });
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed.every((d) => d.status === 'failed')).toBe(true);
    const one = await t.admin.get<{ notification: NotificationView }>(
      `/_sandbox/notifications/${failed[0]?.id}`,
    );
    expect(one.json.notification.id).toBe(failed[0]?.id);
    expect(one.json.notification.attempts[0]?.atChina).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect((await t.admin.get('/_sandbox/notifications?status=bogus')).status).toBe(400);
  });
});

describe('with a time scale (5 and 10 minutes run in 50 and 100 ms)', () => {
  it('resends on the scaled schedule without moving the clock', async () => {
    const t = await startTestSandbox({ timeScale: 6000 });
    const receiver = await startReceiver(DEMO_MERCHANT.key);
    receiver.setReply(() => 'nope');
    try {
      const id = reqsn('S');
      await t.client.call('pay', payFields(id, receiver.url));
      await t.admin.pay(DEMO_MERCHANT.cusid, id);
      const n = await eventually(async () => {
        const d = await onlyNotification(t, id);
        return d.status === 'failed' && d;
      }, 'three scaled attempts');
      const [a1, a2, a3] = n.attempts;
      expect(n.attempts).toHaveLength(3);
      expect(a2?.scheduledAt).toBe((a1?.at ?? 0) + 50);
      expect(a3?.scheduledAt).toBe((a2?.at ?? 0) + 100);
      expect(a2?.at).toBeGreaterThanOrEqual(a2?.scheduledAt ?? Infinity);
      expect(a3?.at).toBeGreaterThanOrEqual(a3?.scheduledAt ?? Infinity);
      expect(receiver.forReqsn(id)).toHaveLength(3);
    } finally {
      await t.stop();
      await receiver.close();
    }
  });
});
