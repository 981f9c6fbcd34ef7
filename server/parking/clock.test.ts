import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SandboxClock } from '../../sandbox/clock';
import { SandboxStore } from '../../sandbox/store';
import { clockFromEnv, offsetFileClock, systemClock } from './clock';

describe('the sandbox clock, followed through its offset file', () => {
  let dir: string;
  let store: SandboxStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clock-test-'));
    store = new SandboxStore(dir);
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('moves as soon as the sandbox clock is advanced, and reads the file only when it changed', async () => {
    const real = 1_800_000_000_000;
    const sandbox = new SandboxClock(store, () => real);
    const clock = offsetFileClock(sandbox.offsetFile, () => real);
    const read = jest.spyOn(fs, 'readFileSync');
    try {
      expect(await clock.now()).toBe(real / 1000);
      expect(await clock.now()).toBe(real / 1000);
      expect(read).toHaveBeenCalledTimes(1);
      sandbox.advance(3600_000);
      expect(await clock.now()).toBe(real / 1000 + 3600);
      sandbox.advance(500);
      sandbox.advance(500);
      expect(await clock.now()).toBe(real / 1000 + 3601);
      expect(read).toHaveBeenCalledTimes(3);
    } finally {
      read.mockRestore();
    }
  });

  it('keeps its offset across a restart of the sandbox', async () => {
    new SandboxClock(store).advance(60_000);
    const again = new SandboxClock(store);
    const clock = offsetFileClock(again.offsetFile);
    expect(await clock.now()).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 59);
  });

  it('is chosen by PARKING_CLOCK_FILE; without it the real clock, with no I/O', async () => {
    expect(clockFromEnv({})).toBe(systemClock);
    const stat = jest.spyOn(fs, 'statSync');
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      await systemClock.now();
      expect(stat).not.toHaveBeenCalled();
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      stat.mockRestore();
      fetchSpy.mockRestore();
    }
    const sandbox = new SandboxClock(store);
    sandbox.advance(7200_000);
    const followed = clockFromEnv({ PARKING_CLOCK_FILE: sandbox.offsetFile });
    expect(await followed.now()).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 7199);
  });
});
