import { parseForm } from '../../core/allinpay/form';
import { keyFromPassword, verify } from '../../core/allinpay/sign';
import {
  BadSignatureError,
  ClientConfigError,
  createAllinpayClient,
  OutcomeUnknownError,
  PlatformRefusalError,
  ProtocolValidationError,
  ResponseMismatchError,
  TransactionFailedError,
  type AllinpayClient,
} from './index';
import {
  signedJson,
  startFakePlatform,
  successAnswer,
  type FakePlatform,
  type Reply,
} from './testing/fake-platform';

const KEY = 'ab56b4d92b40713acc5af89985d4b786';
const CUSID = '990440153996000';
const APPID = '00000000';
const NOTIFY = 'https://example.test/notify';
const NOW = 1_700_000_000;

const payInput = {
  pro: '44',
  parkingNo: 'P001',
  LPR: 'BD12345',
  LPRpro: '44',
  payTime: NOW,
  reqsn: 'R-pay-1',
  fee: 1250,
  openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
};
const prepayInput = {
  pro: '44',
  parkingNo: 'P001',
  inTime: NOW,
  endTime: NOW + 3600,
  reqsn: 'R-prepay-1',
  fee: 5000,
  road: '9' as const,
  openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
};
const finishInput = { outTime: NOW, reqsn: 'R-prepay-1', feeFinish: 1200, feeType: '9' as const };
const cancelInput = { cancelTime: NOW, reqsn: 'R-prepay-1', feeCancel: 3800 };
const queryInput = { reqsn: 'R-prepay-1' };

let platform: FakePlatform;
let client: AllinpayClient;

function script(fn: Parameters<FakePlatform['setScript']>[0]) {
  platform.setScript(fn);
}

function answerWith(overrides: Record<string, unknown> = {}) {
  script((request): Reply => ({ json: successAnswer(request, KEY, APPID, overrides) }));
}

/** A client of the fake platform (2 s timeouts, 2 query retries) with `overrides`. */
const clientOfFake = (overrides: Record<string, unknown>) =>
  createAllinpayClient({
    baseUrl: platform.baseUrl,
    cusid: CUSID,
    appid: APPID,
    key: KEY,
    connectTimeoutMs: 2_000,
    timeoutMs: 2_000,
    queryRetries: 2,
    ...overrides,
  });

beforeAll(async () => {
  platform = await startFakePlatform(KEY, () => ({ status: 500, text: 'unscripted' }));
  client = clientOfFake({ notifyUrl: NOTIFY, queryRetryDelayMs: 1 });
});

afterAll(async () => {
  client.close();
  await platform.close();
});

beforeEach(() => {
  platform.requests.length = 0;
});

