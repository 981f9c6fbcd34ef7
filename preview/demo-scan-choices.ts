import { DEMO_MERCHANT } from '../sandbox';
import { demoData } from '../server/seed/demo-data';
import type { ScanChoice } from './config';

/** The seeded gates and spots, offered by the preview's scanner. */
export function demoScanChoices(): ScanChoice[] {
  const data = demoData(DEMO_MERCHANT.cusid);
  const lotName = new Map(data.lots.map((l) => [l.id, l.name]));
  return [
    ...data.gates.map((g) => ({ label: `${lotName.get(g.lotId)} · ${g.name}`, scene: g.scene })),
    ...data.spots.map((s) => ({ label: `${lotName.get(s.lotId)} · ${s.name}`, scene: s.scene })),
  ];
}
