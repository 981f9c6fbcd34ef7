import type { TransportConfig } from './services/transport';
import type { SubscribeKind } from './services/subscribe';

/**
 * Build-time settings of the mini-program. In WeChat the `api` function is reached through
 * wx.cloud. To point WeChat DevTools at `npm start` instead, set `kind: 'http'`, `functionsUrl`
 * (e.g. http://127.0.0.1:8811, with "不校验合法域名" ticked) and a `devOpenid`.
 * `subscribeTemplates`: the subscribe-message template ids chosen in the WeChat console, the same
 * as the functions' PARKING_SUBSCRIBE_TEMPLATES (empty: the driver is not asked). The browser
 * preview of the local stack builds with its demo ids.
 */
export const APP_CONFIG: {
  transport: TransportConfig;
  subscribeTemplates: Record<SubscribeKind, string>;
} = {
  transport: { kind: 'cloud' },
  subscribeTemplates: {
    passReceipt: '',
    passExpiring: '',
    parkingReceipt: '',
    paymentFailed: '',
    bookingReleasing: '',
  },
};