describe('requests on the wire', () => {
  it('posts a signed form with cusid, a 32-char randomstr and the default notify_url', async () => {
    answerWith({ trxstatus: '2000' });
    await client.pay(payInput);
    const [request] = platform.requests;
    expect(request?.path).toBe('/allinpay/api/pay.php');
    expect(request?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(request?.signatureValid).toBe(true);
    expect(request?.fields).toMatchObject({
      cusid: CUSID,
      reqsn: 'R-pay-1',
      fee: '1250',
      payTime: String(NOW),
      notify_url: NOTIFY,
    });
    expect(request?.fields.randomstr).toMatch(/^[0-9a-f]{32}$/);
    expect(request?.fields).not.toHaveProperty('key');
    expect(request?.fields).not.toHaveProperty('appid');
  });

  it('uses a fresh randomstr on every call', async () => {
    answerWith({ trxstatus: '2000' });
    await client.pay(payInput);
    await client.pay({ ...payInput, reqsn: 'R-pay-2' });
    const [a, b] = platform.requests;
    expect(a?.fields.randomstr).not.toBe(b?.fields.randomstr);
  });

  it('keeps a path prefix of the base URL', async () => {
    const prefixed = createAllinpayClient({
      baseUrl: `${platform.baseUrl}/gateway/`,
      cusid: CUSID,
      appid: APPID,
      key: KEY,
    });
    answerWith();
    await prefixed.query(queryInput).finally(() => prefixed.close());
    expect(platform.requests[0]?.path).toBe('/gateway/allinpay/api/query.php');
  });

  it('lets a call override notify_url', async () => {
    answerWith({ trxstatus: '2000' });
    await client.prepay({ ...prepayInput, notify_url: 'https://other.test/n' });
    expect(platform.requests[0]?.fields.notify_url).toBe('https://other.test/n');
  });
});

describe('the browser-redirect URL (protocol note 12)', () => {
  const { openid: _payer, ...browserPay } = payInput;

  it('is the redirect entry with the signed fields as its query, no openid, nothing sent', () => {
    const url = new URL(client.redirectUrl('pay', browserPay));
    expect(`${url.origin}${url.pathname}`).toBe(`${platform.baseUrl}/allinpay/pay.php`);
    const entries = parseForm(url.search.slice(1));
    expect(verify(entries, KEY)).toBe(true);
    const fields = Object.fromEntries(entries);
    expect(fields).toMatchObject({
      cusid: CUSID,
      reqsn: 'R-pay-1',
      fee: '1250',
      LPR: 'BD12345',
      notify_url: NOTIFY,
    });
    expect(fields).not.toHaveProperty('openid');
    expect(fields).not.toHaveProperty('key');
    expect(url.href).not.toContain(KEY);
    // A fresh randomstr each time, so the sign differs too.
    expect(new URL(client.redirectUrl('pay', browserPay)).searchParams.get('randomstr')).not.toBe(
      fields.randomstr,
    );
    expect(platform.requests).toHaveLength(0);
  });

  it('refuses an openid and a bad field before anything is made', () => {
    expect(() => client.redirectUrl('pay', payInput)).toThrow(ProtocolValidationError);
    expect(() => client.redirectUrl('pay', { ...browserPay, fee: 0 })).toThrow(
      ProtocolValidationError,
    );
  });
});

describe('validation before any network call', () => {
  it.each([
    ['a parkingNo with "_"', { ...payInput, parkingNo: 'P_1' }, 'parkingNo'],
    ['a fractional fee', { ...payInput, fee: 12.5 }, 'fee'],
    ['an over-long reqsn', { ...payInput, reqsn: 'r'.repeat(33) }, 'reqsn'],
  ])('refuses %s, naming the field, and sends nothing', async (_what, input, field) => {
    answerWith();
    const error = await client.pay(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolValidationError);
    expect((error as ProtocolValidationError).code).toBe('INVALID_FIELD');
    expect((error as ProtocolValidationError).issues.map((i) => i.field)).toContain(field);
    expect(platform.requests).toHaveLength(0);
  });

  it('refuses fields the client sets itself', async () => {
    const error = await client
      .query({ ...queryInput, randomstr: 'x' } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolValidationError);
    expect((error as ProtocolValidationError).issues[0]?.field).toBe('randomstr');
    expect(platform.requests).toHaveLength(0);
  });

  it('refuses pay without any notify_url', async () => {
    const bare = createAllinpayClient({
      baseUrl: platform.baseUrl,
      cusid: CUSID,
      appid: APPID,
      key: KEY,
    });
    const error = await bare.pay(payInput).catch((e: unknown) => e);
    bare.close();
    expect((error as ProtocolValidationError).issues).toEqual([
      { field: 'notify_url', rule: 'is required' },
    ]);
    expect(platform.requests).toHaveLength(0);
  });
});

describe('successful answers', () => {
  it('pay: processing is a result, with payinfo given as a JSON string', async () => {
    const payinfo = {
      appId: 'wx0000',
      timeStamp: '1700000000',
      nonceStr: 'n',
      package: 'prepay_id=wx1',
      signType: 'MD5',
      paySign: 'S',
    };
    answerWith({ trxstatus: '2000', payinfo: JSON.stringify(payinfo) });
    const result = await client.pay(payInput);
    expect(result.outcome).toBe('processing');
    expect(result.trxstatus).toBe('2000');
    expect(result.payinfo).toEqual(payinfo);
    expect(result.raw.sign).toMatch(/^[0-9A-F]{32}$/);
  });

  it('prepay: payinfo as an object spelled appid (protocol note 13)', async () => {
    answerWith({
      trxstatus: '2008',
      payinfo: {
        appid: 'wx1',
        timeStamp: '1',
        nonceStr: 'n',
        package: 'prepay_id=p',
        signType: 'RSA',
        paySign: 's',
      },
    });
    const result = await client.prepay(prepayInput);
    expect(result.outcome).toBe('processing');
    expect(result.payinfo?.appId).toBe('wx1');
  });

  it('finish: totals as integer fen numbers, from JSON numbers or strings, and couponList', async () => {
    answerWith({
      fee: 5000,
      feeFinish: '1200',
      feeBack: '3800',
      feeAIP: 7,
      couponList: [{ id: 'c1', amount: 100 }],
    });
    const result = await client.finish(finishInput);
    expect(result.outcome).toBe('success');
    expect(result.totals).toEqual({ fee: 5000, feeFinish: 1200, feeBack: 3800, feeAIP: 7 });
    expect(result.couponList).toEqual([{ id: 'c1', amount: 100 }]);
  });

  it('cancel: success', async () => {
    answerWith({ fee: '5000', feeBack: '3800' });
    const result = await client.cancel(cancelInput);
    expect(result).toMatchObject({ endpoint: 'cancel', outcome: 'success', trxstatus: '0000' });
    expect(result.totals.feeBack).toBe(3800);
    expect(result.totals.feeFinish).toBeUndefined();
  });

  it('verifies over every received field, including ones the spec does not list', async () => {
    answerWith({ somethingNew: 'x&y=z', 中文: '粤' });
    const result = await client.query(queryInput);
    expect(result.raw.somethingNew).toBe('x&y=z');
  });

  it.each([
    ['3088', 'failure'],
    ['1001', 'failure'],
    ['2000', 'processing'],
    ['7777', 'unknown'],
  ])('query returns trxstatus %s as a result with outcome %s', async (trxstatus, outcome) => {
    answerWith({ trxstatus, errmsg: 'why' });
    const result = await client.query(queryInput);
    expect(result.outcome).toBe(outcome);
    expect(result.errmsg).toBe('why');
  });
});

describe('typed errors', () => {
  it('a failure trxstatus of pay is a TransactionFailedError with errmsg', async () => {
    answerWith({ trxstatus: '3014', errmsg: '金额太小' });
    const error = (await client.pay(payInput).catch((e: unknown) => e)) as TransactionFailedError;
    expect(error).toBeInstanceOf(TransactionFailedError);
    expect(error.code).toBe('TRANSACTION_FAILED');
    expect(error.trxstatus).toBe('3014');
    expect(error.errmsg).toBe('金额太小');
    expect(error.mustQuery).toBe(false);
    expect(error.message).toContain('金额太小');
    expect(error.result.raw.trxstatus).toBe('3014');
  });

  it('3888 (reqsn exists) tells the caller to query', async () => {
    answerWith({ trxstatus: '3888' });
    const error = (await client
      .prepay(prepayInput)
      .catch((e: unknown) => e)) as TransactionFailedError;
    expect(error.code).toBe('TRANSACTION_FAILED');
    expect(error.mustQuery).toBe(true);
  });

  it('a trxstatus outside the spec on finish leaves the outcome unknown', async () => {
    answerWith({ trxstatus: '7777' });
    const error = (await client
      .finish(finishInput)
      .catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reason).toBe('unknown_trxstatus');
  });

  it('an unsigned FAIL is a refusal marked unsigned', async () => {
    script(() => ({ json: { retcode: 'FAIL', retmsg: 'cusid 不存在' } }));
    const error = (await client
      .cancel(cancelInput)
      .catch((e: unknown) => e)) as PlatformRefusalError;
    expect(error).toBeInstanceOf(PlatformRefusalError);
    expect(error.code).toBe('PLATFORM_REFUSAL');
    expect(error.retmsg).toBe('cusid 不存在');
    expect(error.signed).toBe(false);
    expect(error.mustQuery).toBe(false);
  });

  it('a signed FAIL is a refusal marked signed', async () => {
    script(() => ({ json: signedJson({ retcode: 'FAIL', retmsg: 'feeCancel 超出' }, KEY) }));
    const error = (await client
      .cancel(cancelInput)
      .catch((e: unknown) => e)) as PlatformRefusalError;
    expect(error.signed).toBe(true);
  });

  it('a FAIL with a wrong sign is a bad signature, not a refusal', async () => {
    script(() => ({ json: { retcode: 'FAIL', retmsg: 'x', sign: '0'.repeat(32) } }));
    const error = await client.cancel(cancelInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadSignatureError);
  });

  it('a SUCCESS with a wrong sign is a BadSignatureError with the masked string', async () => {
    script((request) => ({
      json: { ...successAnswer(request, KEY, APPID), sign: 'F'.repeat(32) },
    }));
    const error = (await client.pay(payInput).catch((e: unknown) => e)) as BadSignatureError;
    expect(error).toBeInstanceOf(BadSignatureError);
    expect(error.code).toBe('BAD_SIGNATURE');
    expect(error.mustQuery).toBe(true);
    expect(error.received).toBe('F'.repeat(32));
    expect(error.expected).toMatch(/^[0-9A-F]{32}$/);
    expect(error.signingString).toContain('key=ab56****b786');
  });

  it('a field added after signing breaks the signature', async () => {
    script((request) => ({
      json: { ...successAnswer(request, KEY, APPID, { trxstatus: '2000' }), trxstatus: '0000' },
    }));
    await expect(client.pay(payInput)).rejects.toBeInstanceOf(BadSignatureError);
  });

  it('a SUCCESS without sign is a BadSignatureError', async () => {
    script((request) => {
      const { sign: _sign, ...unsigned } = successAnswer(request, KEY, APPID);
      return { json: unsigned };
    });
    const error = (await client.query(queryInput).catch((e: unknown) => e)) as BadSignatureError;
    expect(error).toBeInstanceOf(BadSignatureError);
    expect(error.received).toBe('');
  });

  it('an answer signed with another key is a BadSignatureError', async () => {
    script((request) => ({ json: successAnswer(request, 'f'.repeat(32), APPID) }));
    await expect(client.finish(finishInput)).rejects.toBeInstanceOf(BadSignatureError);
  });

  it.each([
    ['reqsn', { reqsn: 'someone-else' }],
    ['cusid', { cusid: '990440153996999' }],
    ['appid', { appid: '99999999' }],
  ])('a signed answer about another %s is a ResponseMismatchError', async (field, overrides) => {
    answerWith(overrides);
    const error = (await client
      .finish(finishInput)
      .catch((e: unknown) => e)) as ResponseMismatchError;
    expect(error).toBeInstanceOf(ResponseMismatchError);
    expect(error.code).toBe('RESPONSE_MISMATCH');
    expect(error.field).toBe(field);
    expect(error.mustQuery).toBe(true);
  });

  it('HTTP 5xx leaves the outcome unknown', async () => {
    script(() => ({ status: 502, text: 'bad gateway' }));
    const error = (await client.pay(payInput).catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.code).toBe('OUTCOME_UNKNOWN');
    expect(error.reason).toBe('http_status');
    expect(error.extra.httpStatus).toBe(502);
  });

  it('a body that is not JSON leaves the outcome unknown', async () => {
    script(() => ({ status: 200, text: '<html>oops</html>' }));
    const error = (await client.pay(payInput).catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(error.reason).toBe('malformed_response');
  });

  it('a signed SUCCESS missing trxstatus leaves the outcome unknown', async () => {
    answerWith({ trxstatus: undefined });
    const error = (await client.pay(payInput).catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(error.reason).toBe('malformed_response');
    expect(error.message).toContain('trxstatus');
  });

  it('a closed connection leaves the outcome unknown', async () => {
    script(() => 'destroy');
    const error = (await client.pay(payInput).catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reason).toBe('network');
  });

  it('a server that never answers times out and leaves the outcome unknown', async () => {
    const impatient = createAllinpayClient({
      baseUrl: platform.baseUrl,
      cusid: CUSID,
      appid: APPID,
      key: KEY,
      timeoutMs: 150,
    });
    script(() => 'hang');
    const error = (await impatient
      .finish(finishInput)
      .catch((e: unknown) => e)) as OutcomeUnknownError;
    impatient.close();
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reason).toBe('response_timeout');
    expect(platform.requests).toHaveLength(1);
  });

  it('a refused connection leaves the outcome unknown', async () => {
    const gone = await startFakePlatform(KEY, () => ({ status: 500, text: '' }));
    const baseUrl = gone.baseUrl;
    await gone.close();
    const orphan = createAllinpayClient({ baseUrl, cusid: CUSID, appid: APPID, key: KEY });
    const error = (await orphan
      .finish(finishInput)
      .catch((e: unknown) => e)) as OutcomeUnknownError;
    orphan.close();
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reason).toBe('network');
    expect(error.extra.networkCode).toBe('ECONNREFUSED');
  });
});

describe('resending', () => {
  const calls: Array<[string, (c: AllinpayClient) => Promise<unknown>]> = [
    ['pay', (c) => c.pay(payInput)],
    ['prepay', (c) => c.prepay(prepayInput)],
    ['finish', (c) => c.finish(finishInput)],
    ['cancel', (c) => c.cancel(cancelInput)],
  ];

  it.each(calls)('%s is sent once, never resent, after a 5xx or a lost answer', async (_n, run) => {
    for (const reply of [{ status: 503, text: 'busy' }, 'destroy'] as Reply[]) {
      platform.requests.length = 0;
      script(() => reply);
      await expect(run(client)).rejects.toBeInstanceOf(OutcomeUnknownError);
      expect(platform.requests).toHaveLength(1);
    }
  });

  it('query is retried on outcome-unknown errors, with a fresh randomstr each time', async () => {
    script((request, index) =>
      index < 2 ? { status: 503, text: 'busy' } : { json: successAnswer(request, KEY, APPID) },
    );
    const result = await client.query(queryInput);
    expect(result.outcome).toBe('success');
    expect(platform.requests).toHaveLength(3);
    expect(new Set(platform.requests.map((r) => r.fields.randomstr)).size).toBe(3);
  });

  it('query retries are bounded', async () => {
    script(() => 'destroy');
    await expect(client.query(queryInput)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(platform.requests).toHaveLength(3);
  });

  it.each([
    ['a refusal', (): Reply => ({ json: { retcode: 'FAIL', retmsg: 'no' } })],
    ['a bad signature', (): Reply => ({ json: { retcode: 'SUCCESS', sign: 'X' } })],
  ])('query is not retried after %s', async (_what, reply) => {
    script(reply);
    await expect(client.query(queryInput)).rejects.toThrow();
    expect(platform.requests).toHaveLength(1);
  });
});

describe('configuration', () => {
  const base = { baseUrl: 'http://127.0.0.1:1', cusid: CUSID, appid: APPID };

  it.each([
    ['neither key nor password', { ...base }, 'key'],
    ['both key and password', { ...base, key: KEY, password: 'p' }, 'key'],
    ['an uppercase key', { ...base, key: KEY.toUpperCase() }, 'key'],
    ['a password given as key', { ...base, key: 'my-secret-password' }, 'key'],
    ['a non-http base URL', { ...base, key: KEY, baseUrl: 'ftp://x' }, 'baseUrl'],
    ['a zero timeout', { ...base, key: KEY, timeoutMs: 0 }, 'timeoutMs'],
    ['an unknown option', { ...base, key: KEY, retries: 3 }, 'retries'],
  ])('refuses %s, naming the field and never echoing values', (_what, config, field) => {
    let error: unknown;
    try {
      createAllinpayClient(config as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ClientConfigError);
    expect((error as ClientConfigError).code).toBe('INVALID_CONFIG');
    expect((error as ClientConfigError).issues.map((i) => i.field)).toContain(field);
    const text = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('my-secret-password');
    expect(text).not.toContain(KEY.toUpperCase());
  });

  it('derives the key from the password (protocol note 2.2)', async () => {
    const password = 'sandbox-pass';
    const derivedKey = keyFromPassword(password);
    const byPassword = createAllinpayClient({ ...base, baseUrl: platform.baseUrl, password });
    script((request) => ({ json: successAnswer(request, derivedKey, APPID) }));
    const result = await byPassword.query(queryInput).finally(() => byPassword.close());
    expect(result.outcome).toBe('success');
    // The fake platform checks requests with KEY, so this request must not verify with it.
    expect(platform.requests[0]?.signatureValid).toBe(false);
  });
});

describe('hedged query', () => {
  let hedged: AllinpayClient;
  const hedgedWith = (queryHedgeMs: number) => clientOfFake({ queryHedgeMs });

  afterEach(() => hedged.close());

  it('sends a second query beside one that does not answer; the first verified answer wins', async () => {
    hedged = hedgedWith(20);
    script((request, index) =>
      index === 0 ? 'hang' : { json: successAnswer(request, KEY, APPID) },
    );
    const result = await hedged.query(queryInput, { deadlineMs: 60_000 });
    expect(result.outcome).toBe('success');
    // A third may go out too on a slow machine: the count is not a timing assertion.
    expect(platform.requests.length).toBeGreaterThanOrEqual(2);
    expect(platform.requests.every((r) => r.endpoint === 'query')).toBe(true);
  });

  it('asks again at once after a 5xx, without waiting for the hedge', async () => {
    hedged = hedgedWith(60_000);
    script((request, index) =>
      index === 0 ? { status: 503, text: 'busy' } : { json: successAnswer(request, KEY, APPID) },
    );
    expect((await hedged.query(queryInput, { deadlineMs: 60_000 })).outcome).toBe('success');
    expect(platform.requests).toHaveLength(2);
  });

  it('past its deadline says the outcome is unknown ("ask again"), never a success', async () => {
    hedged = hedgedWith(20);
    script(() => 'hang');
    const error = await hedged.query(queryInput, { deadlineMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reason).toBe('deadline');
  });

  it('takes no unverified answer: a bad signature fails the query, nothing else is sent', async () => {
    hedged = hedgedWith(60_000);
    script(() => ({ json: { retcode: 'SUCCESS', sign: 'X' } }));
    await expect(hedged.query(queryInput, { deadlineMs: 60_000 })).rejects.toBeInstanceOf(
      BadSignatureError,
    );
    expect(platform.requests).toHaveLength(1);
  });

  it('is bounded: 1 + queryRetries attempts when every one fails', async () => {
    hedged = hedgedWith(20);
    script(() => ({ status: 502, text: 'bad gateway' }));
    await expect(hedged.query(queryInput)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(platform.requests).toHaveLength(3);
  });
});
