import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setUp, tearDown } from './temp-dir-global';

// The run's own temporary directory: what a test leaves in it is counted, then removed.
describe('the temporary directory of a run', () => {
  it('is fresh, counts what is left and is removed', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: os.tmpdir() };
    const dir = setUp(env);
    expect(env.TMPDIR).toBe(dir);
    expect(path.dirname(dir)).toBe(os.tmpdir());
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.mkdtempSync(path.join(dir, 'left-behind-'));
    fs.mkdirSync(path.join(dir, 'tsx-0'));
    const left = tearDown(env);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^left-behind-/);
    expect(fs.existsSync(dir)).toBe(false);
    expect(env.TMPDIR).toBe(os.tmpdir());
  });

  it('counts nothing when the tests cleaned up', () => {
    const env: NodeJS.ProcessEnv = { TMPDIR: os.tmpdir() };
    const dir = setUp(env);
    fs.rmSync(fs.mkdtempSync(path.join(dir, 'cleaned-')), { recursive: true });
    expect(tearDown(env)).toEqual([]);
  });
});
