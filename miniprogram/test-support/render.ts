import * as simulate from 'miniprogram-simulate';
import type { RootComponent } from 'j-component';
import { installGlobals } from './globals';
import { installNpmComponents } from './npm-components';

// Rendering components and pages of this mini-program by their path from its root,
// as `usingComponents` and app.json name them: '/components/plate-keyboard/index'.

// No node typings in the mini-program's type-check: this module's own __dirname and document.
declare const __dirname: string;
const { document } = globalThis as unknown as {
  document: { createElement(tag: string): unknown };
};

/** The mini-program root (miniprogramRoot of project.config.json), on disk. */
export const MINIPROGRAM_ROOT = __dirname.replace(/[\\/]test-support$/, '');

export function miniprogramPath(path: string): string {
  return `${MINIPROGRAM_ROOT}/${path.replace(/^\/+/, '')}`;
}

type AnyRoot = RootComponent<
  WechatMiniprogram.Component.DataOption,
  WechatMiniprogram.Component.PropertyOption,
  WechatMiniprogram.Component.MethodOption
>;

// jest's module registry runs a module once per test file, but simulate registers a component
// by `require`-ing its code. A component already required (e.g. as another one's child) would then
// register nothing: each load runs in an isolated registry instead.
declare const jest: { isolateModules(fn: () => void): void };

const loaded = new Map<string, string>();

// simulate's own modules, whose file reading npm-components.ts hooks.
declare const require: (id: string) => unknown;
type Hooked = Parameters<typeof installNpmComponents>;

function installNpm(): void {
  installNpmComponents(
    require('miniprogram-simulate/src/utils') as Hooked[0],
    require('miniprogram-simulate/src/compile') as Hooked[1],
    `${MINIPROGRAM_ROOT.replace(/[\\/]miniprogram$/, '')}/node_modules`,
  );
}

/** Registers a component and what it uses; the id is reused for the same path and options. */
export function loadComponent(path: string, options: simulate.LoadOptions = {}): string {
  const file = miniprogramPath(path);
  const key = `${file} ${JSON.stringify(options)}`;
  const known = loaded.get(key);
  if (known !== undefined) return known;
  installGlobals();
  installNpm();
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(file, { rootPath: MINIPROGRAM_ROOT, ...options });
  });
  loaded.set(key, id);
  return id;
}

/** Renders a component with the given properties and attaches it, so lifetimes run. */
export function renderComponent(
  path: string,
  properties: Record<string, unknown> = {},
  options: simulate.LoadOptions = {},
): AnyRoot {
  const component = simulate.render(loadComponent(path, options), properties) as AnyRoot;
  component.attach(document.createElement('test-root') as Parameters<AnyRoot['attach']>[0]);
  return component;
}

interface PageHooks {
  onLoad?(query: Record<string, string>): void;
  onShow?(): void;
  onReady?(): void;
}

/** Renders a page file (`Page({...})`, through the shim) and runs onLoad(query), onShow, onReady. */
export function renderPage(path: string, query: Record<string, string> = {}): AnyRoot {
  installGlobals();
  const page = renderComponent(path);
  const hooks = page.instance as unknown as PageHooks;
  hooks.onLoad?.(query);
  hooks.onShow?.();
  hooks.onReady?.();
  return page;
}
