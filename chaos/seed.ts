import { gateSchema, lotSchema, newGate, newSpot, spotSchema, tariffSchema } from '../core/parking';
import { type DemoCamera, demoCameras } from '../server/seed/demo-cameras';
import type { DemoData } from '../server/seed/demo-data';
import { DEMO_GATE_SECRET } from '../server/seed/demo-data';

/**
 * The lots the chaos run drives, beside the demo ones: a gated lot paid at the exit, a gated lot
 * with entry prepay, and a roadside lot with one spot per booking journey. The tariff has no free
 * minutes, so every stay owes a fee at once and every freeze is finished, not just returned.
 */
export const CHAOS_LOTS = {
  exitPay: 'lot-chaos-exit',
  prepay: 'lot-chaos-prepay',
  road: 'lot-chaos-road',
  camera: 'lot-chaos-camera',
} as const;

/** Lanes (an entry and an exit gate, a plate camera on each) of the camera lot. */
export const CAMERA_LANES = 8;
export const cameraGateOf = (kind: 'in' | 'out', lane: number) => `gate-chaos-cam-${kind}-${lane}`;

export const CHAOS_GATES = {
  exitPayIn: 'gate-chaos-exit-in',
  exitPayOut: 'gate-chaos-exit-out',
  prepayIn: 'gate-chaos-prepay-in',
  prepayOut: 'gate-chaos-prepay-out',
} as const;

export function spotIdOf(n: number): string {
  return `spot-chaos-${n}`;
}

export function chaosData(cusid: string, spots: number): DemoData {
  const tariff = tariffSchema.parse({
    id: 'tariff-chaos',
    name: '压力测试标准',
    freeMinutes: 0,
    unitMinutes: 30,
    periods: [{ name: '全天', start: '00:00', pricePerUnit: 300 }],
    capPer24h: 4000,
    bookingFee: 200,
    bookingHoldMinutes: 15,
    noShow: { kind: 'booking_fee' },
  });
  const base = {
    pro: '44',
    cusid,
    prepay: { freezeAmount: 5000, freezeSeconds: 24 * 3600 },
    noPlateProvince: '粤',
    tariffId: tariff.id,
  };
  const lots = [
    lotSchema.parse({
      ...base,
      id: CHAOS_LOTS.exitPay,
      parkingNo: 'CHAOSEXIT1',
      name: '压测出口缴费场',
      kind: 'gated',
      entryPrepay: false,
      road: 9,
    }),
    lotSchema.parse({
      ...base,
      id: CHAOS_LOTS.prepay,
      parkingNo: 'CHAOSPRE1',
      name: '压测入场预付场',
      kind: 'gated',
      entryPrepay: true,
      road: 9,
    }),
    lotSchema.parse({
      ...base,
      id: CHAOS_LOTS.camera,
      parkingNo: 'CHAOSCAM1',
      name: '压测摄像机车道场',
      kind: 'gated',
      entryPrepay: false,
      road: 9,
    }),
    lotSchema.parse({
      ...base,
      id: CHAOS_LOTS.road,
      parkingNo: 'CHAOSROAD1',
      name: '压测路侧泊位',
      kind: 'roadside',
      road: 1,
    }),
  ];
  const gates = [
    newGate({ id: CHAOS_GATES.exitPayIn, lotId: CHAOS_LOTS.exitPay, kind: 'entry', name: '入口' }),
    newGate({ id: CHAOS_GATES.exitPayOut, lotId: CHAOS_LOTS.exitPay, kind: 'exit', name: '出口' }),
    newGate({ id: CHAOS_GATES.prepayIn, lotId: CHAOS_LOTS.prepay, kind: 'entry', name: '入口' }),
    newGate({ id: CHAOS_GATES.prepayOut, lotId: CHAOS_LOTS.prepay, kind: 'exit', name: '出口' }),
    ...cameraGates(),
  ].map((g) => gateSchema.parse(g));
  const spotList = Array.from({ length: spots }, (_, i) =>
    spotSchema.parse(
      newSpot({
        id: spotIdOf(i),
        lotId: CHAOS_LOTS.road,
        code: `C-${String(i).padStart(4, '0')}`,
        name: `压测泊位 ${i}`,
      }),
    ),
  );
  return {
    tariffs: [tariff],
    lots,
    gates,
    spots: spotList,
    operators: [],
    lotSecrets: lots.map((lot) => ({ id: lot.id, secret: DEMO_GATE_SECRET })),
  };
}

function cameraGates() {
  return Array.from({ length: CAMERA_LANES }, (_, lane) => [
    newGate({
      id: cameraGateOf('in', lane),
      lotId: CHAOS_LOTS.camera,
      kind: 'entry',
      name: `入口${lane}`,
    }),
    newGate({
      id: cameraGateOf('out', lane),
      lotId: CHAOS_LOTS.camera,
      kind: 'exit',
      name: `出口${lane}`,
    }),
  ]).flat();
}

/** A plate camera on every gate of the camera lot (the demo's fixed token scheme). */
export function chaosCameras(): DemoCamera[] {
  return demoCameras({ gates: cameraGates().map((g) => gateSchema.parse(g)) });
}
