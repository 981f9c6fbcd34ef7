import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The mini-program imports this folder too: no Node built-ins, no packages but zod.
describe('core/money is portable', () => {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(files)('%s imports only local files or zod, and uses no Node globals', (file) => {
    const source = readFileSync(join(__dirname, file), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'|\brequire\(\s*'([^']+)'/g)].map(
      (m) => m[1] ?? m[2],
    );
    for (const specifier of specifiers) expect(specifier).toMatch(/^(\.\/|zod$)/);
    expect(source).not.toMatch(/\b(Buffer|process|require|__dirname|global)\b/);
  });
});
