import { gateFitsLot, gateSchema, newGate } from './gate';
import { GATED_LOT, ROADSIDE_LOT } from './test-fixtures';

describe('gate', () => {
  it('gets its scene from its id', () => {
    const gate = newGate({ id: 'G1', lotId: 'L1', kind: 'exit', name: '东门出口' });
    expect(gate.scene).toBe('g:G1');
    expect(gateSchema.parse(gate)).toEqual(gate);
  });

  it('refuses a scene that is not its own, an unknown kind and a bad id', () => {
    const gate = newGate({ id: 'G1', lotId: 'L1', kind: 'entry', name: '入口' });
    expect(gateSchema.safeParse({ ...gate, scene: 'g:G2' }).success).toBe(false);
    expect(gateSchema.safeParse({ ...gate, kind: 'door' }).success).toBe(false);
    expect(gateSchema.safeParse({ ...gate, id: 'G_1', scene: 'g:G_1' }).success).toBe(false);
    expect(gateSchema.safeParse({ ...gate, name: '  ' }).success).toBe(false);
  });

  it('belongs to a gated lot only', () => {
    const gate = newGate({ id: 'G1', lotId: 'L1', kind: 'paystation', name: '缴费机' });
    expect(gateFitsLot(gate, GATED_LOT)).toBe(true);
    expect(gateFitsLot(gate, { ...GATED_LOT, id: 'L9' })).toBe(false);
    expect(gateFitsLot({ lotId: 'L2' }, ROADSIDE_LOT)).toBe(false);
  });
});
