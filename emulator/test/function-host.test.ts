// The function host: identity per invocation, warm instances, HTTP access, timers, failures.
import path from 'node:path';
import { buildSync } from 'esbuild';
import { startDatabaseEmulator, type DatabaseEmulator } from '../database/server';
import { startFunctionHost, type FunctionHost, type TimerRun } from '../functions/host';
import { FIXTURES, invoke, postJson, removeTempDataDirs, tempDataDir, waitFor } from './helpers';

jest.setTimeout(60_000);

type WhoAmI = {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  userInfo: { appId: string; openId: string };
  instanceId: string;
  calls: number;
};

describe('function host', () => {
  let db: DatabaseEmulator;
  let host: FunctionHost;
  const logs: string[] = [];
  const timerRuns: TimerRun[] = [];

  beforeAll(async () => {
    db = await startDatabaseEmulator({
      coverage: { onUnindexed: () => {} },
      dataDir: tempDataDir(),
      collections: [{ name: 'people' }, { name: 'ticks' }],
    });
    host = await startFunctionHost({
      databaseUrl: db.serviceUrl,
      functionsDir: FIXTURES,
      httpRoutes: { '/echo': 'http-echo' },
      timers: { tick: { everyMs: 50 } },
      appId: 'wx-test-app',
      defaultTimeoutMs: 20_000,
      maxInstancesPerFunction: 3,
      log: (line) => logs.push(line),
      onTimerRun: (run) => timerRuns.push(run),
    });
  });
  afterAll(async () => {
    await host.close();
    await db.close();
  });

  it('runs concurrent invocations in separate instances, each with its own caller', async () => {
    // The barrier opens only when all three calls run at once: a host serving one call at a
    // time, or sharing one process.env, would hang here or mix up the openids.
    const openids = ['o-alice', 'o-bob', 'o-carol'];
    const results = (await Promise.all(
      openids.map((openid) =>
        invoke(host.url, 'whoami', { collection: 'people', round: 'r1', barrier: 3 }, openid),
      ),
    )) as WhoAmI[];
    results.forEach((result, i) => {
      const expected = {
        OPENID: openids[i],
        APPID: 'wx-test-app',
        ENV: 'local-emulator',
        SOURCE: 'wx_client',
        CLIENTIP: '127.0.0.1',
      };
      expect(result.before).toMatchObject(expected);
      expect(result.after).toMatchObject(expected);
      expect(result.userInfo).toEqual({ appId: 'wx-test-app', openId: openids[i] });
    });
    expect(new Set(results.map((result) => result.instanceId)).size).toBe(3);
    const written = db.engine.find('people', { round: 'r1' }).map((doc) => doc.openid);
    expect(written.sort()).toEqual([...openids].sort());
  });

  it('reuses a warm instance, module state included', async () => {
    const first = (await invoke(host.url, 'whoami', { collection: 'people' })) as WhoAmI;
    const second = (await invoke(host.url, 'whoami', { collection: 'people' })) as WhoAmI;
    expect(second.instanceId).toBe(first.instanceId);
    expect(second.calls).toBe(first.calls + 1);
  });

  it('provisions instances ahead of calls: concurrent calls then meet no cold start', async () => {
    expect(await host.provision('http-echo', 5)).toBe(3); // at most maxInstancesPerFunction
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => host.invoke('http-echo', {}, { openid: 'o-provisioned' })),
    );
    expect(outcomes.map((o) => o.ok && o.coldStart)).toEqual([false, false, false]);
    await expect(host.provision('nope', 1)).rejects.toThrow('no function nope');
  });

  it('refuses calls without an openid, and unknown functions', async () => {
    const missing = await postJson(`${host.url}/invoke/whoami`, { data: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errCode).toBe(-501007);
    const unknown = await postJson(`${host.url}/invoke/nope`, { openid: 'o', data: {} });
    expect(unknown.status).toBe(404);
  });

  it('reports a thrown error, a timeout and a module that cannot load', async () => {
    const thrown = await postJson(`${host.url}/invoke/fail`, {
      openid: 'o',
      data: { mode: 'throw' },
    });
    expect(thrown).toEqual({
      status: 500,
      body: { errCode: -504002, errMsg: 'functions execute fail: boom', reason: 'error' },
    });
    const hung = await postJson(`${host.url}/invoke/fail`, { openid: 'o', data: { mode: 'hang' } });
    expect(hung.status).toBe(500);
    expect(hung.body.reason).toBe('timeout');
    expect(hung.body.errMsg).toContain('timed out after 0.5 seconds');
    // A fresh instance replaces the killed one.
    expect(await invoke(host.url, 'fail', { mode: 'ok' })).toBe('fine');
    const broken = await postJson(`${host.url}/invoke/broken`, { openid: 'o', data: {} });
    expect(broken.body).toMatchObject({
      reason: 'load',
      errMsg: expect.stringContaining('cannot start'),
    });
  });

  it('builds the HTTP access event from the request', async () => {
    const res = await fetch(`${host.url}/echo/deeper?a=1&a=2&b=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-custom': 'yes' },
      body: 'cusid=123&trxstatus=0000',
    });
    expect(res.status).toBe(200);
    const event = (await res.json()) as Record<string, unknown>;
    expect(event).toMatchObject({
      path: '/echo/deeper',
      httpMethod: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-custom': 'yes' },
      queryStringParameters: { a: '2', b: 'x' },
      multiValueQueryStringParameters: { a: ['1', '2'], b: ['x'] },
      requestContext: {
        envId: 'local-emulator',
        requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
      body: 'cusid=123&trxstatus=0000',
      isBase64Encoded: false,
    });

    const binary = await fetch(`${host.url}/echo`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0xff, 0x00, 0x10]),
    });
    const binaryEvent = (await binary.json()) as { body: string; isBase64Encoded: boolean };
    expect(binaryEvent.isBase64Encoded).toBe(true);
    expect(Buffer.from(binaryEvent.body, 'base64')).toEqual(Buffer.from([0xff, 0x00, 0x10]));
  });

  it('maps the function result to the HTTP response', async () => {
    const text = await fetch(`${host.url}/echo?mode=text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('success');

    const object = await fetch(`${host.url}/echo?mode=object`);
    expect(object.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await object.json()).toEqual({ hello: 'world' });

    const status = await fetch(`${host.url}/echo?mode=status`);
    expect(status.status).toBe(418);
    expect(status.headers.get('x-kind')).toBe('teapot');
    expect(await status.text()).toBe('short and stout');

    const binary = await fetch(`${host.url}/echo?mode=binary`);
    expect(Buffer.from(await binary.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));

    expect((await fetch(`${host.url}/elsewhere`)).status).toBe(404);
  });

  it('fires timer triggers with the timer event and no caller identity', async () => {
    await waitFor(() => db.engine.count('ticks', { 'event.TriggerName': 'everyMinute' }) >= 2);
    // Scheduled runs are reported when they end (a manual fire is not a scheduled run).
    await waitFor(() => timerRuns.length >= 2);
    expect(timerRuns[0]).toMatchObject({ functionName: 'tick', triggerName: 'everyMinute' });
    expect(timerRuns[0]!.endedAt).toBeGreaterThanOrEqual(timerRuns[0]!.startedAt);
    const fired = await host.fireTimer('tick', 'manual');
    expect(fired).toMatchObject({ ok: true, result: 'ticked' });
    const ticks = db.engine.find('ticks', { 'event.TriggerName': 'manual' });
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({
      event: { Type: 'Timer', TriggerName: 'manual', Message: '' },
      trigger: 'timer',
      context: {},
    });
    expect(String((ticks[0]!.event as { Time: string }).Time)).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });
});

