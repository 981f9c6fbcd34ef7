import {
  type Gate,
  type Lot,
  type OperatorGrant,
  type Spot,
  type Tariff,
  gateSchema,
  lotSchema,
  newGate,
  newSpot,
  operatorGrantSchema,
  spotSchema,
  tariffSchema,
} from '../../../core/parking';
import type { DocumentEngine } from '../../../emulator';
import { DEMO_MERCHANT } from '../../../sandbox';
import { COLLECTIONS } from '../../../server/store/collections';

/**
 * Lots, gates, spots, tariffs, operators and gate secrets for the backend tests, parsed with the
 * core/parking schemas and written straight into the database emulator's engine.
 */
const HOUR = 3600;

/** ¥5 per hour all day, 15 free minutes, capped at ¥40 per 24 h; booking fee ¥2, 15 min hold. */
export const TARIFF: Tariff = tariffSchema.parse({
  id: 'tariff-std',
  name: '测试标准',
  freeMinutes: 15,
  unitMinutes: 60,
  periods: [{ name: '全天', start: '00:00', pricePerUnit: 500 }],
  capPer24h: 4000,
  bookingFee: 200,
  bookingHoldMinutes: 15,
  noShow: { kind: 'booking_fee' },
});

const lotBase = {
  pro: '44',
  cusid: DEMO_MERCHANT.cusid,
  prepay: { freezeAmount: 5000, freezeSeconds: 24 * HOUR },
  noPlateProvince: '粤',
  graceSeconds: 900,
  staleSeconds: 7 * 24 * HOUR,
  settleBeforeEndSeconds: 600,
  tariffId: TARIFF.id,
};

export const LOTS = {
  /** Gated, pay at the exit. */
  payAtExit: lotSchema.parse({
    ...lotBase,
    id: 'lot-exit',
    parkingNo: 'TEXIT001',
    name: '出口缴费停车场',
    kind: 'gated',
    entryPrepay: false,
    road: 9,
    split: [{ cusid: '990440153996001', share: { kind: 'percent', basisPoints: 1000 } }],
  }),
  /** Gated with entry prepay, road 9. */
  prepay: lotSchema.parse({
    ...lotBase,
    id: 'lot-prepay',
    parkingNo: 'TPREPAY01',
    name: '入场预付停车场',
    kind: 'gated',
    entryPrepay: true,
    road: 9,
  }),
  /** Gated with a small entry prepay: a long stay owes more than the freeze. */
  smallPrepay: lotSchema.parse({
    ...lotBase,
    id: 'lot-small',
    parkingNo: 'TSMALL01',
    name: '小额预付停车场',
    kind: 'gated',
    entryPrepay: true,
    road: 9,
    prepay: { freezeAmount: 1000, freezeSeconds: 24 * HOUR },
  }),
  /** Roadside, road 1 (the platform completes a freeze left open at endTime). */
  road1: lotSchema.parse({
    ...lotBase,
    id: 'lot-road1',
    parkingNo: 'TROAD1',
    name: '路侧泊位一',
    kind: 'roadside',
    road: 1,
    prepay: { freezeAmount: 3000, freezeSeconds: 2 * HOUR },
  }),
  /** Roadside, road 9 (the platform returns a freeze left open at endTime). */
  road9: lotSchema.parse({
    ...lotBase,
    id: 'lot-road9',
    parkingNo: 'TROAD9',
    name: '路侧泊位九',
    kind: 'roadside',
    road: 9,
    prepay: { freezeAmount: 3000, freezeSeconds: 2 * HOUR },
  }),
} satisfies Record<string, Lot>;

export const GATES = {
  exitIn: gateSchema.parse(
    newGate({ id: 'g-exit-in', lotId: 'lot-exit', kind: 'entry', name: '入口' }),
  ),
  exitOut: gateSchema.parse(
    newGate({ id: 'g-exit-out', lotId: 'lot-exit', kind: 'exit', name: '出口' }),
  ),
  prepayIn: gateSchema.parse(
    newGate({ id: 'g-prepay-in', lotId: 'lot-prepay', kind: 'entry', name: '入口' }),
  ),
  prepayOut: gateSchema.parse(
    newGate({ id: 'g-prepay-out', lotId: 'lot-prepay', kind: 'exit', name: '出口' }),
  ),
  smallIn: gateSchema.parse(
    newGate({ id: 'g-small-in', lotId: 'lot-small', kind: 'entry', name: '入口' }),
  ),
} satisfies Record<string, Gate>;

export const SPOTS: Spot[] = ['lot-road1', 'lot-road9'].flatMap((lotId) =>
  [1, 2, 3, 4, 5, 6].map((n) =>
    spotSchema.parse(
      newSpot({ id: `${lotId}-s${n}`, lotId, code: `A-00${n}`, name: `A-00${n} 泊位` }),
    ),
  ),
);

export const OPERATOR_OPENID = 'o-operator-000000000000000001';
export const OPERATORS: OperatorGrant[] = Object.values(LOTS).map((lot) =>
  operatorGrantSchema.parse({ lotId: lot.id, openid: OPERATOR_OPENID, role: 'owner' }),
);

export const GATE_SECRET = 'test-gate-secret-0123456789';

export function seed(engine: Pick<DocumentEngine, 'applyBatch'>): void {
  const put = (collection: string, id: string, doc: object) => ({
    collection,
    id,
    doc: { ...doc, _id: id },
  });
  engine.applyBatch([
    put(COLLECTIONS.tariffs, TARIFF.id, TARIFF),
    ...Object.values(LOTS).map((l) => put(COLLECTIONS.lots, l.id, l)),
    ...Object.values(GATES).map((g) => put(COLLECTIONS.gates, g.id, g)),
    ...SPOTS.map((s) => put(COLLECTIONS.spots, s.id, s)),
    ...OPERATORS.map((o) => put(COLLECTIONS.operators, `${o.lotId}:${o.openid}`, o)),
    ...Object.values(LOTS).map((l) => put(COLLECTIONS.lotSecrets, l.id, { secret: GATE_SECRET })),
  ]);
}
