import { parsePayInfo } from '../../core/allinpay/responses';
import {
  cancelFields,
  finishFields,
  FormClient,
  payFields,
  prepayFields,
} from './support/form-client';
import { DEMO_MERCHANT, startTestSandbox, type TestSandbox } from './support/harness';
import { startReceiver, type Receiver } from './support/receiver';

/** The five protocol endpoints over HTTP: every success and every refusal of issue 3. */

let t: TestSandbox;
let receiver: Receiver;
let seq = 0;
const reqsn = (tag: string) => `API${tag}${++seq}${Date.now() % 100000}`;

beforeAll(async () => {
  t = await startTestSandbox();
  receiver = await startReceiver(DEMO_MERCHANT.key);
});

afterAll(async () => {
  await t.stop();
  await receiver.close();
});

async function paidPrepay(extra: Record<string, string> = {}): Promise<string> {
  const id = reqsn('PP');
  const res = await t.client.call('prepay', prepayFields(id, receiver.url, extra));
  expect(res.json.trxstatus).toBe('2000');
  expect((await t.admin.pay(DEMO_MERCHANT.cusid, id)).status).toBe(200);
  return id;
}

describe('pay', () => {
  it('answers 2000 with WeChat-shaped payinfo, signed, as JSON strings', async () => {
    const id = reqsn('P');
    const res = await t.client.call('pay', payFields(id, receiver.url));
    expect(res.status).toBe(200);
    expect(res.signed).toBe(true);
    expect(res.json).toMatchObject({
      retcode: 'SUCCESS',
      cusid: DEMO_MERCHANT.cusid,
      appid: DEMO_MERCHANT.appid,
      reqsn: id,
      trxstatus: '2000',
    });
    expect(res.json.trxid).toMatch(/^\d{20}$/);
    expect(res.json.randomstr).toHaveLength(32);
    expect(typeof res.json.payinfo).toBe('string');
    const info = parsePayInfo(res.json.payinfo);
    expect(info).toMatchObject({ signType: 'MD5' });
    expect(Object.keys(JSON.parse(res.json.payinfo ?? '{}')).sort()).toEqual(
      ['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp'].sort(),
    );
    expect(info?.package).toMatch(/^prepay_id=wx[0-9a-f]{34}$/);
  });

  it('is paid at the cashier (0000) and the query shows it with the handling fee', async () => {
    const id = reqsn('P');
    await t.client.call('pay', payFields(id, receiver.url));
    const paid = await t.admin.pay(DEMO_MERCHANT.cusid, id);
    expect(paid.json).toMatchObject({ ok: true, result: 'paid', trxstatus: '0000' });
    const q = await t.client.call('query', { reqsn: id });
    expect(q.signed).toBe(true);
    expect(q.json).toMatchObject({
      retcode: 'SUCCESS',
      trxstatus: '0000',
      fee: '1250',
      feeAIP: '8',
    });
    expect(q.json.fintime).toMatch(/^\d{14}$/);
    expect(q.json.feeFinish).toBeUndefined();
  });

  it('is not paid (3088) when the payer cancels', async () => {
    const id = reqsn('P');
    await t.client.call('pay', payFields(id, receiver.url));
    expect((await t.admin.cancelPayment(DEMO_MERCHANT.cusid, id)).json).toMatchObject({
      result: 'cancelled',
    });
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('3088');
  });

  it('an identical repeat returns the current state and acts once; another request under the reqsn is 3888', async () => {
    const id = reqsn('P');
    const fields = payFields(id, receiver.url);
    const first = await t.client.call('pay', fields);
    const again = await t.client.call('pay', fields); // new randomstr, same business
    expect(again.json.trxstatus).toBe('2000');
    expect(again.json.trxid).toBe(first.json.trxid);
    expect(again.json.payinfo).toBe(first.json.payinfo);
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const afterPaid = await t.client.call('pay', fields);
    expect(afterPaid.json).toMatchObject({ trxstatus: '0000', trxid: first.json.trxid });
    const txns = await t.admin.get<{ transactions: unknown[] }>(
      `/_sandbox/transactions?reqsn=${id}`,
    );
    expect(txns.json.transactions).toHaveLength(1);

    const other = await t.client.call('pay', { ...fields, fee: '1300' });
    expect(other.signed).toBe(true);
    expect(other.json).toMatchObject({ retcode: 'SUCCESS', trxstatus: '3888' });
    expect(other.json.errmsg).toContain('already used');
    const asPrepay = await t.client.call('prepay', prepayFields(id, receiver.url));
    expect(asPrepay.json.trxstatus).toBe('3888');
  });

  it('refuses an asinfo larger than the fee (3889) and creates nothing', async () => {
    const id = reqsn('P');
    const res = await t.client.call(
      'pay',
      payFields(id, receiver.url, { asinfo: '990440153996001:1251' }),
    );
    expect(res.json).toMatchObject({ trxstatus: '3889' });
    expect((await t.client.call('query', { reqsn: id })).json.trxstatus).toBe('1001');
  });
});

