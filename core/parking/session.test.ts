import {
  newSession,
  sessionSchema,
  frozenLeft,
  prepayReqsn,
  openCalls,
  parkingStart,
} from './session';
import { FREEZE, R1, sessionIn } from './session-fixtures';
import { GATED_LOT, ROADSIDE_LOT, T0, TARIFF } from './test-fixtures';

const base = {
  id: 'S1',
  tariff: TARIFF,
  plate: '粤BD12345',
  openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
  at: T0,
};

describe('newSession', () => {
  it('opens an exit-pay session at entry', () => {
    const r = newSession({ ...base, lot: GATED_LOT, flow: 'exit_pay', gateId: 'G1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      state: 'open',
      inTime: T0,
      lotId: 'L1',
      gateId: 'G1',
      version: 0,
      calls: [],
    });
    expect(r.value.policy).toEqual({ graceSeconds: 900, road: 9 });
    expect(r.value.history).toEqual([{ at: T0, event: 'created', from: null, to: 'open' }]);
    expect(sessionSchema.parse(r.value)).toEqual(r.value);
  });

  it('records the prepay before it is sent, with the lot freeze and endTime', () => {
    const r = newSession({ ...base, lot: GATED_LOT, flow: 'entry_prepay', prepayReqsn: R1 });
    expect(r.ok && r.value).toMatchObject({
      state: 'awaiting_prepay',
      endTime: T0 + 86_400,
      calls: [
        {
          id: R1,
          reqsn: R1,
          kind: 'prepay',
          purpose: 'freeze',
          amount: FREEZE,
          status: 'requested',
        },
      ],
    });
  });

  it('holds a booked spot for the tariff hold time', () => {
    const r = newSession({
      ...base,
      lot: ROADSIDE_LOT,
      flow: 'roadside_booking',
      spotId: 'S1',
      prepayReqsn: R1,
    });
    expect(r.ok && r.value).toMatchObject({ holdUntil: T0 + 15 * 60, policy: { road: 1 } });
  });

  it.each([
    [
      'a tariff of another lot',
      { lot: GATED_LOT, flow: 'exit_pay', tariff: { ...TARIFF, id: 'T9' } },
      'TARIFF_MISMATCH',
    ],
    [
      'a booking at a gated lot',
      { lot: GATED_LOT, flow: 'roadside_booking', spotId: 'S1', prepayReqsn: R1 },
      'FLOW_NOT_OFFERED',
    ],
    ['exit pay at the roadside', { lot: ROADSIDE_LOT, flow: 'exit_pay' }, 'FLOW_NOT_OFFERED'],
    [
      'entry prepay where the lot has none',
      { lot: { ...GATED_LOT, entryPrepay: false }, flow: 'entry_prepay', prepayReqsn: R1 },
      'FLOW_NOT_OFFERED',
    ],
    [
      'a booking without a spot',
      { lot: ROADSIDE_LOT, flow: 'roadside_booking', prepayReqsn: R1 },
      'SPOT_REQUIRED',
    ],
    ['a prepay without reqsn', { lot: GATED_LOT, flow: 'entry_prepay' }, 'REQSN_REQUIRED'],
    [
      'a reqsn with "_"',
      { lot: GATED_LOT, flow: 'entry_prepay', prepayReqsn: 'R_1' },
      'INVALID_INPUT',
    ],
    [
      'a plate too long',
      { lot: GATED_LOT, flow: 'exit_pay', plate: 'x'.repeat(17) },
      'INVALID_INPUT',
    ],
    ['a bad openid', { lot: GATED_LOT, flow: 'exit_pay', openid: 'a b' }, 'INVALID_INPUT'],
  ] as const)('refuses %s', (_n, change, code) => {
    expect(newSession({ ...base, ...change } as Parameters<typeof newSession>[0])).toMatchObject({
      ok: false,
      code,
    });
  });
});

describe('session helpers', () => {
  it('tells what is still frozen, the prepay reqsn and the open calls', () => {
    const parked = sessionIn('roadside_booking', 'parked')!;
    expect(frozenLeft(parked)).toBe(FREEZE - 200);
    expect(prepayReqsn(parked)).toBe(R1);
    expect(openCalls(parked)).toEqual([]);
    expect(openCalls(sessionIn('roadside_booking', 'settling')!).map((c) => c.id)).toEqual(['O2']);
    expect(prepayReqsn(sessionIn('exit_pay', 'paid')!)).toBeUndefined();
  });

  it('starts parking time at entry, or at arrival for a booking', () => {
    expect(parkingStart(sessionIn('exit_pay', 'open')!)).toBe(T0);
    expect(parkingStart(sessionIn('roadside_booking', 'booked')!)).toBeUndefined();
    expect(parkingStart(sessionIn('roadside_booking', 'parked')!)).toBe(T0 + 600);
  });

  it('finish and cancel calls send the prepay reqsn (spec)', () => {
    const settling = sessionIn('roadside_booking', 'settling')!;
    expect(settling.calls.find((c) => c.id === 'O2')).toMatchObject({
      kind: 'finish',
      feeType: 9,
      reqsn: R1,
      due: 1000,
    });
    expect(sessionIn('roadside_booking', 'parked')!.calls.find((c) => c.id === 'O1')).toMatchObject(
      {
        kind: 'finish',
        feeType: 1,
        reqsn: R1,
        purpose: 'arrival',
      },
    );
  });
});
