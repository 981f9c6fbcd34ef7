import { codeFrom, inviteCodeOfScene, normalizeCode } from './invitation-code';

describe('invitation codes', () => {
  test('reads a typed code loosely: case, spaces, dashes, O for 0 and I/L for 1', () => {
    expect(normalizeCode(' k7m2-p9q4 rs ')).toBe('K7M2P9Q4RS');
    expect(codeFrom('k7m2p9q4rs')).toBe('K7M2P9Q4RS');
    expect(codeFrom('ABCDEFGHOI')).toBe('ABCDEFGH01');
  });

  test('reads a scene and a printed URL', () => {
    expect(codeFrom('i:K7M2P9Q4RS')).toBe('K7M2P9Q4RS');
    expect(codeFrom('i%3AK7M2P9Q4RS')).toBe('K7M2P9Q4RS');
    expect(codeFrom('https://parking.test/p?scene=i%3AK7M2P9Q4RS')).toBe('K7M2P9Q4RS');
  });

  test('refuses what is not a code', () => {
    for (const text of [
      '',
      'abc',
      'K7M2P9Q4R',
      'K7M2P9Q4RSX',
      'g:gate-1',
      'K7M2P9Q4R!',
      '%E0%A4%A',
    ]) {
      expect(codeFrom(text)).toBeUndefined();
    }
  });
});

describe('invitation scenes', () => {
  test('only an i: scene is an invitation', () => {
    expect(inviteCodeOfScene('i:K7M2P9Q4RS')).toBe('K7M2P9Q4RS');
    expect(inviteCodeOfScene('https://parking.test/p?scene=i%3AK7M2P9Q4RS')).toBe('K7M2P9Q4RS');
    expect(inviteCodeOfScene('K7M2P9Q4RS')).toBeUndefined();
    expect(inviteCodeOfScene('g:gate-mall-in')).toBeUndefined();
  });
});
