// Which files of miniprogram/ never go into the upload package: tests, typings, the test kits and
// what project.config.json packOptions.ignore names.
import fs from 'node:fs';
import path from 'node:path';
import { readJson } from './files';

/** Never uploaded, whatever project.config.json says. */
const ALWAYS_LEFT_OUT = ['test-support/', 'pages/testing/', 'admin/testing/'];
const LEFT_OUT_FILES = new Set(['tsconfig.json']);

export interface IgnoreRule {
  type: string;
  value: string;
}

/** `**` spans folders, `*` and `?` stay within one. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A predicate over package paths from project.config.json packOptions.ignore. */
export function ignoreMatcher(rules: IgnoreRule[]): (rel: string) => boolean {
  const tests = rules.map(({ type, value }) => {
    // Values are relative to miniprogramRoot; tolerate a leading "miniprogram/".
    const v = value.replace(/^\.?\//, '').replace(/^miniprogram\//, '');
    switch (type) {
      case 'suffix':
        return (rel: string) => rel.endsWith(v);
      case 'prefix':
        return (rel: string) => path.posix.basename(rel).startsWith(v);
      case 'folder':
        return (rel: string) => rel.startsWith(`${v.replace(/\/$/, '')}/`);
      case 'file':
        return (rel: string) => rel === v;
      case 'regexp': {
        const re = new RegExp(value);
        return (rel: string) => re.test(rel);
      }
      case 'glob': {
        const re = globToRegExp(v);
        return (rel: string) => re.test(rel);
      }
      default:
        throw new Error(`project.config.json packOptions.ignore: unknown type "${type}"`);
    }
  });
  return (rel) => tests.some((t) => t(rel));
}

/** The files of srcDir (posix, relative) that are left out of the package. */
export function leftOutMatcher(srcDir: string): (rel: string) => boolean {
  const projectConfig = path.join(path.dirname(srcDir), 'project.config.json');
  const rules = fs.existsSync(projectConfig)
    ? (((readJson(projectConfig).packOptions as { ignore?: IgnoreRule[] } | undefined)?.ignore ??
        []) as IgnoreRule[])
    : [];
  const ignored = ignoreMatcher(rules);
  return (rel) =>
    rel.endsWith('.test.ts') ||
    rel.endsWith('.d.ts') ||
    LEFT_OUT_FILES.has(path.posix.basename(rel)) ||
    ALWAYS_LEFT_OUT.some((folder) => rel.startsWith(folder)) ||
    ignored(rel);
}
