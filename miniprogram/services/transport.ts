/**
 * How the mini-program reaches its cloud functions. Chosen once at start:
 * - `cloud`: wx.cloud.callFunction, in WeChat and in the browser preview (whose wx shim forwards it
 *   to the local function host);
 * - `http`: wx.request to a local function host (`POST <functionsUrl>/invoke/<name>`), for WeChat
 *   DevTools pointed at `npm start`; the openid is then a development setting.
 * Pages never call a transport: they call services, which call `callFunction`.
 */
export type Transport = (name: string, data: unknown) => Promise<unknown>;

export interface TransportConfig {
  kind: 'cloud' | 'http';
  /** http only: e.g. http://127.0.0.1:8811 */
  functionsUrl?: string;
  /** http only: who the local host should take the caller for. */
  devOpenid?: string;
  /** cloud only: the CloudBase environment id (default: the current one). */
  env?: string;
}

export function cloudTransport(): Transport {
  return async (name, data) => {
    const res = await wx.cloud.callFunction({ name, data: data as WechatMiniprogram.IAnyObject });
    return res.result;
  };
}

export function httpTransport(functionsUrl: string, devOpenid: () => string): Transport {
  return (name, data) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${functionsUrl.replace(/\/$/, '')}/invoke/${name}`,
        method: 'POST',
        header: { 'content-type': 'application/json' },
        data: { data, openid: devOpenid() },
        success: (res) => {
          const body = res.data as { result?: unknown; errMsg?: string };
          if (res.statusCode === 200 && body && 'result' in body) resolve(body.result);
          else reject(new Error(body?.errMsg ?? `HTTP ${res.statusCode}`));
        },
        fail: (err) => reject(new Error(err.errMsg)),
      });
    });
}

let current: Transport | undefined;

/** Called once by app.ts (or a test) before any service call. */
export function setTransport(transport: Transport): void {
  current = transport;
}

export function createTransport(config: TransportConfig): Transport {
  if (config.kind === 'http') {
    if (!config.functionsUrl) throw new Error('http transport needs functionsUrl');
    const openid = config.devOpenid ?? '';
    return httpTransport(config.functionsUrl, () => openid);
  }
  if (!wx.cloud) throw new Error('wx.cloud is not available: enable cloud development (云开发)');
  wx.cloud.init({ env: config.env, traceUser: true });
  return cloudTransport();
}

export function getTransport(): Transport {
  if (!current) throw new Error('transport not set: app.ts must call setTransport first');
  return current;
}
