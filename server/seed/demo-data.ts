import {
  gateSchema,
  lotSchema,
  newGate,
  newSpot,
  operatorGrantSchema,
  spotSchema,
  tariffSchema,
  type Gate,
  type Lot,
  type OperatorGrant,
  type Spot,
  type Tariff,
} from '../../core/parking';

/**
 * What `npm start` puts in an empty database: a demo owner, a gated lot with entry prepay (entry,
 * exit and pay station), a gated lot that is paid at the exit, a roadside lot with spots, and their
 * tariffs. Parsed with the domain's own schemas so
 * the seed can never drift from what the functions accept.
 */
export const DEMO_OWNER_OPENID = 'oDEMO-owner-0000000000000000';
export const DEMO_DRIVER_OPENID = 'oDEMO-driver-000000000000000';
/** The preview's third person (preview/config.ts), who becomes merchant staff once invited. */
export const DEMO_MERCHANT_STAFF_OPENID = 'oDEMO-merchant-0000000000000';
/** Secret the demo lot controllers use for the gate endpoint's HMAC (local only). */
export const DEMO_GATE_SECRET = 'demo-gate-secret-change-me';

export interface DemoData {
  tariffs: Tariff[];
  lots: Lot[];
  gates: Gate[];
  spots: Spot[];
  operators: OperatorGrant[];
  lotSecrets: Array<{ id: string; secret: string }>;
}

export function demoData(cusid: string): DemoData {
  const tariffs = [
    tariffSchema.parse({
      id: 'tariff-mall',
      name: '商场停车场标准',
      freeMinutes: 15,
      unitMinutes: 60,
      periods: [
        { name: '白天', start: '08:00', pricePerUnit: 500 },
        { name: '夜间', start: '20:00', pricePerUnit: 200 },
      ],
      capPer24h: 5000,
    }),
    tariffSchema.parse({
      id: 'tariff-office',
      name: '写字楼停车场标准',
      freeMinutes: 15,
      unitMinutes: 60,
      periods: [{ name: '计时', start: '00:00', pricePerUnit: 600 }],
      capPer24h: 6000,
    }),
    tariffSchema.parse({
      id: 'tariff-road',
      name: '路侧泊位标准',
      freeMinutes: 0,
      unitMinutes: 30,
      periods: [
        { name: '白天', start: '07:00', pricePerUnit: 300 },
        { name: '夜间', start: '21:00', pricePerUnit: 100 },
      ],
      capPer24h: 4000,
      bookingFee: 200,
      bookingHoldMinutes: 15,
      noShow: { kind: 'booking_fee' },
    }),
  ];
  const lots = [
    lotSchema.parse({
      id: 'lot-mall',
      parkingNo: 'SZMALL001',
      name: '深圳湾商场停车场',
      pro: '44',
      kind: 'gated',
      cusid,
      entryPrepay: true,
      prepay: { freezeAmount: 5000, freezeSeconds: 24 * 3600 },
      road: 9,
      noPlateProvince: '粤',
      tariffId: 'tariff-mall',
    }),
    // Pay at exit: no prepay at the entry, the camera opens the session and the driver pays when
    // leaving (scan of the exit gate or a pay station).
    lotSchema.parse({
      id: 'lot-office',
      parkingNo: 'SZOFFICE001',
      name: '科技园写字楼停车场',
      pro: '44',
      kind: 'gated',
      cusid,
      entryPrepay: false,
      prepay: { freezeAmount: 6000, freezeSeconds: 24 * 3600 },
      road: 9,
      noPlateProvince: '粤',
      tariffId: 'tariff-office',
    }),
    lotSchema.parse({
      id: 'lot-road',
      parkingNo: 'SZROAD001',
      name: '科苑路路侧泊位',
      pro: '44',
      kind: 'roadside',
      cusid,
      prepay: { freezeAmount: 3000, freezeSeconds: 12 * 3600 },
      road: 1,
      noPlateProvince: '粤',
      tariffId: 'tariff-road',
    }),
  ];
  const gates = [
    newGate({ id: 'gate-mall-in', lotId: 'lot-mall', kind: 'entry', name: '北门入口' }),
    newGate({ id: 'gate-mall-out', lotId: 'lot-mall', kind: 'exit', name: '北门出口' }),
    newGate({ id: 'gate-mall-pay', lotId: 'lot-mall', kind: 'paystation', name: 'B1 缴费机' }),
    newGate({ id: 'gate-office-in', lotId: 'lot-office', kind: 'entry', name: '东门入口' }),
    newGate({ id: 'gate-office-out', lotId: 'lot-office', kind: 'exit', name: '东门出口' }),
  ].map((g) => gateSchema.parse(g));
  const spots = ['A-001', 'A-002', 'A-003', 'A-004'].map((code, i) =>
    spotSchema.parse(
      newSpot({ id: `spot-road-${i + 1}`, lotId: 'lot-road', code, name: `科苑路 ${code} 泊位` }),
    ),
  );
  const operators = lots.map((lot) =>
    operatorGrantSchema.parse({ lotId: lot.id, openid: DEMO_OWNER_OPENID, role: 'owner' }),
  );
  const lotSecrets = lots.map((lot) => ({ id: lot.id, secret: DEMO_GATE_SECRET }));
  return { tariffs, lots, gates, spots, operators, lotSecrets };
}
