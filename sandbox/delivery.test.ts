import {
  afterAttempt,
  classifyReply,
  dropped,
  nextAttemptNumber,
  type Attempt,
  type Delivery,
} from './delivery';

const base: Delivery = {
  id: 1,
  version: 1,
  cusid: 'C',
  reqsn: 'R',
  trxid: 'T',
  url: 'http://127.0.0.1/n',
  fields: {},
  browser: false,
  trigger: 'payment',
  ordinal: 0,
  status: 'pending',
  createdAt: 1000,
  nextAt: 1000,
  held: false,
  faults: [],
  attempts: [],
};

function attempt(n: number, at: number, outcome: Attempt['outcome'], copy?: number): Attempt {
  return { n, at, scheduledAt: at, body: 'b', outcome, faults: [], ...(copy ? { copy } : {}) };
}

describe('classifyReply', () => {
  it('only `success` (trimmed) acknowledges; `refuse` only in the browser flow', () => {
    expect(classifyReply(' success\r\n', false)).toBe('success');
    expect(classifyReply('SUCCESS', false)).toBe('failed');
    expect(classifyReply('success!', false)).toBe('failed');
    expect(classifyReply(undefined, false)).toBe('failed');
    expect(classifyReply('refuse', false)).toBe('failed');
    expect(classifyReply('refuse\n', true)).toBe('refuse');
  });
});

describe('afterAttempt', () => {
  it('schedules +5 min after the first failure and +10 min after the second, then fails', () => {
    const one = afterAttempt(base, [attempt(1, 1000, 'failed')], 1);
    expect(one).toMatchObject({ status: 'pending', nextAt: 301_000, version: 2 });
    expect(nextAttemptNumber(one)).toBe(2);
    const two = afterAttempt(one, [attempt(2, 302_000, 'failed')], 1);
    expect(two).toMatchObject({ status: 'pending', nextAt: 902_000 });
    const three = afterAttempt(two, [attempt(3, 902_500, 'failed')], 1);
    expect(three).toMatchObject({ status: 'failed', nextAt: null });
    expect(three.attempts).toHaveLength(3);
  });

  it('is done on success, from either copy of a duplicated attempt', () => {
    expect(afterAttempt(base, [attempt(1, 1000, 'success')], 1)).toMatchObject({
      status: 'delivered',
      nextAt: null,
    });
    const dup = afterAttempt(base, [attempt(1, 1000, 'failed'), attempt(1, 1001, 'success', 2)], 1);
    expect(dup.status).toBe('delivered');
    expect(nextAttemptNumber(dup)).toBe(2);
  });

  it('is done on refuse, and releases a reorder hold', () => {
    expect(
      afterAttempt({ ...base, browser: true, held: true }, [attempt(1, 1000, 'refuse')], 1),
    ).toMatchObject({
      status: 'refused',
      held: false,
    });
  });

  it('needs at least one copy', () => {
    expect(() => afterAttempt(base, [], 1)).toThrow();
  });
});

describe('dropped', () => {
  it('records the loss and stops', () => {
    expect(dropped(base, 1234)).toMatchObject({
      status: 'dropped',
      nextAt: null,
      attempts: [{ n: 1, at: 1234, outcome: 'dropped', faults: ['drop'] }],
    });
  });
});
