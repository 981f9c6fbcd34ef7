// Platform notifications (HTTP access path /notify, protocol note 11).
import { createNotifyMain } from '../../server/parking/notify/main';

export const main = createNotifyMain();
