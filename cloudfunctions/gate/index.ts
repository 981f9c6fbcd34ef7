// Lot controllers: entries, exits, may-leave (HTTP access path /gate, HMAC per lot).
import { createGateMain } from '../../server/parking/gate/main';

export const main = createGateMain();
