/**
 * The module system the mini-program's scripts run in (see preview/module-graph.ts): CommonJS,
 * each module once and shared, like WeChat's. `fresh` runs a module again without caching it:
 * simulate needs a page or component file to call Page/Component at each registration.
 */

export interface ModuleDef {
  code: string;
  deps: Record<string, string>;
}

type Factory = (
  require: (spec: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
) => void;

export function createRequire(defs: Record<string, ModuleDef>) {
  const cache = new Map<string, { exports: unknown }>();
  const factories = new Map<string, Factory>();

  const factoryOf = (key: string): Factory => {
    let factory = factories.get(key);
    if (!factory) {
      const def = defs[key];
      if (!def) throw new Error(`module not found: ${key}`);
      factory = new Function(
        'require',
        'module',
        'exports',
        `${def.code}\n//# sourceURL=miniprogram:///${key.replace(/^(\.\.\/)+/, '')}`,
      ) as Factory;
      factories.set(key, factory);
    }
    return factory;
  };

  const load = (key: string, fresh = false): unknown => {
    const cached = cache.get(key);
    if (cached && !fresh) return cached.exports;
    const module = { exports: {} as unknown };
    if (!fresh) cache.set(key, module);
    const deps = defs[key]?.deps ?? {};
    const require = (spec: string) => {
      const target = deps[spec];
      if (target === undefined) throw new Error(`module not found: "${spec}" from ${key}`);
      return load(target);
    };
    factoryOf(key)(require, module, module.exports);
    return module.exports;
  };
  return load;
}
