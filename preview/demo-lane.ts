import { DEMO_MERCHANT } from '../sandbox';
import { demoCameras } from '../server/seed/demo-cameras';
import { DEMO_GATE_SECRET, demoData } from '../server/seed/demo-data';
import type { LaneLotWithSecret } from './lane';

/** The seeded gated lots, with their controllers' secret, for the lane (车道) panel. */
export function demoLaneLots(): LaneLotWithSecret[] {
  const data = demoData(DEMO_MERCHANT.cusid);
  const secrets = new Map(data.lotSecrets.map((s) => [s.id, s.secret]));
  const cameras = new Map(
    demoCameras(data).map((c) => [c.doc.gateId, { token: c.token, serialno: c.doc.serialno }]),
  );
  return data.lots
    .filter((lot) => lot.kind === 'gated')
    .map((lot) => ({
      id: lot.id,
      name: lot.name,
      secret: secrets.get(lot.id) ?? DEMO_GATE_SECRET,
      gates: data.gates
        .filter((g) => g.lotId === lot.id)
        .map((g) => {
          const camera = cameras.get(g.id);
          return { id: g.id, name: g.name, kind: g.kind, ...(camera && { cameraPush: camera }) };
        }),
    }));
}
