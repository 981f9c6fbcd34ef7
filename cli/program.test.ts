import { encodeForm } from '../core/allinpay/form';
import { keyFromPassword, sign } from '../core/allinpay/sign';
import {
  signedJson,
  startFakePlatform,
  successAnswer,
  type FakePlatform,
} from '../server/allinpay-client/testing/fake-platform';
import { runCli } from './program';
import { memoryIo, type MemoryIo } from './testing-io';

const KEY = 'ab56b4d92b40713acc5af89985d4b786';
const PASSWORD = 'Sandbox-密码';
const PASSWORD_KEY = keyFromPassword(PASSWORD);

/** Runs the CLI in memory and checks that no secret was printed, whatever the command. */
async function run(argv: string[], io: MemoryIo = memoryIo()) {
  const code = await runCli(argv, io);
  const stdout = io.stdout.join('');
  const stderr = io.stderr.join('');
  for (const secret of [KEY, PASSWORD, PASSWORD_KEY]) {
    expect(stdout + stderr).not.toContain(secret);
  }
  return { code, stdout, stderr };
}

describe('allinpay sign', () => {
  it("prints the spec's vector: masked string, then the sign on its own line", async () => {
    const { code, stdout } = await run([
      'sign',
      '--key',
      KEY,
      'appid=00000000',
      'reqsn=1450432107647',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'appid=00000000&key=ab56****b786&reqsn=1450432107647\n8E8BF7FFC9B8EF6F1D02955D6C0892B2\n',
    );
  });

  it('signs raw values holding & = + % spaces and Chinese, and leaves empty fields out', async () => {
    const { code, stdout } = await run([
      'sign',
      '--key',
      KEY,
      'note=a&b=c+d%20 e',
      'LPR=BD12345',
      'empty=',
      'pro=粤',
    ]);
    expect(code).toBe(0);
    const [string, signature] = stdout.trimEnd().split('\n');
    expect(string).toBe('LPR=BD12345&key=ab56****b786&note=a&b=c+d%20 e&pro=粤');
    // printf 'LPR=BD12345&key=ab56b4d92b40713acc5af89985d4b786&note=a&b=c+d%%20 e&pro=粤' | md5sum
    expect(signature).toBe('8C139FB5F7D93A73C7EB861502EB9045');
  });

  it('derives the key from --password and masks both', async () => {
    const { code, stdout } = await run(['sign', '--password', PASSWORD, 'a=1']);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')[1]).toBe(sign({ a: '1' }, PASSWORD_KEY));
  });

  it('takes the key from ALLINPAY_KEY when no flag is given', async () => {
    const io = memoryIo({ env: { ALLINPAY_KEY: KEY } });
    const { code, stdout } = await run(['sign', 'appid=00000000', 'reqsn=1450432107647'], io);
    expect(code).toBe(0);
    expect(stdout).toContain('8E8BF7FFC9B8EF6F1D02955D6C0892B2');
  });

  it.each([
    [['sign', 'a=1'], /no key: give --key/],
    [['sign', '--key', 'notakey', 'a=1'], /--password instead/],
    [['sign', '--key', KEY.toUpperCase(), 'a=1'], /lowercase/],
    [['sign', '--key', KEY, '--password', 'p', 'a=1'], /either --key or --password/],
    [['sign', '--key', KEY, 'novalue'], /name=value/],
    [['sign', '--key', KEY, '=1'], /name=value/],
    [['sign', '--key', KEY, 'key=1'], /give it with --key/],
    [['sign', '--key', KEY, 'a=1', 'a=2'], /given twice/],
    [['sign', '--key', KEY], /missing required argument/],
    [['sign', '--bogus', 'a=1'], /unknown option/],
  ])('%j is a usage error (exit 2) that says what to do', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('allinpay verify', () => {
  const fields = { appid: '00000000', reqsn: '1450432107647', note: '粤 a+b&c=d%' };
  const signed = { ...fields, sign: sign(fields, KEY) };

  it('says valid for a form body, decoding + and %XX once', async () => {
    const io = memoryIo({ stdin: `${encodeForm(signed)}\n` });
    const { code, stdout } = await run(['verify', '--key', KEY], io);
    expect(code).toBe(0);
    expect(stdout).toBe(`valid\nsign:     ${signed.sign}\n`);
  });

  it('says valid for a JSON body, numbers included', async () => {
    const body = {
      appid: '00000000',
      reqsn: 1450432107647,
      sign: '8E8BF7FFC9B8EF6F1D02955D6C0892B2',
    };
    const io = memoryIo({ stdin: JSON.stringify(body) });
    const { code } = await run(['verify', '--key', KEY], io);
    expect(code).toBe(0);
  });

  it('says invalid with the expected sign and the masked string it came from', async () => {
    const io = memoryIo({ stdin: encodeForm({ ...signed, reqsn: '1450432107648' }) });
    const { code, stdout } = await run(['verify', '--key', KEY], io);
    expect(code).toBe(1);
    const expected = sign({ ...fields, reqsn: '1450432107648' }, KEY);
    expect(stdout).toBe(
      'invalid\n' +
        `received: ${signed.sign}\n` +
        `expected: ${expected}\n` +
        'string:   appid=00000000&key=ab56****b786&note=粤 a+b&c=d%&reqsn=1450432107648\n',
    );
  });

  it('says invalid when there is no sign', async () => {
    const io = memoryIo({ stdin: 'appid=00000000' });
    const { code, stdout } = await run(['verify', '--key', KEY], io);
    expect(code).toBe(1);
    expect(stdout).toContain('received: (no sign field)');
  });

  it.each([
    ['empty stdin', memoryIo({ stdin: '\n' }), /stdin is empty/],
    ['a terminal on stdin', memoryIo({ tty: true }), /pipe the body/],
    ['broken JSON', memoryIo({ stdin: '{"a":' }), /not valid JSON/],
    ['a JSON array', memoryIo({ stdin: '[1]' }), /must be an object/],
  ])('%s is a usage error', async (_what, io, message) => {
    const { code, stderr } = await run(['verify', '--key', KEY], io);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('allinpay plate', () => {
  it.each([
    [['--openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'], 'JWES60\n'],
    [['--openid', 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'], 'OPFL2M\n'],
    [['--openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', '--province', '粤'], '粤JWES60\n'],
  ])('derives %j', async (args, expected) => {
    const { code, stdout } = await run(['plate', ...args]);
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
  });

  it('reports a valid plate with its kind, LPR and LPRpro', async () => {
    const { code, stdout } = await run(['plate', '粤bd 12345']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'plate:  粤BD12345\nvalid:  yes\nkind:   new-energy-small (新能源小型车)\nLPR:    BD12345\nLPRpro: 44\n',
    );
  });

  it('reports an embassy plate with an empty LPRpro', async () => {
    const { code, stdout } = await run(['plate', '123456使']);
    expect(code).toBe(0);
    expect(stdout).toContain('LPR:    123456使');
    expect(stdout).toContain('LPRpro: (empty');
  });

  it('reports an invalid plate with its reason, exit 1', async () => {
    const { code, stdout } = await run(['plate', '粤B1234']);
    expect(code).toBe(1);
    expect(stdout).toContain('valid:  no');
    expect(stdout).toContain('reason: too-short');
  });

  it.each([
    [['plate'], /give a plate/],
    [['plate', '粤B12345', '--openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'], /not both/],
    [['plate', '粤B12345', '--province', '粤'], /--province goes with --openid/],
    [['plate', '--openid', 'abc'], /--openid: openid must have at least 6/],
    [['plate', '--openid', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', '--province', 'GD'], /--province/],
  ])('%j is a usage error', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('allinpay call', () => {
  let platform: FakePlatform;
  const common = () => [
    '--base-url',
    platform.baseUrl,
    '--cusid',
    '990440153996000',
    '--appid',
    '00000000',
  ];

  beforeAll(async () => {
    platform = await startFakePlatform(KEY, (r) => ({ json: successAnswer(r, KEY, '00000000') }));
  });
  afterAll(() => platform.close());

  it('sends a signed request and prints the verified answer', async () => {
    platform.setScript((r) => ({
      json: successAnswer(r, KEY, '00000000', { fee: '5000', feeFinish: '1200', feeBack: '0' }),
    }));
    const { code, stdout } = await run(['call', 'query', ...common(), '--key', KEY, 'reqsn=R1']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({
      endpoint: 'query',
      reqsn: 'R1',
      outcome: 'success',
      totals: { fee: 5000, feeFinish: 1200, feeBack: 0 },
    });
    expect(printed.raw.sign).toMatch(/^[0-9A-F]{32}$/);
    expect(platform.requests.at(-1)?.signatureValid).toBe(true);
  });

  it('passes --notify-url to pay', async () => {
    platform.setScript((r) => ({ json: successAnswer(r, KEY, '00000000', { trxstatus: '2000' }) }));
    const { code, stdout } = await run([
      'call',
      'pay',
      ...common(),
      '--key',
      KEY,
      '--notify-url',
      'https://lot.test/notify',
      'pro=44',
      'parkingNo=P1',
      'payTime=1700000000',
      'reqsn=R2',
      'fee=1250',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).outcome).toBe('processing');
    expect(platform.requests.at(-1)?.fields.notify_url).toBe('https://lot.test/notify');
  });

  it('exits 1 on a refusal, printing retmsg', async () => {
    platform.setScript(() => ({
      json: signedJson({ retcode: 'FAIL', retmsg: 'reqsn 不存在' }, KEY),
    }));
    const { code, stderr } = await run(['call', 'query', ...common(), '--key', KEY, 'reqsn=R3']);
    expect(code).toBe(1);
    expect(stderr).toContain('refused by the platform: reqsn 不存在');
    expect(stderr).toContain('"code": "PLATFORM_REFUSAL"');
  });

  it('exits 1 on a failed transaction, printing the verified answer too', async () => {
    platform.setScript((r) => ({
      json: successAnswer(r, KEY, '00000000', { trxstatus: '3050', errmsg: '已撤销' }),
    }));
    const { code, stdout, stderr } = await run([
      'call',
      'cancel',
      ...common(),
      '--key',
      KEY,
      'cancelTime=1700000000',
      'reqsn=R4',
      'feeCancel=100',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).trxstatus).toBe('3050');
    expect(stderr).toContain('已撤销');
  });

  it('exits 1 on a bad signature', async () => {
    platform.setScript((r) => ({ json: successAnswer(r, PASSWORD_KEY, '00000000') }));
    const { code, stderr } = await run(['call', 'query', ...common(), '--key', KEY, 'reqsn=R5']);
    expect(code).toBe(1);
    expect(stderr).toContain('BAD_SIGNATURE');
  });

  it('sends nothing and exits 2 when a field breaks the protocol', async () => {
    const before = platform.requests.length;
    const { code, stderr } = await run([
      'call',
      'query',
      ...common(),
      '--key',
      KEY,
      `reqsn=${'r'.repeat(33)}`,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('reqsn must be at most 32 characters');
    expect(platform.requests.length).toBe(before);
  });

  it.each([
    [['call', 'refund'], /unknown endpoint "refund"/],
    [['call', 'query', '--cusid', '1', '--appid', '1', '--key', KEY], /--base-url/],
    [
      [
        'call',
        'query',
        '--base-url',
        'http://127.0.0.1:1',
        '--cusid',
        '1',
        '--appid',
        '1',
        '--key',
        KEY,
        '--timeout',
        '0',
        'reqsn=1',
      ],
      /whole milliseconds/,
    ],
    [
      [
        'call',
        'query',
        '--base-url',
        'nope',
        '--cusid',
        '1',
        '--appid',
        '1',
        '--key',
        KEY,
        'reqsn=1',
      ],
      /--base-url must be an http\(s\) URL/,
    ],
    [
      [
        'call',
        'query',
        '--base-url',
        'http://127.0.0.1:1',
        '--cusid',
        '1',
        '--appid',
        '1',
        '--key',
        KEY,
        'cusid=2',
      ],
      /cusid is set by the client/,
    ],
  ])('%j is a usage error', async (argv, message) => {
    const fullArgv = argv.includes('refund')
      ? [...argv, '--base-url', 'http://x', '--cusid', '1', '--appid', '1']
      : argv;
    const { code, stderr } = await run(fullArgv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('allinpay', () => {
  it('without a command prints help and exits 2', async () => {
    const { code, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: allinpay');
    expect(stderr).toContain('give a command');
  });

  it('--help exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('sign');
  });

  it('an unknown command exits 2', async () => {
    const { code, stderr } = await run(['refund']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'refund'");
  });
});
