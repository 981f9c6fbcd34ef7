import { inspect } from 'node:util';
import { keyFromPassword } from '../../core/allinpay/sign';
import { createAllinpayClient, type AllinpayClient, type Logger } from './index';
import {
  signedJson,
  startFakePlatform,
  successAnswer,
  type FakePlatform,
  type Reply,
} from './testing/fake-platform';

/**
 * The key (and the password it comes from) must never reach a log line or an error, whatever
 * happens, even when the platform echoes them back (engineering standards).
 */

const PASSWORD = 'Sandbox-密码-2024';
const KEY = keyFromPassword(PASSWORD);
const APPID = '00000000';
const CUSID = '990440153996000';
const SECRETS = [PASSWORD, KEY];

const logged: string[] = [];
const capture: Logger = {
  debug: (m, d) => logged.push(`debug ${m} ${JSON.stringify(d)} ${inspect(d, { depth: 10 })}`),
  info: (m, d) => logged.push(`info ${m} ${JSON.stringify(d)} ${inspect(d, { depth: 10 })}`),
  warn: (m, d) => logged.push(`warn ${m} ${JSON.stringify(d)} ${inspect(d, { depth: 10 })}`),
  error: (m, d) => logged.push(`error ${m} ${JSON.stringify(d)} ${inspect(d, { depth: 10 })}`),
};

function everythingAbout(error: unknown): string {
  const e = error as Error;
  return [
    String(e),
    e.message,
    e.stack,
    JSON.stringify(e),
    inspect(e, { depth: 10, showHidden: true }),
  ].join('\n');
}

let platform: FakePlatform;
let client: AllinpayClient;

beforeAll(async () => {
  platform = await startFakePlatform(KEY, () => 'destroy');
  client = createAllinpayClient({
    baseUrl: platform.baseUrl,
    cusid: CUSID,
    appid: APPID,
    password: PASSWORD,
    timeoutMs: 150,
    notifyUrl: 'https://example.test/notify',
    logger: capture,
    queryRetries: 1,
    queryRetryDelayMs: 1,
  });
});

afterAll(async () => {
  client.close();
  await platform.close();
});

const finish = { outTime: 1_700_000_000, reqsn: 'R1', feeFinish: 100, feeType: '9' as const };
const echo = `key=${KEY} password=${PASSWORD}`;

const scenarios: Array<
  [string, (request: Parameters<Parameters<FakePlatform['setScript']>[0]>[0]) => Reply]
> = [
  ['a refusal echoing the secrets', () => ({ json: { retcode: 'FAIL', retmsg: echo } })],
  [
    'a signed refusal echoing the secrets',
    () => ({ json: signedJson({ retcode: 'FAIL', retmsg: echo }, KEY) }),
  ],
  [
    'a failed transaction echoing the secrets',
    (r) => ({ json: successAnswer(r, KEY, APPID, { trxstatus: '3999', errmsg: echo }) }),
  ],
  [
    'a bad signature over fields echoing the secrets',
    (r) => ({ json: { ...successAnswer(r, KEY, APPID, { note: echo }), sign: 'A'.repeat(32) } }),
  ],
  [
    'a mismatch echoing the secrets',
    (r) => ({ json: successAnswer(r, KEY, APPID, { reqsn: KEY }) }),
  ],
  [
    'an unknown trxstatus',
    (r) => ({ json: successAnswer(r, KEY, APPID, { trxstatus: '8888', errmsg: echo }) }),
  ],
  ['a malformed answer', () => ({ status: 200, text: echo })],
  ['HTTP 500', () => ({ status: 500, text: echo })],
  ['a lost connection', () => 'destroy'],
  ['a timeout', () => 'hang'],
];

it.each(scenarios)('%s: no secret in the error or the log', async (_what, reply) => {
  logged.length = 0;
  platform.setScript(reply);
  const error = await client.finish(finish).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  const text = everythingAbout(error);
  for (const secret of SECRETS) {
    expect(text).not.toContain(secret);
    expect(logged.join('\n')).not.toContain(secret);
  }
  expect(logged.length).toBeGreaterThan(0);
});

it('a successful call and a query retry log no secret', async () => {
  logged.length = 0;
  platform.setScript((r, i) =>
    i % 2 === 0 ? 'destroy' : { json: successAnswer(r, KEY, APPID, { note: echo }) },
  );
  platform.requests.length = 0;
  const result = await client.query({ reqsn: 'R1' });
  expect(JSON.stringify(result)).not.toContain(KEY);
  expect(logged.some((line) => line.includes('retry'))).toBe(true);
  for (const secret of SECRETS) expect(logged.join('\n')).not.toContain(secret);
});

it('config and validation errors carry no secret', async () => {
  const errors: unknown[] = [];
  for (const config of [
    { baseUrl: 'x', cusid: CUSID, appid: APPID, key: PASSWORD },
    { baseUrl: 'x', cusid: CUSID, appid: APPID, key: KEY, password: PASSWORD },
  ]) {
    try {
      createAllinpayClient(config);
    } catch (error) {
      errors.push(error);
    }
  }
  errors.push(await client.finish({ ...finish, reqsn: KEY + KEY }).catch((e: unknown) => e));
  expect(errors.map((e) => (e as { code: string }).code)).toEqual([
    'INVALID_CONFIG',
    'INVALID_CONFIG',
    'INVALID_FIELD',
  ]);
  for (const error of errors) {
    for (const secret of SECRETS) expect(everythingAbout(error)).not.toContain(secret);
  }
});
