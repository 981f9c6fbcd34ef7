// What the `api` function serves: the driver's shell and the operator's, each registered by its
// own module (server/parking does not know the operator routes); merchants, arrears and passes
// (issues 13, 14) likewise.
import { arrearsShell } from '../../server/arrears/routes';
import { merchantShell } from '../../server/merchant';
import { operatorShell } from '../../server/operator';
import { driverShell } from '../../server/parking/api/driver-routes';
import { passShell } from '../../server/passes/routes';

export const API_SHELLS = [
  driverShell,
  operatorShell,
  merchantShell,
  arrearsShell,
  passShell,
] as const;

/** Every route of the function, by name (createApiMain refuses a name defined twice). */
export const API_ROUTES = {
  ...driverShell.routes,
  ...operatorShell.routes,
  ...merchantShell.routes,
  ...arrearsShell.routes,
  ...passShell.routes,
};
export type ApiRouteName = keyof typeof API_ROUTES;
