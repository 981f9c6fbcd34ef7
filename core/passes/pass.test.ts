import {
  type Pass,
  type PassOrderFacts,
  applyPassOrder,
  extendedDates,
  passStanding,
  revokePass,
} from './pass';

const DAY = 86_400;
const T0 = 1_800_000_000;

const order = (orderId: string, days = 30): PassOrderFacts => ({
  orderId,
  lotId: 'lot-1',
  plates: ['粤B12345'],
  openid: 'o-driver',
  source: 'driver',
  terms: {
    planId: 'plan-1',
    planName: '30天卡',
    period: { kind: 'days', days },
    spaces: 1,
    graceDays: 3,
    price: 30000,
  },
});

function bought(at = T0): Pass {
  const result = applyPassOrder(undefined, 'P1', order('R1'), at);
  if (!result.ok) throw new Error(result.message);
  return result.value.pass;
}

describe('a pass over time', () => {
  it('is valid with the days left, then in grace, then expired', () => {
    const pass = bought();
    expect(pass).toMatchObject({ startAt: T0, endAt: T0 + 30 * DAY, orderIds: ['R1'] });
    expect(passStanding(pass, T0)).toEqual({ kind: 'valid', daysLeft: 30 });
    expect(passStanding(pass, T0 + 29 * DAY + 1)).toEqual({ kind: 'valid', daysLeft: 1 });
    expect(passStanding(pass, T0 + 30 * DAY)).toEqual({ kind: 'grace', graceDaysLeft: 3 });
    expect(passStanding(pass, T0 + 33 * DAY - 1)).toEqual({ kind: 'grace', graceDaysLeft: 1 });
    expect(passStanding(pass, T0 + 33 * DAY)).toEqual({ kind: 'expired' });
    expect(passStanding(pass, T0 - 1)).toEqual({ kind: 'not_started' });
  });

  it('renewed before expiry extends from the old end date', () => {
    const pass = bought();
    const renewed = applyPassOrder(pass, 'P1', order('R2'), T0 + 10 * DAY);
    expect(renewed.ok && renewed.value.pass).toMatchObject({
      startAt: T0,
      endAt: T0 + 60 * DAY,
      orderIds: ['R1', 'R2'],
      version: 1,
    });
  });

  it('renewed after expiry (grace included) starts again when paid', () => {
    const pass = bought();
    const at = T0 + 31 * DAY;
    expect(extendedDates(pass, { kind: 'days', days: 30 }, at)).toEqual({
      startAt: at,
      endAt: at + 30 * DAY,
    });
  });

  it('applies the same order once, however often it is confirmed', () => {
    const pass = bought();
    const again = applyPassOrder(pass, 'P1', order('R1'), T0 + 5 * DAY);
    expect(again).toEqual({ ok: true, value: { pass, outcome: 'already' } });
  });

  it('is not extended once revoked; revoking twice is already', () => {
    const { pass: revoked, outcome } = revokePass(bought(), '转让', T0 + DAY);
    expect(outcome).toBe('applied');
    expect(passStanding(revoked, T0 + DAY)).toEqual({ kind: 'revoked' });
    expect(revokePass(revoked, '再次', T0 + 2 * DAY).outcome).toBe('already');
    expect(applyPassOrder(revoked, 'P1', order('R3'), T0 + 2 * DAY)).toMatchObject({
      ok: false,
      code: 'PASS_REVOKED',
    });
  });

  it('refuses an order of another lot', () => {
    expect(applyPassOrder(bought(), 'P1', { ...order('R4'), lotId: 'lot-2' }, T0)).toMatchObject({
      ok: false,
      code: 'PASS_MISMATCH',
    });
  });
});
