// simulate renders components only: a page is rendered as a component built from its `Page({...})`
// options. Functions (handlers and lifecycles such as onLoad) become methods that the page stack
// calls; other fields are copied onto the instance, as `Page` does.

const PASSED_THROUGH = ['data', 'options', 'behaviors'];

export function pageAsComponent(page: Record<string, unknown>): Record<string, unknown> {
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
