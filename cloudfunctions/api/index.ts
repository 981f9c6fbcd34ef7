// The mini-program's one entry (wx.cloud.callFunction({ name: 'api', data: { route, data } })).
import { driverRoutes } from '../../server/parking/api/driver-routes';
import { createApiMain } from '../../server/parking/api/main';

// Operator routes are another table merged here: createApiMain([driverRoutes, operatorRoutes]).
export const main = createApiMain([driverRoutes]);
