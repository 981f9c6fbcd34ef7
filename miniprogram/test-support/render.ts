import * as simulate from 'miniprogram-simulate';
import type { RootComponent } from 'j-component';
import { installGlobals } from './globals';

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

const loaded = new Map<string, { id: string; options: string }>();

/**
 * Registers a component (and what it uses) once per test file. simulate `require`s its code,
 * and jest's module registry does not run a module twice, so a second `simulate.load` of the
 * same path would register nothing: the first id is reused instead.
 */
export function loadComponent(path: string, options: simulate.LoadOptions = {}): string {
  const key = miniprogramPath(path);
  const optionsKey = JSON.stringify(options);
  const known = loaded.get(key);
  if (known) {
    if (known.options !== optionsKey) {
      throw new Error(`${path} is already loaded with other options in this test file`);
    }
    return known.id;
  }
  installGlobals();
  const id = simulate.load(key, { rootPath: MINIPROGRAM_ROOT, ...options });
  loaded.set(key, { id, options: optionsKey });
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
