import {
  gateSchema,
  lotSchema,
  newGate,
  newSpot,
  operatorGrantSchema,
  spotSchema,
  tariffSchema,
} from '../core/parking';
import { type DemoCamera, demoCameras } from '../server/seed/demo-cameras';
import type { DemoData } from '../server/seed/demo-data';
import { DEMO_GATE_SECRET, DEMO_OWNER_OPENID } from '../server/seed/demo-data';

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
  /** Roadside, road 9, settled 5 min after the booking: a car gone unseen owes arrears. */
  arrears: 'lot-chaos-arrears',
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

/** The arrears lot's two spots of journey n: the stay left owing, and the next booking. */
export function arrearsSpotOf(n: number, which: 0 | 1): string {
  return `spot-chaos-arr-${n}-${which}`;
}

/** Pass plans (30 days) sold at the exit-pay lot and the camera lot. */
export const CHAOS_PLANS = {
  exitPay: { id: 'plan-chaos-exit', lotId: CHAOS_LOTS.exitPay, price: 9000 },
  camera: { id: 'plan-chaos-cam', lotId: CHAOS_LOTS.camera, price: 12000 },
} as const;
export const PASS_DAYS = 30;

/** Balance merchants of the exit-pay and prepay lots, each with one clerk. */
export const CHAOS_MERCHANTS = {
  exitPay: { id: 'm-chaos-exit', lotId: CHAOS_LOTS.exitPay, clerk: 'o-chaos-clerk-exit-0000001' },
  prepay: { id: 'm-chaos-pre', lotId: CHAOS_LOTS.prepay, clerk: 'o-chaos-clerk-pre-00000001' },
} as const;
/** Each merchant's top-up: far above what 1,000 journeys' discounts cost. */
export const MERCHANT_TOPUP = 10_000_000;
export const CHAOS_OFFERS = [
  { id: 'min60', label: '免 1 小时', discount: { kind: 'free_minutes', minutes: 60 } },
  { id: 'off5', label: '减 5 元', discount: { kind: 'amount_off', amount: 500 } },
  { id: 'pct50', label: '5 折', discount: { kind: 'percent_off', percent: 50 }, cap: 10_000 },
  { id: 'all', label: '全免', discount: { kind: 'whole_stay' }, cap: 10_000 },
] as const;
export const CHAOS_OWNER = DEMO_OWNER_OPENID;

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
      id: CHAOS_LOTS.arrears,
      parkingNo: 'CHAOSARR1',
      name: '压测欠费路侧泊位',
      kind: 'roadside',
      road: 9,
      prepay: { freezeAmount: 5000, freezeSeconds: 3600 },
      settleBeforeEndSeconds: 3300,
    }),
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
  const arrearsSpots = Array.from({ length: spots }, (_, n) =>
    ([0, 1] as const).map((which) =>
      spotSchema.parse(
        newSpot({
          id: arrearsSpotOf(n, which),
          lotId: CHAOS_LOTS.arrears,
          code: `A-${n}-${which}`,
          name: `欠费泊位 ${n}-${which}`,
        }),
      ),
    ),
  ).flat();
  return {
    tariffs: [tariff],
    lots,
    gates,
    spots: [...spotList, ...arrearsSpots],
    // The owner of every chaos lot sets up plans and merchants through the operator routes.
    operators: lots.map((lot) =>
      operatorGrantSchema.parse({ lotId: lot.id, openid: CHAOS_OWNER, role: 'owner' }),
    ),
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

/** A plan's record as `op.passPlans.upsert` takes it. */
export function chaosPlan(plan: (typeof CHAOS_PLANS)[keyof typeof CHAOS_PLANS]) {
  return {
    ...plan,
    name: '压测30天卡',
    period: { kind: 'days', days: PASS_DAYS },
    spaces: 1,
    maxPlates: 1,
    graceDays: 0,
    online: true,
  };
}

/** A merchant's record as `op.merchants.upsert` takes it. */
export function chaosMerchant(m: (typeof CHAOS_MERCHANTS)[keyof typeof CHAOS_MERCHANTS]) {
  return {
    id: m.id,
    lotId: m.lotId,
    name: '压测商户',
    billing: 'balance',
    offers: CHAOS_OFFERS,
    limits: { perDay: 0, perPlatePerDay: 0, staticQrPerDay: 0 },
    active: true,
  };
}
