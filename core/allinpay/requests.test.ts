import { ENDPOINTS, requestSchemas, type Endpoint } from './requests';
import { parseOrThrow, ProtocolValidationError, type FieldIssue } from './validation';

/**
 * Every request schema refuses, naming the field: each over-long field (and accepts it at the
 * limit), a parkingNo with "_", a non-integer amount, and each missing required field
 * (protocol note 3).
 */

const NOW = 1_700_000_000;

const valid: Record<Endpoint, Record<string, unknown>> = {
  pay: {
    pro: '44',
    parkingNo: 'P001',
    LPR: 'BD12345',
    LPRpro: '44',
    payTime: NOW,
    cusid: '990440153996000',
    reqsn: 'R1',
    fee: 1250,
    asinfo: '990440153996001:300',
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    randomstr: 'a'.repeat(32),
    notify_url: 'https://lot.test/notify',
  },
  prepay: {
    pro: '44',
    parkingNo: 'P001',
    LPR: 'BD12345',
    LPRpro: '44',
    inTime: NOW,
    // At the 14-digit limit, so that inTime can be tested up to its own limit.
    endTime: '9'.repeat(14),
    cusid: '990440153996000',
    reqsn: 'R1',
    fee: 5000,
    asinfo: '990440153996001:300',
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    road: '9',
    randomstr: 'a'.repeat(32),
    notify_url: 'https://lot.test/notify',
  },
  finish: {
    outTime: NOW,
    cusid: '990440153996000',
    reqsn: 'R1',
    feeFinish: 1200,
    feeType: '9',
    asinfo: '990440153996001:300',
    randomstr: 'a'.repeat(32),
  },
  cancel: {
    cancelTime: NOW,
    cusid: '990440153996000',
    reqsn: 'R1',
    feeCancel: 3800,
    randomstr: 'a'.repeat(32),
  },
  query: { cusid: '990440153996000', reqsn: 'R1', randomstr: 'a'.repeat(32) },
};

/** A well-formed `cusid:fen[,cusid:fen...]` of exactly n characters (protocol note 10). */
function asinfoOfLength(n: number): string {
  let out = '';
  while (n - out.length > 22) out += '990440153996001:300,';
  const rest = n - out.length;
  return rest <= 17
    ? `${out}${'c'.repeat(rest - 2)}:1`
    : `${out}${'c'.repeat(15)}:${'1'.repeat(rest - 16)}`;
}

const url = (length: number) => {
  const head = 'https://lot.test/';
  return head + 'n'.repeat(length - head.length);
};

/** Each length-limited field: its value at the limit, and one character (or digit) over it. */
const limited: Record<string, [atLimit: unknown, over: unknown]> = {
  pro: ['12345', '123456'],
  parkingNo: ['p'.repeat(32), 'p'.repeat(33)],
  LPR: ['L'.repeat(20), 'L'.repeat(21)],
  LPRpro: ['4'.repeat(10), '4'.repeat(11)],
  cusid: ['9'.repeat(15), '9'.repeat(16)],
  reqsn: ['r'.repeat(32), 'r'.repeat(33)],
  openid: ['o'.repeat(32), 'o'.repeat(33)],
  randomstr: ['x'.repeat(32), 'x'.repeat(33)],
  notify_url: [url(256), url(257)],
  asinfo: [asinfoOfLength(1024), asinfoOfLength(1025)],
  fee: ['9999999999', '19999999999'],
  feeFinish: [9_999_999_999, 19_999_999_999],
  feeCancel: ['9999999999', '19999999999'],
  payTime: ['1'.repeat(14), '1'.repeat(15)],
  inTime: ['1'.repeat(14), '1'.repeat(15)],
  outTime: ['1'.repeat(14), '1'.repeat(15)],
  cancelTime: ['1'.repeat(14), '1'.repeat(15)],
};

const amountField: Record<Endpoint, string | undefined> = {
  pay: 'fee',
  prepay: 'fee',
  finish: 'feeFinish',
  cancel: 'feeCancel',
  query: undefined,
};

