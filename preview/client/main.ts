import type { PreviewConfig, PreviewIdentity } from '../config';
import { mirrorAria } from './aria';
import { mountLanePanel } from './lane-panel';
import { createRequire, type ModuleDef } from './modules';
import { registerBuiltins } from './builtins';
import { Overlays } from './overlays';
import { pageAsComponent } from '../../miniprogram/test-support/page-shim';
import { PageStack } from './page-stack';
import { parseQuery, parseRoute } from './route';
import type { PreviewSources, Simulate } from './simulate-types';
import { bridgeMouseToTouch } from './touch-bridge';
import { forwardVirtualHostClass } from './virtual-host-class';
import { createWx } from './wx-shim';
import { mountNoticeTray } from './notice-tray';
import { keptChoices } from './subscribe-choices';

/**
 * The browser side of the preview: runs the app and its pages through miniprogram-simulate's
 * browser build inside the phone frame of the preview page (preview/shell-page.ts).
 */

type Scope = Record<string, unknown> & {
  simulate: Simulate;
  __FILE_MAP__: Record<string, string>;
  __PREVIEW_SOURCES__: PreviewSources;
  __PREVIEW_CONFIG__: PreviewConfig;
  __PV_MODULES__: Record<string, ModuleDef>;
  wx: Record<string, unknown>;
};

const scope = window as unknown as Scope;
const IDENTITY_KEY = 'preview:identity';

function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`preview page lacks #${id}`);
  return node;
}

