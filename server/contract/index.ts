import type { driverContract } from './driver';
import type { arrearsContract, merchantContract } from './merchant';
import type { inviteeContract, operatorContract } from './operator';
import type { passContract } from './passes';
import type { SpecInput, SpecOutput } from './route-spec';

/**
 * The contract of the `api` function: every route's input schema and output type, defined here
 * once. The server's route tables are checked against it (`RoutesFor`, server/parking/api and
 * server/operator); the mini-program imports it with `import type` only (callApi is keyed by
 * route name), so none of its runtime reaches the mini-program bundle. This folder may import
 * zod, core/ and itself only: anything else would drag Node's types into the mini-program's tsc.
 */
export type ApiContract = typeof driverContract &
  typeof operatorContract &
  typeof inviteeContract &
  typeof merchantContract &
  typeof arrearsContract &
  typeof passContract;

export type RouteName = keyof ApiContract;
/** What a caller sends (before the schema's defaults and transforms). */
export type RouteInput<R extends RouteName> = SpecInput<ApiContract[R]>;
/** `data` of `{ ok: true, data }`. */
export type RouteOutput<R extends RouteName> = SpecOutput<ApiContract[R]>;

export type * from './driver-views';
export type * from './operator-views';
export type * from './merchant-views';
export type * from './pass-views';
export type { PlateChoice } from './driver';