describe('refused calls: retcode FAIL with a retmsg that says which', () => {
  it('a bad signature, signed with the merchant key, naming the string to sign without the key', async () => {
    const res = await t.client.call('pay', payFields(reqsn('F'), receiver.url), {
      sign: '0'.repeat(32),
    });
    expect(res.json.retcode).toBe('FAIL');
    expect(res.json.retmsg).toMatch(/^sign does not match/);
    expect(res.json.retmsg).toContain('cusid=990440153996000');
    expect(res.json.retmsg).not.toContain(DEMO_MERCHANT.key);
    expect(res.signed).toBe(true);
  });

  it('a request signed with another key', async () => {
    const res = await t.client.call(
      'query',
      { reqsn: 'X' },
      { key: 'ab56b4d92b40713acc5af89985d4b786' },
    );
    expect(res.json).toMatchObject({ retcode: 'FAIL' });
    expect(res.json.retmsg).toMatch(/^sign does not match/);
  });

  it('no sign at all', async () => {
    const res = await t.client.call('query', { reqsn: 'X' }, { sign: false });
    expect(res.json).toMatchObject({ retcode: 'FAIL', retmsg: 'sign is required' });
    expect(res.signed).toBe(true);
  });

  it('an unknown cusid (unsigned: there is no key to sign with)', async () => {
    const stranger = new FormClient(t.url, '990440153999999', DEMO_MERCHANT.key);
    const res = await stranger.call('query', { reqsn: 'X' });
    expect(res.json).toEqual({ retcode: 'FAIL', retmsg: 'unknown cusid 990440153999999' });
  });

  it('a missing cusid', async () => {
    const res = await t.client.call('query', {}, { raw: 'reqsn=1&randomstr=abc&sign=ABC' });
    expect(res.json).toEqual({ retcode: 'FAIL', retmsg: 'cusid is required' });
  });

  it('a missing field', async () => {
    const fields = payFields(reqsn('F'), receiver.url);
    delete fields.notify_url;
    const res = await t.client.call('pay', fields);
    expect(res.json).toMatchObject({
      retcode: 'FAIL',
      retmsg: 'invalid request: notify_url is required',
    });
    expect(res.signed).toBe(true);
  });

  it.each([
    ['parkingNo', { parkingNo: 'P_01' }, 'parkingNo must not contain "_"'],
    ['fee', { fee: '12.50' }, 'fee must be an integer number of fen'],
    ['reqsn', { reqsn: 'R'.repeat(33) }, 'reqsn must be at most 32 characters'],
    ['LPR', { LPR: 'X'.repeat(21) }, 'LPR must be at most 20 characters'],
    ['notify_url', { notify_url: 'ftp://x' }, 'notify_url must be an http(s) URL'],
    ['unknown field', { colour: 'red' }, 'colour is not a field of this request'],
  ])('a malformed %s', async (_name, patch, message) => {
    const res = await t.client.call('pay', { ...payFields(reqsn('F'), receiver.url), ...patch });
    expect(res.json.retcode).toBe('FAIL');
    expect(res.json.retmsg).toContain(message);
  });

  it('a prepay with a road other than 1 or 9, or endTime before inTime', async () => {
    const bad = await t.client.call(
      'prepay',
      prepayFields(reqsn('F'), receiver.url, { road: '5' }),
    );
    expect(bad.json.retmsg).toContain('road must be one of 1, 9');
    const early = await t.client.call(
      'prepay',
      prepayFields(reqsn('F'), receiver.url, { endTime: '1000', inTime: '2000' }),
    );
    expect(early.json.retmsg).toContain('endTime must be later than inTime');
  });

  it('a prepay whose endTime has already passed (3889)', async () => {
    const past = await t.client.call(
      'prepay',
      prepayFields(reqsn('F'), receiver.url, { inTime: '1000', endTime: '2000' }),
    );
    expect(past.json).toMatchObject({
      retcode: 'SUCCESS',
      trxstatus: '3889',
      errmsg: 'endTime has already passed',
    });
  });

  it('a field sent twice', async () => {
    const body = `${t.client.body({ reqsn: 'X' })}&reqsn=Y`;
    const res = await t.client.call('query', {}, { raw: body });
    expect(res.json).toMatchObject({
      retcode: 'FAIL',
      retmsg: 'field reqsn appears more than once',
    });
  });

  it('a GET on an API endpoint is 405', async () => {
    const res = await fetch(`${t.url}/allinpay/api/query.php`);
    expect(res.status).toBe(405);
  });
});

