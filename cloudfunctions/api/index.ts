// The mini-program's one entry (wx.cloud.callFunction({ name: 'api', data: { route, data } })).
import { createApiMain } from '../../server/parking/api/main';
import { API_SHELLS } from './shells';

export const main = createApiMain(API_SHELLS);