describe('function host configuration', () => {
  it('refuses an invalid cron, a timer or route to no function, and a reserved path', async () => {
    const base = { databaseUrl: 'http://127.0.0.1:1', functionsDir: FIXTURES, log: () => {} };
    await expect(
      startFunctionHost({ ...base, timers: { tick: { cron: 'every minute' } } }),
    ).rejects.toThrow(/invalid timer cron/);
    await expect(
      startFunctionHost({ ...base, httpRoutes: { '/invoke/x': 'tick' } }),
    ).rejects.toThrow(/reserved/);
    await expect(
      startFunctionHost({ ...base, timers: { missing: { everyMs: 10 } } }),
    ).rejects.toThrow(/unknown function missing/);
    await expect(startFunctionHost({ ...base, httpRoutes: { '/x': 'missing' } })).rejects.toThrow(
      /no function missing/,
    );
  });
});

describe('bundled functions', () => {
  it('runs an esbuild bundle of a function (the deployed artifact) against the emulator', async () => {
    const outdir = tempDataDir();
    const entry = path.join(outdir, 'whoami.js');
    buildSync({
      entryPoints: [path.join(FIXTURES, 'whoami', 'index.ts')],
      bundle: true,
      platform: 'node',
      target: 'node16',
      minify: true,
      outfile: entry,
      logLevel: 'silent',
    });
    const db = await startDatabaseEmulator({
      dataDir: tempDataDir(),
      collections: [{ name: 'people' }],
      coverage: { onUnindexed: () => {} },
    });
    const host = await startFunctionHost({
      databaseUrl: db.url,
      functions: { whoami: { entry, timeoutMs: 20_000 } },
      log: () => {},
    });
    try {
      const result = (await invoke(
        host.url,
        'whoami',
        { collection: 'people' },
        'o-bundle',
      )) as WhoAmI;
      expect(result.after.OPENID).toBe('o-bundle');
      expect(db.engine.find('people', {}).map((doc) => doc.openid)).toEqual(['o-bundle']);
    } finally {
      await host.close();
      await db.close();
    }
  });
});

// Last, after the servers of the file are closed.
afterAll(removeTempDataDirs);