describe('prepay, finish, cancel, query', () => {
  it('prepay waits (2000) with payinfo, then freezes fee once paid', async () => {
    const id = reqsn('PP');
    const res = await t.client.call('prepay', prepayFields(id, receiver.url));
    expect(res.json).toMatchObject({ retcode: 'SUCCESS', trxstatus: '2000' });
    expect(parsePayInfo(res.json.payinfo)).toBeDefined();
    await t.admin.pay(DEMO_MERCHANT.cusid, id);
    const q = await t.client.call('query', { reqsn: id });
    expect(q.json).toMatchObject({
      trxstatus: '0000',
      fee: '10000',
      feeFinish: '0',
      feeBack: '0',
      feeAIP: '0',
    });
  });

  it('finish feeType 1 goes on, feeType 9 ends the freeze and returns the rest, with running totals', async () => {
    const id = await paidPrepay();
    const seg1 = await t.client.call('finish', finishFields(id, 2000, '1'));
    expect(seg1.signed).toBe(true);
    expect(seg1.json).toMatchObject({
      retcode: 'SUCCESS',
      trxstatus: '0000',
      fee: '10000',
      feeFinish: '2000',
      feeBack: '0',
      feeAIP: '12',
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    });
    const seg2 = await t.client.call(
      'finish',
      finishFields(id, 3000, '9', { outTime: String(Math.floor(Date.now() / 1000) + 60) }),
    );
    expect(seg2.json).toMatchObject({
      trxstatus: '0000',
      feeFinish: '5000',
      feeBack: '5000',
      feeAIP: '30',
    });
    const q = await t.client.call('query', { reqsn: id });
    expect(q.json).toMatchObject({
      trxstatus: '0000',
      fee: '10000',
      feeFinish: '5000',
      feeBack: '5000',
      feeAIP: '30',
    });
  });

  it('an identical repeat of a finish charges once', async () => {
    const id = await paidPrepay();
    const fields = finishFields(id, 1000, '1');
    await t.client.call('finish', fields);
    const again = await t.client.call('finish', fields);
    expect(again.json).toMatchObject({ trxstatus: '0000', feeFinish: '1000' });
  });

  it('refuses a finish beyond the frozen remainder', async () => {
    const id = await paidPrepay();
    await t.client.call('finish', finishFields(id, 9000, '1'));
    const res = await t.client.call(
      'finish',
      finishFields(id, 1001, '1', { outTime: '1999999999' }),
    );
    expect(res.signed).toBe(true);
    expect(res.json).toMatchObject({
      retcode: 'SUCCESS',
      trxstatus: '3889',
      errmsg: 'feeFinish 1001 exceeds the frozen remainder 1000',
      feeFinish: '9000',
    });
  });

  it('refuses a feeFinish of 0', async () => {
    const id = await paidPrepay();
    const res = await t.client.call('finish', finishFields(id, 0, '1'));
    expect(res.json).toMatchObject({
      retcode: 'FAIL',
      retmsg: 'invalid request: feeFinish must be greater than 0',
    });
  });

  it('refuses finish and cancel after the freeze ended', async () => {
    const id = await paidPrepay();
    await t.client.call('finish', finishFields(id, 100, '9'));
    const finish = await t.client.call(
      'finish',
      finishFields(id, 1, '1', { outTime: '1999999999' }),
    );
    expect(finish.json).toMatchObject({
      trxstatus: '3889',
      errmsg: 'the freeze has already ended',
    });
    const cancel = await t.client.call('cancel', cancelFields(id, 1));
    expect(cancel.json).toMatchObject({
      trxstatus: '3889',
      errmsg: 'the freeze has already ended',
    });
  });

  it('refuses finish and cancel before the payer paid (3088), and on a pay (3889)', async () => {
    const waiting = reqsn('PP');
    await t.client.call('prepay', prepayFields(waiting, receiver.url));
    expect((await t.client.call('finish', finishFields(waiting, 1, '1'))).json.trxstatus).toBe(
      '3088',
    );
    expect((await t.client.call('cancel', cancelFields(waiting, 1))).json.trxstatus).toBe('3088');
    const pay = reqsn('P');
    await t.client.call('pay', payFields(pay, receiver.url));
    await t.admin.pay(DEMO_MERCHANT.cusid, pay);
    const res = await t.client.call('finish', finishFields(pay, 1, '9'));
    expect(res.json).toMatchObject({ trxstatus: '3889' });
    expect(res.json.errmsg).toContain('not a prepay');
  });

  it('cancel returns part of the freeze, then the rest ends it; beyond the remainder is refused', async () => {
    const id = await paidPrepay();
    const part = await t.client.call('cancel', cancelFields(id, 4000));
    expect(part.signed).toBe(true);
    expect(part.json).toMatchObject({ trxstatus: '0000', feeFinish: '0', feeBack: '4000' });
    const beyond = await t.client.call('cancel', cancelFields(id, 6001));
    expect(beyond.json).toMatchObject({
      trxstatus: '3889',
      errmsg: 'feeCancel 6001 exceeds the frozen remainder 6000',
    });
    const rest = await t.client.call(
      'cancel',
      cancelFields(id, 6000, { cancelTime: '1999999999' }),
    );
    expect(rest.json).toMatchObject({ trxstatus: '0000', feeBack: '10000' });
  });

  it('cancel may not return what the prepay asinfo split out (protocol note 8)', async () => {
    const id = await paidPrepay({ asinfo: '990440153996001:3000' });
    const res = await t.client.call('cancel', cancelFields(id, 8000));
    expect(res.json.trxstatus).toBe('3889');
    expect(res.json.errmsg).toContain('split out via asinfo');
  });

  it('unknown reqsn is 1001 on finish, cancel and query', async () => {
    for (const [endpoint, fields] of [
      ['finish', finishFields('NOPE', 1, '1')],
      ['cancel', cancelFields('NOPE', 1)],
      ['query', { reqsn: 'NOPE' }],
    ] as const) {
      const res = await t.client.call(endpoint, fields);
      expect(res.signed).toBe(true);
      expect(res.json).toMatchObject({ retcode: 'SUCCESS', trxstatus: '1001', reqsn: 'NOPE' });
    }
  });
});