function readJson(path: string): Record<string, unknown> | null {
  const text = scope.__FILE_MAP__[path];
  if (!text) return null;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function boot(): void {
  const config = scope.__PREVIEW_CONFIG__;
  mountLanePanel(config.lane?.lots ?? []);
  const sources = scope.__PREVIEW_SOURCES__;
  const appWindow = sources.app.window ?? {};

  const identities = config.identities;
  const identity = (): PreviewIdentity => {
    const key = localStorage.getItem(IDENTITY_KEY);
    return identities.find((i) => i.key === key) ?? identities[0]!;
  };

  const nav = byId('pv-nav');
  const title = byId('pv-title');
  const back = byId('pv-back');
  const viewport = byId('pv-viewport');
  const overlays = new Overlays(byId('pv-overlays'));

  nav.style.background = String(appWindow.navigationBarBackgroundColor ?? '#ffffff');
  nav.classList.toggle('pv-nav--white', appWindow.navigationBarTextStyle === 'white');

  const redrawNav = (s: PageStack) => {
    title.textContent = s.top?.title ?? '';
    back.hidden = s.entries.length <= 1;
    document.title = `${s.top?.title ?? ''} · 小程序预览`;
    // The address names the page on top, so that a reload comes back to it.
    const top = s.top?.route;
    if (top && !top.path.startsWith('component:')) {
      const query = Object.entries(top.query).map(([k, v]) => `&${k}=${v}`);
      history.replaceState(null, '', `?page=${top.path}${query.join('')}`);
    }
  };
  const stack = new PageStack({
    simulate: scope.simulate,
    sources,
    viewport,
    readJson,
    onChange: redrawNav,
  });
  back.addEventListener('click', () => stack.navigateBack(1));

  const appName = String(appWindow.navigationBarTitleText ?? '小程序');
  // 服务通知: the messages sent to whoever holds the phone; a card opens its page.
  const refreshTray = config.openapi
    ? mountNoticeTray({
        openid: identity().openid,
        appName,
        open: (page) => stack.reLaunch(parseRoute(`/${page.replace(/^\//, '')}`)),
      })
    : undefined;

  const query = parseQuery(location.search);
  const firstPage = sources.pages[0] ?? '';
  const pageQuery = Object.fromEntries(
    Object.entries(query).filter(([k]) => !['page', 'component', 'props'].includes(k)),
  );
  const start = query.page ? decodeURIComponent(query.page).replace(/^\//, '') : firstPage;
  // Opened with a scene, as from a scanned mini-program code (scene 1047), else from the list (1001).
  const launch = {
    path: start,
    query: pageQuery,
    scene: pageQuery.scene === undefined ? 1001 : 1047,
  };

  Object.assign(
    scope.wx,
    createWx({
      config,
      stack,
      overlays,
      identity,
      invokeBase: '/preview/invoke',
      onTitle: () => redrawNav(stack),
      launch,
      appName,
      keptChoices: keptChoices(window.localStorage),
      ...(refreshTray && { onSubscribed: refreshTray }),
    }),
  );

  scope.__pvRequire = createRequire(scope.__PV_MODULES__);
  // What the app's scripts expect as globals besides Component (which simulate defines).
  let app: Record<string, unknown> = {};
  scope.Page = (options: Record<string, unknown>) =>
    (scope.Component as (o: Record<string, unknown>) => unknown)(pageAsComponent(options));
  scope.App = (options: Record<string, unknown>) => {
    app = { ...options };
  };
  scope.getApp = () => app;
  // WXS's own globals (j-component runs WXS modules as plain functions).
  scope.getRegExp = (pattern: string, flags?: string) => new RegExp(pattern, flags);
  scope.getDate = (...args: ConstructorParameters<typeof Date>) => new Date(...args);
  scope.getCurrentPages = () => stack.entries.map((e) => e.instance);

  registerBuiltins(scope.simulate, overlays);
  forwardVirtualHostClass(scope.simulate);
  bridgeMouseToTouch(viewport);
  mirrorAria(viewport);

  const requireApp = scope.require as (path: string) => unknown;
  if (scope.__FILE_MAP__['app.js']) {
    requireApp('app');
    for (const hook of ['onLaunch', 'onShow']) {
      const fn = app[hook];
      if (typeof fn === 'function') (fn as (o: unknown) => void).call(app, launch);
    }
  }

  const selected = query.component
    ? `component=${decodeURIComponent(query.component)}`
    : `page=${start}`;
  buildToolbar({ identities, identity, sources, selected });

  if (query.component) {
    const name = decodeURIComponent(query.component);
    const path =
      sources.components.find((c) => c === name) ??
      sources.components.find((c) => c === `components/${name}/index`);
    if (!path) {
      overlays.showToast(`没有组件 ${name}`, 'error', 3000, false);
      return;
    }
    const props = query.props
      ? (JSON.parse(decodeURIComponent(query.props)) as Record<string, unknown>)
      : {};
    const entry = stack.showComponent(path, name, props);
    logComponentEvents(entry.instance, entry.element);
    return;
  }
  try {
    stack.reLaunch({ path: start, query: pageQuery });
  } catch (error) {
    overlays.showToast(`页面不存在：${start}`, 'error', 3000, false);
    console.error(error);
    stack.reLaunch({ path: firstPage, query: {} });
  }
}

/** Under a component demo, the events the component triggers, as a developer wants to see them. */
function logComponentEvents(
  instance: { triggerEvent(name: string, detail?: unknown, o?: unknown): void } | undefined,
  element: HTMLElement,
): void {
  if (!instance) return;
  const log = document.createElement('div');
  log.className = 'pv-event-log';
  log.setAttribute('aria-label', '组件事件');
  element.appendChild(log);
  const original = instance.triggerEvent.bind(instance);
  instance.triggerEvent = (name, detail, options) => {
    const line = document.createElement('div');
    line.className = 'pv-event-log__line';
    line.dataset.event = name;
    line.textContent = `事件 ${name}：${JSON.stringify(detail)}`;
    log.prepend(line);
    while (log.childElementCount > 5) log.lastElementChild?.remove();
    original(name, detail, options);
  };
}

function buildToolbar(input: {
  identities: PreviewIdentity[];
  identity: () => PreviewIdentity;
  sources: PreviewSources;
  selected: string;
}): void {
  const who = byId('pv-identity') as HTMLSelectElement;
  for (const i of input.identities) {
    const option = new Option(i.label, i.key);
    option.title = i.openid;
    who.appendChild(option);
  }
  who.value = input.identity().key;
  const openid = byId('pv-openid');
  openid.textContent = input.identity().openid;
  who.addEventListener('change', () => {
    localStorage.setItem(IDENTITY_KEY, who.value);
    openid.textContent = input.identity().openid;
    // Another WeChat user: the app starts afresh, with that user's storage.
    location.reload();
  });

  const pages = byId('pv-pages') as HTMLSelectElement;
  for (const p of input.sources.pages) pages.appendChild(new Option(p, `page=${p}`));
  for (const c of input.sources.components) {
    const name = c.replace(/^components\//, '').replace(/\/index$/, '');
    pages.appendChild(new Option(`组件：${name}`, `component=${name}`));
  }
  pages.value = input.selected;
  pages.addEventListener('change', () => {
    location.search = `?${pages.value}`;
  });
}

boot();