const required: Record<Endpoint, string[]> = {
  pay: ['pro', 'parkingNo', 'payTime', 'cusid', 'reqsn', 'fee', 'randomstr', 'notify_url'],
  prepay: [
    'pro',
    'parkingNo',
    'inTime',
    'endTime',
    'cusid',
    'reqsn',
    'fee',
    'road',
    'randomstr',
    'notify_url',
  ],
  finish: ['outTime', 'cusid', 'reqsn', 'feeFinish', 'feeType', 'randomstr'],
  cancel: ['cancelTime', 'cusid', 'reqsn', 'feeCancel', 'randomstr'],
  query: ['cusid', 'reqsn', 'randomstr'],
};

function issuesOf(endpoint: Endpoint, input: Record<string, unknown>): FieldIssue[] {
  try {
    parseOrThrow(requestSchemas[endpoint], input, `${endpoint} request`);
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolValidationError);
    expect((error as ProtocolValidationError).code).toBe('INVALID_FIELD');
    return (error as ProtocolValidationError).issues;
  }
  return [];
}

const lengthCases = ENDPOINTS.flatMap((endpoint) =>
  Object.keys(valid[endpoint])
    .filter((field) => field in limited)
    .map((field) => [endpoint, field] as const),
);

it('covers every length-limited field of every schema', () => {
  for (const endpoint of ENDPOINTS) {
    const shape = Object.keys(requestSchemas[endpoint].shape);
    const untested = shape.filter(
      (f) => !(f in limited) && !['road', 'feeType', 'endTime'].includes(f),
    );
    expect({ endpoint, untested }).toEqual({ endpoint, untested: [] });
  }
  // prepay's endTime is limited like the other times, but must stay after inTime.
  expect(lengthCases.length).toBeGreaterThan(30);
});

it.each(ENDPOINTS)('%s accepts its valid example', (endpoint) => {
  expect(issuesOf(endpoint, valid[endpoint])).toEqual([]);
});

describe.each(lengthCases)('%s.%s', (endpoint, field) => {
  const [atLimit, over] = limited[field] as [unknown, unknown];

  it('is accepted at its limit', () => {
    expect(issuesOf(endpoint, { ...valid[endpoint], [field]: atLimit })).toEqual([]);
  });

  it('is refused one over its limit, naming the field and the limit', () => {
    const issues = issuesOf(endpoint, { ...valid[endpoint], [field]: over });
    // (prepay's inTime over the limit also fails "endTime must be later than inTime".)
    expect(issues[0]).toEqual({ field, rule: expect.stringMatching(/at most \d+/) });
  });
});

it('prepay endTime is refused over 14 digits, naming it', () => {
  const issues = issuesOf('prepay', {
    ...valid.prepay,
    endTime: '9'.repeat(15),
  });
  expect(issues.map((i) => i.field)).toContain('endTime');
});

it.each(['pay', 'prepay'] as const)('%s refuses a parkingNo containing "_"', (endpoint) => {
  const issues = issuesOf(endpoint, { ...valid[endpoint], parkingNo: 'P_001' });
  expect(issues).toEqual([{ field: 'parkingNo', rule: 'must not contain "_" (protocol note 3)' }]);
});

const amountCases = ENDPOINTS.flatMap((endpoint) => {
  const field = amountField[endpoint];
  return field
    ? [12.5, '12.5', '1e3', -1, '-1', 'abc', Number.NaN, 0].map(
        (value) => [endpoint, field, value] as const,
      )
    : [];
});

it.each(amountCases)('%s refuses %s = %p, naming the field', (endpoint, field, value) => {
  const fields = issuesOf(endpoint, { ...valid[endpoint], [field]: value }).map((i) => i.field);
  expect(fields.length).toBeGreaterThan(0);
  expect(new Set(fields)).toEqual(new Set([field]));
});

const missingCases = ENDPOINTS.flatMap((endpoint) =>
  required[endpoint].map((field) => [endpoint, field] as const),
);

it.each(missingCases)('%s refuses a missing %s, naming it', (endpoint, field) => {
  const { [field]: _removed, ...rest } = valid[endpoint];
  const issues = issuesOf(endpoint, rest);
  expect(issues.map((i) => i.field)).toEqual([field]);
});

it.each(ENDPOINTS)('%s refuses a field it does not have, naming it', (endpoint) => {
  const issues = issuesOf(endpoint, { ...valid[endpoint], sign: 'X' });
  expect(issues).toEqual([{ field: 'sign', rule: 'is not a field of this request' }]);
});
