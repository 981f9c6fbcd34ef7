import { DEMO_MERCHANT } from '../../sandbox';
import { demoData } from './demo-data';
import { demoScanChoices } from '../../preview/demo-scan-choices';
import { demoLaneLots } from '../../preview/demo-lane';

// The demo seed has a lot paid at the exit (no entry prepay), with an entry and an exit gate that
// the preview's scanner and lane panel offer. Its stay played end to end: preview/lane.test.ts.

const data = demoData(DEMO_MERCHANT.cusid);

it('seeds a gated lot paid at the exit, with its tariff, gates, secret and owner', () => {
  const lot = data.lots.find((l) => l.id === 'lot-office');
  expect(lot).toMatchObject({ kind: 'gated', entryPrepay: false, name: '科技园写字楼停车场' });
  expect(data.tariffs.map((t) => t.id)).toContain(lot!.tariffId);
  expect(data.gates.filter((g) => g.lotId === 'lot-office').map((g) => [g.id, g.kind])).toEqual([
    ['gate-office-in', 'entry'],
    ['gate-office-out', 'exit'],
  ]);
  expect(data.lotSecrets.map((s) => s.id)).toContain('lot-office');
  expect(data.operators.map((o) => o.lotId)).toContain('lot-office');
  // The mall keeps its entry prepay: both ways can be played.
  expect(data.lots.find((l) => l.id === 'lot-mall')?.entryPrepay).toBe(true);
  expect(new Set(data.lots.map((l) => l.parkingNo)).size).toBe(data.lots.length);
});

it('offers the new gates to the scanner and the lane panel', () => {
  const labels = demoScanChoices().map((c) => c.label);
  expect(labels).toContain('科技园写字楼停车场 · 东门入口');
  expect(labels).toContain('科技园写字楼停车场 · 东门出口');
  expect(demoLaneLots().map((l) => l.id)).toEqual(['lot-mall', 'lot-office']);
});
