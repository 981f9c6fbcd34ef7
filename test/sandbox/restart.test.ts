import { rmSync } from 'node:fs';
import { keyFromPassword } from '../../core/allinpay/sign';
import { finishFields, FormClient, payFields, prepayFields } from './support/form-client';
import {
  DEMO_MERCHANT,
  eventually,
  startTestSandbox,
  tempDataDir,
  type NotificationView,
  type TestSandbox,
} from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

/** State survives a restart of the sandbox: transactions, pending retries, clock, faults, merchants. */

describe('restart', () => {
  const dataDir = tempDataDir();
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await startReceiver(DEMO_MERCHANT.key);
  });
  afterAll(async () => {
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing, pending notification retries included', async () => {
    // First life: a paid pay, a prepay with a segment, a notification waiting for its resend.
    let t: TestSandbox = await startTestSandbox({ dataDir }, true);
    receiver.setReply(() => 'busy');
    const payRequest = payFields('RPAY', receiver.url);
    const pay = await t.client.call('pay', payRequest);
    await t.admin.pay(DEMO_MERCHANT.cusid, 'RPAY');
    await t.client.call('prepay', prepayFields('RPRE', receiver.url, { road: '1' }));
    await t.admin.pay(DEMO_MERCHANT.cusid, 'RPRE');
    await t.client.call('finish', finishFields('RPRE', 2500, '1'));
    await t.client.call('pay', payFields('RWAIT', receiver.url));
    await eventually(async () => {
      const list = await t.admin.notifications({});
      return list.length === 2 && list.every((d) => d.attempts.length === 1) && list;
    }, 'first attempts');
    await t.admin.advance(120);
    await t.admin.request('PUT', '/_sandbox/faults', {
      seed: 77,
      merchants: { [DEMO_MERCHANT.cusid]: { query2000: 1 } },
    });
    const added = await t.admin.request('PUT', '/_sandbox/merchants/990440153996201', {
      appid: '00000002',
      password: 'added-at-run-time',
      name: '运行时商户',
    });
    expect(added.status).toBe(200);
    const clockBefore = (await t.admin.get<{ offsetMs: number }>('/_sandbox/clock')).json.offsetMs;
    const prepayBefore = await t.admin.get(`/_sandbox/transactions/${DEMO_MERCHANT.cusid}/RPRE`);
    await t.stop();

    // Second life on the same data folder.
    t = await startTestSandbox({ dataDir }, true);
    try {
      expect((await t.admin.get<{ offsetMs: number }>('/_sandbox/clock')).json.offsetMs).toBe(
        clockBefore,
      );
      expect((await t.admin.get('/_sandbox/faults')).json).toMatchObject({
        seed: 77,
        merchants: { [DEMO_MERCHANT.cusid]: { query2000: 1 } },
      });
      // The query2000 counter is remembered too.
      expect((await t.client.call('query', { reqsn: 'RPAY' })).json.trxstatus).toBe('2000');
      expect((await t.client.call('query', { reqsn: 'RPAY' })).json).toMatchObject({
        trxstatus: '0000',
        trxid: pay.json.trxid,
        fee: '1250',
        feeAIP: '8',
      });
      expect((await t.client.call('query', { reqsn: 'RPRE' })).json).toMatchObject({
        trxstatus: '0000',
        fee: '10000',
        feeFinish: '2500',
        feeBack: '0',
        feeAIP: '15',
      });
      const prepayAfter = await t.admin.get(`/_sandbox/transactions/${DEMO_MERCHANT.cusid}/RPRE`);
      expect(prepayAfter.json.transaction).toEqual(
        (prepayBefore.json as { transaction: unknown }).transaction,
      );
      expect((await t.client.call('query', { reqsn: 'RWAIT' })).json.trxstatus).toBe('2000');

      // An identical repeat is still recognised; another request under the reqsn is still 3888.
      const repeat = await t.client.call('pay', payRequest);
      expect(repeat.json).toMatchObject({ trxstatus: '0000', trxid: pay.json.trxid });
      const other = await t.client.call('pay', { ...payRequest, fee: '1' });
      expect(other.json.trxstatus).toBe('3888');
      // The waiting order can still be paid at the cashier.
      expect((await t.admin.pay(DEMO_MERCHANT.cusid, 'RWAIT')).json).toMatchObject({
        result: 'paid',
      });

      // The pending retries go out on schedule after the restart.
      receiver.setReply(() => 'success');
      await t.admin.advance(300);
      const delivered = await eventually(async () => {
        const list = await t.admin.notifications({});
        return list.length === 3 && list.every((d) => d.status === 'delivered') && list;
      }, 'resends after restart');
      expect(delivered.map((d: NotificationView) => [d.reqsn, d.attempts.length])).toEqual([
        ['RPAY', 2],
        ['RPRE', 2],
        ['RWAIT', 1],
      ]);
      expect(receiver.forReqsn('RPAY')).toHaveLength(2);

      // Sequences continue: a new transaction gets a new trxid.
      const next = await t.client.call('pay', payFields('RNEW', receiver.url));
      expect(next.json.trxid).not.toBe(pay.json.trxid);
      expect(Number(next.json.trxid?.slice(8))).toBeGreaterThan(Number(pay.json.trxid?.slice(8)));

      // The merchant added at run time is still there, with its key.
      const added2 = new FormClient(t.url, '990440153996201', keyFromPassword('added-at-run-time'));
      const q = await added2.call('query', { reqsn: 'NONE' });
      expect(q.signed).toBe(true);
      expect(q.json).toMatchObject({ appid: '00000002', trxstatus: '1001' });
    } finally {
      await t.stop();
    }
  });

  it('settles on restart what fell due while it was down', async () => {
    const dir = tempDataDir();
    let t = await startTestSandbox({ dataDir: dir }, true);
    const now = Math.floor(Date.now() / 1000);
    await t.client.call(
      'prepay',
      prepayFields('RDUE', 'http://127.0.0.1:1/n', {
        inTime: String(now),
        endTime: String(now + 1),
        road: '9',
      }),
    );
    await t.admin.pay(DEMO_MERCHANT.cusid, 'RDUE');
    await t.stop();
    // Down for more than a second of real time: endTime passes meanwhile.
    await new Promise((r) => setTimeout(r, 1_100));
    t = await startTestSandbox({ dataDir: dir, settleIntervalMs: 3_600_000 });
    try {
      expect((await t.client.call('query', { reqsn: 'RDUE' })).json).toMatchObject({
        feeFinish: '0',
        feeBack: '10000',
      });
    } finally {
      await t.stop();
    }
  });
});
