import path from 'node:path';

/**
 * j-component runs inline `<wxs module="m">…</wxs>` only; `<wxs src="…" module="m"/>` (how
 * TDesign and most libraries use WXS) would be empty. This inlines the file and the .wxs files it
 * requires, with a small module table, so both forms work in the preview.
 */

const WXS_SRC_TAG = /<wxs\b([^>]*?)\bsrc\s*=\s*(["'])([^"']+)\2([^>]*?)(?:\/>|>\s*<\/wxs\s*>)/g;
const MODULE_ATTR = /\bmodule\s*=\s*(["'])([^"']+)\1/;
const REQUIRE_CALL = /\brequire\(\s*(["'])([^"']+)\1\s*\)/g;
// In WXS `x.constructor` is the type's name ('Array', 'Object'...), which TDesign tests for.
const CONSTRUCTOR_READ = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\.constructor\b/g;

// WXS built-ins j-component lacks, run as plain JavaScript.
const WXS_BUILTINS = [
  'function getRegExp(source, flags) { return new RegExp(source, flags); }',
  'function getDate() { return new (Function.prototype.bind.apply(Date, [null].concat([].slice.call(arguments))))(); }',
  'function __wxsConstructor(v) {',
  '  if (v === null || v === undefined) return v.constructor;',
  '  return Object.prototype.toString.call(v).slice(8, -1);',
  '}',
];

/** Reads a file of the mini-program by its posix path from the root; undefined if absent. */
export type ReadSource = (file: string) => string | undefined;

function resolveFrom(fromFile: string, target: string): string {
  const joined = target.startsWith('/')
    ? target.slice(1)
    : path.posix.join(path.posix.dirname(fromFile), target);
  return path.posix.normalize(joined).replace(/^\/+/, '');
}

/** The self-contained script of one .wxs module and what it requires. */
export function wxsBundle(entry: string, read: ReadSource): string {
  const defs = new Map<string, string>();
  const visit = (file: string) => {
    if (defs.has(file)) return;
    const source = read(file);
    if (source === undefined) throw new Error(`wxs not found: ${file}`);
    defs.set(file, '');
    const body = source
      .replace(REQUIRE_CALL, (_all, _q, target: string) => {
        const resolved = resolveFrom(file, target);
        visit(resolved);
        return `__wxsRequire(${JSON.stringify(resolved)})`;
      })
      .replace(CONSTRUCTOR_READ, '__wxsConstructor($1)');
    defs.set(file, body);
  };
  visit(entry);
  const table = [...defs]
    .map(([file, body]) => `${JSON.stringify(file)}: function (module, exports) {\n${body}\n}`)
    .join(',\n');
  return [
    ...WXS_BUILTINS,
    `var __wxsDefs = {\n${table}\n};`,
    'var __wxsDone = {};',
    'function __wxsRequire(k) {',
    '  if (!__wxsDone[k]) { var m = { exports: {} }; __wxsDone[k] = m; __wxsDefs[k](m, m.exports); }',
    '  return __wxsDone[k].exports;',
    '}',
    `module.exports = __wxsRequire(${JSON.stringify(entry)});`,
  ].join('\n');
}

/** `wxml` (at `wxmlPath`) with every `<wxs src>` replaced by its inline module. */
export function inlineWxs(wxml: string, wxmlPath: string, read: ReadSource): string {
  return wxml.replace(WXS_SRC_TAG, (all, before: string, _q, src: string, after: string) => {
    const moduleName = MODULE_ATTR.exec(`${before} ${after}`)?.[2];
    if (!moduleName) return all;
    const code = wxsBundle(resolveFrom(wxmlPath, src), read);
    return `<wxs module="${moduleName}">\n${code}\n</wxs>`;
  });
}
