/** Shared inputs of this folder's tests (not exported from index.ts). */
import { type Lot, lotSchema } from './lot';
import { type Tariff, tariffSchema } from './tariff';

/** 2025-01-01 10:00:00 China time. */
export const T0 = Date.UTC(2025, 0, 1, 2, 0, 0) / 1000;
export const MIN = 60;
export const HOUR = 3600;
export const DAY = 86_400;

/** Day 08:00–20:00 ¥5/h, night ¥2/h, 15 free minutes, capped at ¥30 per 24 h. */
export const TARIFF: Tariff = tariffSchema.parse({
  id: 'T1',
  name: '标准收费',
  freeMinutes: 15,
  unitMinutes: 60,
  periods: [
    { name: '白天', start: '08:00', pricePerUnit: 500 },
    { name: '夜间', start: '20:00', pricePerUnit: 200 },
  ],
  capPer24h: 3000,
  bookingFee: 200,
  bookingHoldMinutes: 15,
  noShow: { kind: 'booking_fee' },
});

export const GATED_LOT: Lot = lotSchema.parse({
  id: 'L1',
  parkingNo: 'SZ-0001',
  name: '科技园停车场',
  pro: '44',
  kind: 'gated',
  cusid: '990440153996000',
  split: [{ cusid: '990440153996001', share: { kind: 'percent', basisPoints: 1000 } }],
  entryPrepay: true,
  prepay: { freezeAmount: 5000, freezeSeconds: DAY },
  road: 9,
  noPlateProvince: '粤',
  graceSeconds: 900,
  staleSeconds: 7 * DAY,
  tariffId: 'T1',
});

export const ROADSIDE_LOT: Lot = lotSchema.parse({
  ...GATED_LOT,
  id: 'L2',
  parkingNo: 'SZ-ROAD-1',
  name: '深南大道路边泊位',
  kind: 'roadside',
  entryPrepay: false,
  road: 1,
});
