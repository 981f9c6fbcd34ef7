import {
  OPERATOR_ACTIONS,
  OPERATOR_RIGHTS,
  type OperatorGrant,
  can,
  checkGrantChange,
  checkRight,
  lotsAllowing,
  mayCreateLot,
  operatorGrantSchema,
} from './operator';

const grants: OperatorGrant[] = [
  { lotId: 'L1', openid: 'owner1', role: 'owner' },
  { lotId: 'L1', openid: 'op1', role: 'operator' },
  { lotId: 'L2', openid: 'op1', role: 'owner' },
];

const OWNER_ONLY = ['lot.edit', 'operator.manage', 'tariff.manage', 'place.manage', 'revenue.view'];

describe('operator rights', () => {
  it.each(OPERATOR_ACTIONS.map((a) => [a]))(
    '%s: owner yes, operator by the table, stranger no',
    (action) => {
      expect(can(grants, 'owner1', 'L1', action)).toBe(true);
      expect(can(grants, 'op1', 'L1', action)).toBe(!OWNER_ONLY.includes(action));
      expect(can(grants, 'driver', 'L1', action)).toBe(false);
      // a role is per lot
      expect(can(grants, 'owner1', 'L2', action)).toBe(false);
    },
  );

  it('gives operators what running sessions needs', () => {
    expect(OPERATOR_RIGHTS.operator).toEqual(
      expect.arrayContaining(['session.view', 'session.finish', 'session.cancel', 'gate.open']),
    );
  });

  it('refuses with FORBIDDEN and a message', () => {
    expect(checkRight(grants, 'driver', 'L1', 'session.view')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(checkRight(grants, 'op1', 'L1', 'tariff.manage')).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(checkRight(grants, 'op1', 'L2', 'tariff.manage')).toEqual({ ok: true, value: 'owner' });
  });

  it('lists the lots where an action is allowed', () => {
    expect(lotsAllowing(grants, 'op1', 'session.view').sort()).toEqual(['L1', 'L2']);
    expect(lotsAllowing(grants, 'op1', 'revenue.view')).toEqual(['L2']);
  });

  it('lets owners change grants but never remove the last owner', () => {
    const added = checkGrantChange(grants, 'owner1', {
      lotId: 'L1',
      openid: 'op2',
      role: 'operator',
    });
    expect(added.ok && added.value.filter((g) => g.lotId === 'L1')).toHaveLength(3);
    expect(
      checkGrantChange(grants, 'op1', { lotId: 'L1', openid: 'op2', role: 'operator' }),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(
      checkGrantChange(grants, 'owner1', { lotId: 'L1', openid: 'owner1', role: undefined }),
    ).toMatchObject({
      ok: false,
      code: 'LAST_OWNER',
    });
    expect(
      checkGrantChange(grants, 'owner1', { lotId: 'L1', openid: 'owner1', role: 'operator' }),
    ).toMatchObject({
      ok: false,
      code: 'LAST_OWNER',
    });
    const promoted = checkGrantChange(grants, 'owner1', {
      lotId: 'L1',
      openid: 'op1',
      role: 'owner',
    });
    expect(promoted.ok).toBe(true);
    if (promoted.ok) {
      const demoted = checkGrantChange(promoted.value, 'op1', {
        lotId: 'L1',
        openid: 'owner1',
        role: undefined,
      });
      expect(demoted.ok && demoted.value.filter((g) => g.lotId === 'L1')).toEqual([
        { lotId: 'L1', openid: 'op1', role: 'owner' },
      ]);
    }
  });

  it('validates grants', () => {
    expect(
      operatorGrantSchema.safeParse({ lotId: 'L1', openid: 'o1', role: 'admin' }).success,
    ).toBe(false);
    expect(
      operatorGrantSchema.safeParse({ lotId: 'L1', openid: 'x'.repeat(33), role: 'owner' }).success,
    ).toBe(false);
  });
});

describe('creating a lot', () => {
  test('is for someone who owns a lot; an operator or a stranger may not', () => {
    const list: OperatorGrant[] = [
      { lotId: 'L1', openid: 'boss', role: 'owner' },
      { lotId: 'L1', openid: 'staff', role: 'operator' },
    ];
    expect(mayCreateLot(list, 'boss')).toBe(true);
    expect(mayCreateLot(list, 'staff')).toBe(false);
    expect(mayCreateLot(list, 'nobody')).toBe(false);
  });

  test('a grant may carry a display name of at most 20 characters', () => {
    const base = { lotId: 'L1', openid: 'staff', role: 'operator' };
    expect(operatorGrantSchema.safeParse({ ...base, name: '王小明' }).success).toBe(true);
    expect(operatorGrantSchema.safeParse({ ...base, name: '王'.repeat(21) }).success).toBe(false);
  });
});
