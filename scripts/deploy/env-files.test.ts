// The CLI's env files hold the merchant key: git ignores every .env file but the example, and the
// example names every variable cloudbaserc.json uses, with no value that looks like a real key.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../build-functions';

const ignored = (file: string) => {
  try {
    execFileSync('git', ['check-ignore', '--no-index', '-q', file], { cwd: REPO_ROOT });
    return true;
  } catch {
    return false;
  }
};

test('git ignores .env, .env.local and .env.<envId>, not .env.example', () => {
  expect(['.env', '.env.local', '.env.prod-1a2b3c', '.env.example'].map(ignored)).toEqual([
    true,
    true,
    true,
    false,
  ]);
});

test('.env.example names every {{env.NAME}} of cloudbaserc.json and holds no MD5-like key', () => {
  const rc = fs.readFileSync(path.join(REPO_ROOT, 'cloudbaserc.json'), 'utf8');
  const used = new Set([...rc.matchAll(/"\{\{env\.([A-Z_]+)\}\}"/g)].map((m) => m[1]));
  const example = fs.readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
  const named = new Set([...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
  expect([...used].sort()).toEqual([...named].sort());
  expect(example).not.toMatch(/=[0-9a-f]{32}\s*$/m);
});
