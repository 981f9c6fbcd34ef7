import type { Route } from './route';
import { tagNameFor } from './route';
import type { PreviewSources, RenderedComponent, Simulate } from './simulate-types';

/** One page on the stack, with the DOM that holds it. */
export interface PageEntry {
  route: Route;
  title: string;
  /** The page instance (`this` of the page's methods); undefined when it failed to load. */
  instance: RenderedComponent['instance'] | undefined;
  rendered: RenderedComponent | undefined;
  element: HTMLElement;
}

type Lifecycle =
  'onLoad' | 'onShow' | 'onReady' | 'onHide' | 'onUnload' | 'onPageScroll' | 'onReachBottom';

export interface PageStackOptions {
  simulate: Simulate;
  sources: PreviewSources;
  /** The 375 × 603 area under the navigation bar. */
  viewport: HTMLElement;
  readJson(path: string): Record<string, unknown> | null;
  /** Called after every change, to redraw the navigation bar. */
  onChange(stack: PageStack): void;
}

/** WeChat keeps at most ten pages on the stack. */
const MAX_DEPTH = 10;

/** The page stack of navigateTo / redirectTo / navigateBack / reLaunch. */
export class PageStack {
  readonly entries: PageEntry[] = [];
  private readonly loaded = new Map<string, string>();

  constructor(private readonly options: PageStackOptions) {}

  get top(): PageEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  isPage(path: string): boolean {
    return this.options.sources.pages.includes(path);
  }

  navigateTo(route: Route): void {
    if (this.entries.length >= MAX_DEPTH) throw new Error('webview count limit exceed');
    this.requirePage(route.path);
    const below = this.top;
    if (below) {
      call(below, 'onHide');
      below.element.hidden = true;
    }
    this.open(route);
  }

  redirectTo(route: Route): void {
    this.requirePage(route.path);
    const top = this.entries.pop();
    if (top) this.close(top);
    this.open(route);
  }

  navigateBack(delta = 1): void {
    const count = Math.min(Math.max(1, delta), this.entries.length - 1);
    if (count <= 0) return;
    for (let i = 0; i < count; i++) this.close(this.entries.pop()!);
    const top = this.top!;
    top.element.hidden = false;
    call(top, 'onShow');
    this.options.onChange(this);
  }

  reLaunch(route: Route): void {
    this.requirePage(route.path);
    while (this.entries.length) this.close(this.entries.pop()!);
    this.open(route);
  }

  /** A custom component alone on a page, for `?component=...` demos. */
  showComponent(path: string, name: string, properties: Record<string, unknown>): PageEntry {
    while (this.entries.length) this.close(this.entries.pop()!);
    const entry = this.frame({ path: `component:${name}`, query: {} }, `组件预览 · ${name}`);
    try {
      const id = this.options.simulate.load(path, name, { compiler: 'simulate', rootPath: '' });
      const rendered = this.options.simulate.render(id, properties);
      rendered.attach(entry.element.querySelector('page')!);
      entry.rendered = rendered;
      entry.instance = rendered.instance;
    } catch (error) {
      showError(entry.element, path, error);
    }
    this.entries.push(entry);
    this.options.onChange(this);
    return entry;
  }

  private requirePage(path: string): void {
    if (!this.isPage(path)) throw new Error(`page "${path}" is not found`);
  }

  private frame(route: Route, title: string): PageEntry {
    const element = document.createElement('div');
    element.className = 'pv-page';
    element.dataset.route = route.path;
    const scroller = document.createElement('div');
    scroller.className = 'pv-page__scroll';
    scroller.appendChild(document.createElement('page'));
    element.appendChild(scroller);
    this.options.viewport.appendChild(element);
    const entry: PageEntry = { route, title, instance: undefined, rendered: undefined, element };
    watchScroll(entry, scroller);
    return entry;
  }

  private titleOf(path: string): string {
    const own = this.options.readJson(`${path}.json`) ?? {};
    const app = this.options.sources.app.window ?? {};
    return String(own.navigationBarTitleText ?? app.navigationBarTitleText ?? '');
  }

  private open(route: Route): void {
    const entry = this.frame(route, this.titleOf(route.path));
    this.entries.push(entry);
    const buildError = this.options.sources.errors[route.path];
    if (buildError) {
      showError(entry.element, route.path, new Error(buildError));
      this.options.onChange(this);
      return;
    }
    try {
      let id = this.loaded.get(route.path);
      if (!id) {
        id = this.options.simulate.load(route.path, tagNameFor(route.path), {
          compiler: 'simulate',
          rootPath: '',
        });
        this.loaded.set(route.path, id);
      }
      const rendered = this.options.simulate.render(id);
      const instance = rendered.instance;
      instance.route = route.path;
      instance.options = { ...route.query };
      entry.rendered = rendered;
      entry.instance = instance;
      rendered.attach(entry.element.querySelector('page')!);
      this.options.onChange(this);
      call(entry, 'onLoad', { ...route.query });
      call(entry, 'onShow');
      call(entry, 'onReady');
    } catch (error) {
      showError(entry.element, route.path, error);
      this.options.onChange(this);
    }
  }

  private close(entry: PageEntry): void {
    call(entry, 'onUnload');
    entry.rendered?.detach();
    entry.element.remove();
  }
}

function call(entry: PageEntry, name: Lifecycle, ...args: unknown[]): void {
  const method = entry.instance?.[name];
  if (typeof method !== 'function') return;
  try {
    const result = (method as (...a: unknown[]) => unknown).apply(entry.instance, args);
    if (result instanceof Promise) result.catch((e: unknown) => console.error(e));
  } catch (error) {
    console.error(`${entry.route.path} ${name}:`, error);
  }
}

// WeChat's default onReachBottomDistance, 50 px, in the page's 750-px layout.
const REACH_BOTTOM_DISTANCE = 100;

/** onPageScroll and onReachBottom (once each time the bottom is reached, as WeChat does). */
function watchScroll(entry: PageEntry, scroller: HTMLElement): void {
  let atBottom = false;
  scroller.addEventListener('scroll', () => {
    // The layout is twice the screen's CSS px (zoom 0.5): pages get screen px, as on a phone.
    call(entry, 'onPageScroll', { scrollTop: Math.round(scroller.scrollTop / 2) });
    const distance = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    const reached = distance <= REACH_BOTTOM_DISTANCE;
    if (reached && !atBottom) call(entry, 'onReachBottom');
    atBottom = reached;
  });
}

function showError(element: HTMLElement, path: string, error: unknown): void {
  console.error(error);
  const box = document.createElement('pre');
  box.className = 'pv-error';
  box.textContent = `页面加载失败：${path}\n${error instanceof Error ? error.message : String(error)}`;
  element.querySelector('page')!.appendChild(box);
}
