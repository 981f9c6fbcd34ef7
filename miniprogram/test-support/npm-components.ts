// Lets miniprogram-simulate load components of npm packages (TDesign) the way WeChat DevTools
// does after "build npm" (where a component lives: scripts/npm-component-resolve.ts, shared with
// the build and the preview). Their templates use `<wxs src>`, which j-component rejects, so it
// is inlined with the preview's own code.

import { resolveNpmComponent as resolveComponent } from '../../scripts/npm-component-resolve';

// No node typings in the mini-program's type-check: the few node APIs used here, declared.
declare const require: (id: string) => unknown;
interface NodePath {
  join(...parts: string[]): string;
  dirname(file: string): string;
  relative(from: string, to: string): string;
}
interface NodeFs {
  readFileSync(file: string, encoding: 'utf8'): string;
  existsSync(file: string): boolean;
}
type ReadSource = (file: string) => string | undefined;
interface WxsInline {
  inlineWxs(wxml: string, wxmlPath: string, read: ReadSource): string;
}
interface SimulateUtils {
  readJson(file: string): unknown;
}
interface SimulateCompile {
  getWxml(componentPath: string, config: unknown): unknown;
}

const path = require('path') as NodePath;
const fs = require('fs') as NodeFs;
const { inlineWxs } = require('../../preview/wxs-inline') as WxsInline;

const NODE_MODULES = '/node_modules/';

/** `value` of usingComponents in `jsonFile`, as a path simulate can load, when it names a package. */
export function resolveNpmComponent(
  value: string,
  jsonFile: string,
  nodeModules: string,
): string | undefined {
  const resolved = resolveComponent(value, {
    manifestOf: (pkg) => {
      const manifest = path.join(nodeModules, pkg, 'package.json');
      return fs.existsSync(manifest) ? manifest : undefined;
    },
    readText: (file) => fs.readFileSync(file, 'utf8'),
    exists: (file) => fs.existsSync(file),
  });
  if (!resolved.ok) return undefined;
  const { dist, unit } = resolved.component;
  return path.relative(path.dirname(jsonFile), path.join(dist, unit));
}

let installed = false;

/** Hooks simulate's file reading (once); `nodeModules` is the project's node_modules folder. */
export function installNpmComponents(
  utils: SimulateUtils,
  compile: SimulateCompile,
  nodeModules: string,
): void {
  if (installed) return;
  installed = true;
  const readJson = utils.readJson.bind(utils);
  utils.readJson = (file: string) => {
    const json = readJson(file) as { usingComponents?: Record<string, string> } | null;
    for (const [tag, value] of Object.entries(json?.usingComponents ?? {})) {
      const resolved = resolveNpmComponent(value, file, nodeModules);
      if (resolved !== undefined) json!.usingComponents![tag] = resolved;
    }
    return json;
  };
  const getWxml = compile.getWxml.bind(compile);
  const read: ReadSource = (file) => {
    const abs = `/${file}`;
    return fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
  };
  // The official compiler reads templates under the mini-program root only; a package's
  // template is given as text instead (j-component compiles it), its wxs inlined.
  compile.getWxml = (componentPath: string, config: unknown) => {
    if (!componentPath.includes(NODE_MODULES)) return getWxml(componentPath, config);
    const wxmlFile = `${componentPath}.wxml`;
    return inlineWxs(fs.readFileSync(wxmlFile, 'utf8'), wxmlFile.replace(/^\/+/, ''), read);
  };
}
