import { merchantPageOf, merchantSceneOf } from './merchant-scene';

describe('merchant scenes', () => {
  it('reads invitations and discount codes, bare, encoded or in a printed URL', () => {
    expect(merchantSceneOf('m:K7M2P9Q4RS')).toEqual({ kind: 'join', code: 'K7M2P9Q4RS' });
    expect(merchantSceneOf('d%3Ak7m2p9q4rs')).toEqual({ kind: 'discount', code: 'd:K7M2P9Q4RS' });
    expect(merchantSceneOf('https://x.test/p?scene=c%3AK7M2P9Q4RS')).toEqual({
      kind: 'discount',
      code: 'c:K7M2P9Q4RS',
    });
    expect(merchantPageOf({ kind: 'discount', code: 'd:K7M2P9Q4RS' })).toBe(
      '/merchant/redeem/index?code=d%3AK7M2P9Q4RS',
    );
  });

  it('leaves other scenes alone', () => {
    for (const s of ['g:G1', 'i:K7M2P9Q4RS', 'd:short', 's:S12', '']) {
      expect(merchantSceneOf(s)).toBeUndefined();
    }
  });
});
