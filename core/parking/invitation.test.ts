import {
  type Invitation,
  checkNotMember,
  checkUsable,
  codeOfScene,
  invitationCodeSchema,
  invitationScene,
  newInvitationCode,
  normalizeInvitationCode,
  shownState,
} from './invitation';

const bytes =
  (...values: number[]) =>
  () =>
    Uint8Array.from(values);

const OPEN: Invitation = {
  code: 'K7M2P9Q4RS',
  lotId: 'lot-a',
  role: 'operator',
  createdBy: 'oOWNER',
  createdAt: 1000,
  expiresAt: 1000 + 3600,
  state: 'open',
};

describe('invitation codes', () => {
  test('are 10 Crockford characters from 50 random bits, different for different bits', () => {
    const a = newInvitationCode(bytes(0, 0, 0, 0, 0, 0, 0));
    const b = newInvitationCode(bytes(255, 255, 255, 255, 255, 255, 255));
    const c = newInvitationCode(bytes(1, 2, 3, 4, 5, 6, 7));
    expect(a).toBe('0000000000');
    expect(b).toBe('ZZZZZZZZZZ');
    for (const code of [a, b, c]) expect(invitationCodeSchema.safeParse(code).success).toBe(true);
    expect(new Set([a, b, c]).size).toBe(3);
  });

  test('typed loosely read back; the scene fits WeChat 32 characters', () => {
    expect(normalizeInvitationCode(' k7m2-p9q4 rs ')).toBe('K7M2P9Q4RS');
    expect(normalizeInvitationCode('ABCDEFGHOL')).toBe('ABCDEFGH01');
    expect(invitationScene('K7M2P9Q4RS')).toBe('i:K7M2P9Q4RS');
    expect(invitationScene('K7M2P9Q4RS').length).toBeLessThanOrEqual(32);
    expect(codeOfScene('i:k7m2p9q4rs')).toBe('K7M2P9Q4RS');
    expect(codeOfScene('g:gate-1')).toBeUndefined();
    expect(codeOfScene('i:short')).toBeUndefined();
  });
});

describe('accepting', () => {
  test('an open invitation inside its time may be accepted', () => {
    expect(checkUsable(OPEN, 1000 + 3599)).toEqual({ ok: true, value: OPEN });
  });

  test.each([
    [{ state: 'used' as const }, 1500, 'INVITATION_USED'],
    [{ state: 'revoked' as const }, 1500, 'INVITATION_REVOKED'],
    [{}, 1000 + 3600, 'INVITATION_EXPIRED'],
  ])('refuses %o at %d with %s', (change, now, code) => {
    expect(checkUsable({ ...OPEN, ...change }, now)).toMatchObject({ ok: false, code });
  });

  test('an open invitation past its time shows as expired', () => {
    expect(shownState(OPEN, 1000)).toBe('open');
    expect(shownState(OPEN, 5000)).toBe('expired');
    expect(shownState({ ...OPEN, state: 'used' }, 5000)).toBe('used');
  });

  test('someone who already runs the lot is refused, saying their role', () => {
    expect(checkNotMember(undefined).ok).toBe(true);
    expect(checkNotMember('owner')).toMatchObject({ code: 'ALREADY_OPERATOR' });
    expect(checkNotMember('owner')).toMatchObject({ message: expect.stringMatching(/所有者/) });
    expect(checkNotMember('operator')).toMatchObject({ message: expect.stringMatching(/操作员/) });
  });
});
