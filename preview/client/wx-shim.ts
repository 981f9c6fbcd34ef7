import type { PreviewConfig, PreviewIdentity } from '../config';
import { asyncApi } from './async-api';
import type { Overlays, SubscribeAnswers } from './overlays';
import type { KeptChoices } from './subscribe-choices';
import type { PageStack } from './page-stack';
import { createImageFiles } from './image-files';
import { parseRoute } from './route';

/**
 * The `wx` APIs the app uses, as the preview provides them. They are laid over simulate's own
 * mocks, so an API not listed here still exists (and does nothing).
 */

export interface ShimDeps {
  config: PreviewConfig;
  stack: PageStack;
  overlays: Overlays;
  identity(): PreviewIdentity;
  /** Where the preview server forwards cloud function calls (POST <base>/<name>). */
  invokeBase: string;
  /** Called when a page sets its title. */
  onTitle(): void;
  /** How the app was opened: the first page, its query and WeChat's scene value. */
  launch: { path: string; query: Record<string, string>; scene: number };
  /** The mini-program's name, as WeChat's own sheets show it. */
  appName: string;
  /** Told when the user answered a subscribe request (the tray reads again). */
  onSubscribed?(): void;
  /** The subscribe choices the user chose to keep (总是保持以上选择). */
  keptChoices: KeptChoices;
}

/** wx.requestSubscribeMessage's failures, with WeChat's errCodes. */
const subscribeFail = (errCode: number, message: string) => ({
  errCode,
  errMsg: `requestSubscribeMessage:fail ${message}`,
});

// The phone the frame shows: 375 × 667 CSS px (iPhone 8 class), status bar 20, navigation bar 44.
const SCREEN = { width: 375, height: 667, statusBar: 20, navigationBar: 44 };

function systemInfo() {
  const windowHeight = SCREEN.height - SCREEN.statusBar - SCREEN.navigationBar;
  return {
    brand: 'devtools',
    model: 'Browser preview',
    pixelRatio: 2,
    screenWidth: SCREEN.width,
    screenHeight: SCREEN.height,
    windowWidth: SCREEN.width,
    windowHeight,
    statusBarHeight: SCREEN.statusBar,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'Preview',
    platform: 'devtools',
    SDKVersion: '3.4.0',
    safeArea: {
      left: 0,
      right: SCREEN.width,
      top: SCREEN.statusBar,
      bottom: SCREEN.height,
      width: SCREEN.width,
      height: SCREEN.height - SCREEN.statusBar,
    },
    theme: 'light',
  };
}

type NavArgs = { url: string };

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

