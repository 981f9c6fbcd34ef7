// The mini-program's one entry (wx.cloud.callFunction({ name: 'api', data: { route, data } })).
import { operatorRoutes } from '../../server/operator';
import { driverRoutes } from '../../server/parking/api/driver-routes';
import { createApiMain } from '../../server/parking/api/main';

export const main = createApiMain([driverRoutes, operatorRoutes]);
