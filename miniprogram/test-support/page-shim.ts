// miniprogram-simulate renders components only. A page is rendered as a component built from its
// `Page({...})` options, so that a real page file loads unchanged (toolchain notes). The page
// tests and the browser preview (preview/client/main.ts) both use this adapter; it needs no wx
// typings so that the preview's bundle can take it.

/** The options object a page passes to `Page`. */
export type PageOptions = Record<string, unknown> & {
  data?: Record<string, unknown>;
  /** Component options (multipleSlots, styleIsolation...). */
  options?: Record<string, unknown>;
  behaviors?: string[];
};

// Keys of Page options that Component takes as they are.
const PASSED_THROUGH = ['data', 'options', 'behaviors'];

/**
 * The Component options for a page: functions (handlers and page lifecycles such as `onLoad`)
 * become methods, other fields are copied onto each instance, as `Page` does.
 */
export function pageAsComponent(page: PageOptions): Record<string, unknown> {
  const methods: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(page)) {
    if (PASSED_THROUGH.includes(key)) continue;
    if (typeof value === 'function') methods[key] = value;
    else fields[key] = value;
  }
  return {
    data: page.data ?? {},
    options: page.options,
    behaviors: page.behaviors,
    methods,
    lifetimes: {
      created(this: Record<string, unknown>) {
        Object.assign(this, fields);
      },
    },
  };
}

type Constructor = (options: Record<string, unknown>) => unknown;

/** Defines the global `Page`, calling whatever `Component` simulate defines at that moment. */
export function installPageShim(scope: Record<string, unknown>): void {
  scope.Page = (page: PageOptions) => (scope.Component as Constructor)(pageAsComponent(page));
}