export function createWx(deps: ShimDeps): Record<string, unknown> {
  const storageKey = (key: string) => `wx-storage:${deps.identity().openid}:${key}`;
  const storagePrefix = () => storageKey('');
  const storageKeys = () =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith(storagePrefix()))
      .map((k) => k.slice(storagePrefix().length));

  const getStorageSync = (key: string): unknown => {
    const raw = localStorage.getItem(storageKey(key));
    // WeChat answers '' for a key never set.
    return raw === null ? '' : (JSON.parse(raw) as unknown);
  };
  const setStorageSync = (key: string, data: unknown) => {
    localStorage.setItem(storageKey(key), JSON.stringify(data === undefined ? null : data));
  };
  const removeStorageSync = (key: string) => localStorage.removeItem(storageKey(key));
  const clearStorageSync = () => storageKeys().forEach(removeStorageSync);

  const fromPath = () => deps.stack.top?.route.path ?? '';
  const navigation = {
    navigateTo: asyncApi('navigateTo', async (a: NavArgs) => {
      deps.stack.navigateTo(parseRoute(a.url, fromPath()));
      return {};
    }),
    redirectTo: asyncApi('redirectTo', async (a: NavArgs) => {
      deps.stack.redirectTo(parseRoute(a.url, fromPath()));
      return {};
    }),
    reLaunch: asyncApi('reLaunch', async (a: NavArgs) => {
      deps.stack.reLaunch(parseRoute(a.url, fromPath()));
      return {};
    }),
    // No tabBar in the preview's frame: switching tab starts afresh on that page.
    switchTab: asyncApi('switchTab', async (a: NavArgs) => {
      deps.stack.reLaunch(parseRoute(a.url, fromPath()));
      return {};
    }),
    navigateBack: asyncApi('navigateBack', async (a: { delta?: number }) => {
      if (deps.stack.entries.length <= 1) throw new Error('cannot navigate back at first page.');
      deps.stack.navigateBack(a.delta ?? 1);
      return {};
    }),
  };

  const cloud = {
    init: () => undefined,
    callFunction: asyncApi(
      'cloud.callFunction',
      async (a: { name: string; data?: Record<string, unknown> }) => {
        let response: Response;
        try {
          response = await fetch(`${deps.invokeBase}/${encodeURIComponent(a.name)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ data: a.data ?? {}, openid: deps.identity().openid }),
          });
        } catch (error) {
          throw { errCode: -1, errMsg: `cloud.callFunction:fail ${String(error)}` };
        }
        const body = (await response.json().catch(() => ({}))) as {
          result?: unknown;
          errCode?: number;
          errMsg?: string;
        };
        if (!response.ok) {
          throw {
            errCode: body.errCode ?? -1,
            errMsg: `cloud.callFunction:fail ${body.errMsg ?? `HTTP ${response.status}`}`,
          };
        }
        return { result: body.result, requestID: response.headers.get('x-request-id') ?? '' };
      },
    ),
  };

  const sandboxOrigin = new URL(deps.config.sandboxUrl).origin;

  return {
    ...navigation,
    cloud,
    // QR codes' 查看大图 and 保存到相册 (operator area).
    ...createImageFiles(() => document.getElementById('pv-overlays')),

    getStorageSync,
    setStorageSync,
    removeStorageSync,
    clearStorageSync,
    getStorageInfoSync: () => ({ keys: storageKeys(), currentSize: 0, limitSize: 10240 }),
    getStorage: asyncApi('getStorage', async (a: { key: string }) => {
      if (localStorage.getItem(storageKey(a.key)) === null) throw new Error('data not found');
      return { data: getStorageSync(a.key) };
    }),
    setStorage: asyncApi('setStorage', async (a: { key: string; data: unknown }) => {
      setStorageSync(a.key, a.data);
      return {};
    }),
    removeStorage: asyncApi('removeStorage', async (a: { key: string }) => {
      removeStorageSync(a.key);
      return {};
    }),
    clearStorage: asyncApi('clearStorage', async () => {
      clearStorageSync();
      return {};
    }),

    showToast: asyncApi(
      'showToast',
      async (a: { title?: string; icon?: string; duration?: number; mask?: boolean }) => {
        deps.overlays.showToast(a.title ?? '', a.icon ?? 'success', a.duration ?? 1500, !!a.mask);
        return {};
      },
    ),
    hideToast: asyncApi('hideToast', async () => {
      deps.overlays.hideToast();
      return {};
    }),
    showLoading: asyncApi('showLoading', async (a: { title?: string; mask?: boolean }) => {
      deps.overlays.showToast(a.title ?? '', 'loading', 0, !!a.mask, true);
      return {};
    }),
    hideLoading: asyncApi('hideLoading', async () => {
      deps.overlays.hideToast();
      return {};
    }),
    showModal: asyncApi('showModal', (a: Parameters<Overlays['showModal']>[0]) =>
      deps.overlays.showModal(a),
    ),
    showActionSheet: asyncApi('showActionSheet', async (a: { itemList: string[] }) => {
      const tapIndex = await deps.overlays.showActionSheet(a.itemList);
      if (tapIndex < 0) throw { errMsg: 'showActionSheet:fail cancel' };
      return { tapIndex };
    }),

    setNavigationBarTitle: asyncApi('setNavigationBarTitle', async (a: { title: string }) => {
      const top = deps.stack.top;
      if (top) top.title = a.title;
      deps.onTitle();
      return {};
    }),

    getLaunchOptionsSync: () => ({ ...deps.launch, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ ...deps.launch, referrerInfo: {} }),
    getSystemInfoSync: systemInfo,
    getWindowInfo: systemInfo,
    getDeviceInfo: systemInfo,
    getAppBaseInfo: systemInfo,
    getSystemInfo: asyncApi('getSystemInfo', async () => systemInfo()),

    scanCode: asyncApi('scanCode', async () => {
      const answer = await deps.overlays.scan(deps.config.scanChoices);
      if (answer.kind === 'cancel') throw { errMsg: 'scanCode:fail cancel' };
      const isUrl = /^https?:\/\//.test(answer.text);
      // A mini-program code comes back as WX_CODE with the page path and its scene.
      return isUrl
        ? { result: answer.text, scanType: 'QR_CODE', charSet: 'utf-8', path: '' }
        : {
            result: '',
            scanType: 'WX_CODE',
            charSet: 'utf-8',
            path: `${deps.stack.entries[0]?.route.path ?? ''}?scene=${encodeURIComponent(answer.text)}`,
            scene: answer.text,
          };
    }),

    requestPayment: asyncApi(
      'requestPayment',
      async (a: {
        timeStamp: string;
        nonceStr: string;
        package: string;
        signType?: string;
        paySign: string;
      }) => {
        // The cashier checks these as WeChat checks wx.requestPayment's arguments (protocol note 13).
        const query = new URLSearchParams({
          package: a.package,
          timeStamp: a.timeStamp,
          nonceStr: a.nonceStr,
          signType: a.signType ?? 'MD5',
          paySign: a.paySign,
        });
        const url = `${deps.config.sandboxUrl.replace(/\/+$/, '')}/_sandbox/cashier?${query}`;
        const outcome = await deps.overlays.cashier(url, sandboxOrigin);
        if (outcome.result !== 'paid') throw { errMsg: 'requestPayment:fail cancel' };
        return {};
      },
    ),

    // The sheet of the templates asked for; the answers go to the emulator (via the preview
    // server), which lets one message of each accepted template through, as WeChat does.
    requestSubscribeMessage: asyncApi(
      'requestSubscribeMessage',
      async (a: { tmplIds?: string[] }) => {
        const ids = [...new Set(a.tmplIds ?? [])];
        if (ids.length === 0) throw subscribeFail(10001, 'TmplIds can not be empty');
        if (ids.length > 3) throw subscribeFail(20003, 'Templates count out of max bounds');
        if (!deps.config.openapi) throw subscribeFail(20001, 'No template data return');
        const reply = await fetch('/preview/openapi/templates').catch(() => undefined);
        const { templates = [] } = reply?.ok
          ? ((await reply.json()) as { templates?: Array<{ id: string; title: string }> })
          : {};
        const asked = ids.map((id) => templates.find((t) => t.id === id));
        if (asked.some((t) => !t)) {
          throw subscribeFail(20001, 'No template data return, verify the template id exist');
        }
        const { openid } = deps.identity();
        const { kept, ask } = deps.keptChoices.split(openid, ids);
        let answers: SubscribeAnswers = kept;
        if (ask.length > 0) {
          const sheet = await deps.overlays.askSubscribe(
            deps.appName,
            asked.filter((t) => ask.includes(t!.id)) as Array<{ id: string; title: string }>,
          );
          if (sheet.keep) deps.keptChoices.keep(openid, sheet.answers);
          answers = { ...kept, ...sheet.answers };
        }
        const told = await fetch('/preview/openapi/subscriptions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid, results: answers }),
        }).catch(() => undefined);
        if (!told?.ok) throw subscribeFail(-1, 'the emulator did not take the answer');
        deps.onSubscribed?.();
        return answers;
      },
    ),

    setClipboardData: asyncApi('setClipboardData', async (a: { data: string }) => {
      await navigator.clipboard?.writeText(a.data).catch(() => undefined);
      deps.overlays.showToast('内容已复制', 'success', 1500, false);
      return {};
    }),

    request: asyncApi(
      'request',
      async (a: {
        url: string;
        method?: string;
        data?: unknown;
        header?: Record<string, string>;
      }) => {
        const method = (a.method ?? 'GET').toUpperCase();
        const init: RequestInit = { method, headers: { ...a.header } };
        let url = a.url;
        if (a.data !== undefined && method === 'GET' && typeof a.data === 'object') {
          const q = new URLSearchParams(a.data as Record<string, string>).toString();
          if (q) url += (url.includes('?') ? '&' : '?') + q;
        } else if (a.data !== undefined) {
          init.body = typeof a.data === 'string' ? a.data : JSON.stringify(a.data);
          init.headers = { 'content-type': 'application/json', ...a.header };
        }
        const response = await fetch(url, init);
        const text = await response.text();
        let data: unknown = text;
        try {
          data = JSON.parse(text);
        } catch {
          // not JSON: the text as it is
        }
        return {
          data,
          statusCode: response.status,
          header: headersOf(response.headers),
        };
      },
    ),
  };
}
