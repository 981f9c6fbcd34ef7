import type { TransportConfig } from './services/transport';

/**
 * Build-time settings of the mini-program. In WeChat the `api` function is reached through
 * wx.cloud. To point WeChat DevTools at `npm start` instead, set `kind: 'http'`, `functionsUrl`
 * (e.g. http://127.0.0.1:8811, with "不校验合法域名" ticked) and a `devOpenid`.
 */
export const APP_CONFIG: { transport: TransportConfig } = {
  transport: { kind: 'cloud' },
};
