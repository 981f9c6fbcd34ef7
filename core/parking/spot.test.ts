import { newSpot, spotFitsLot, spotSchema } from './spot';
import { GATED_LOT, ROADSIDE_LOT } from './test-fixtures';

describe('spot', () => {
  it('gets its scene from its id', () => {
    const spot = newSpot({ id: 'S12', lotId: 'L2', code: 'A-012', name: '深南大道 12 号泊位' });
    expect(spot.scene).toBe('s:S12');
    expect(spotSchema.parse(spot)).toEqual(spot);
  });

  it('refuses a foreign scene and a bad code', () => {
    const spot = newSpot({ id: 'S12', lotId: 'L2', code: 'A-012', name: '泊位' });
    expect(spotSchema.safeParse({ ...spot, scene: 'g:S12' }).success).toBe(false);
    expect(spotSchema.safeParse({ ...spot, code: 'A 012' }).success).toBe(false);
    expect(spotSchema.safeParse({ ...spot, code: 'A'.repeat(17) }).success).toBe(false);
  });

  it('belongs to a roadside lot only', () => {
    expect(spotFitsLot({ lotId: 'L2' }, ROADSIDE_LOT)).toBe(true);
    expect(spotFitsLot({ lotId: 'L1' }, GATED_LOT)).toBe(false);
    expect(spotFitsLot({ lotId: 'L1' }, ROADSIDE_LOT)).toBe(false);
  });
});
