import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { readBodyBytes, sendJson, keepIdleConnectionsForClients } from '../../devstack/http-kit';
import { discoverFunctions, type EntryMode, type TimerTrigger } from './discover';
import { buildHttpEvent, httpReplyFor, matchRoute, type BodyEncoding } from './http-access';
import { FunctionPool, type InvokeOutcome } from './instance-pool';
import {
  callEvent,
  instanceEnv,
  invocationContext,
  invocationEnv,
  isPlatformVariable,
  timerEvent,
  type InvocationSource,
  type PlatformSettings,
} from './platform-env';
import { TimerScheduler, validateCron, type TimerSchedule } from './timers';

export interface FunctionConfig {
  /** Module exporting `main(event, context)`: a .ts source (run through tsx) or a JS bundle. */
  entry: string;
  timeoutMs?: number;
  env?: Record<string, string>;
  timers?: TimerTrigger[];
}

export interface TimerOverride {
  everyMs?: number;
  cron?: string;
}

export interface FunctionHostOptions {
  /** 0 (default) picks a free port. The host listens on 127.0.0.1 only. */
  port?: number;
  /** The database emulator: its `url` or its `serviceUrl`. */
  databaseUrl: string;
  /** Folder of functions: each sub-folder with an entry file (see discover.ts) is one. */
  functionsDir?: string;
  /** Run each function from its TypeScript source (default) or from its esbuild bundle. */
  entryMode?: EntryMode;
  /** Functions given one by one; they override discovered ones of the same name. */
  functions?: Record<string, FunctionConfig>;
  /** HTTP access paths: path -> function name, e.g. { '/notify': 'notify' }. */
  httpRoutes?: Record<string, string>;
  /**
   * Timer triggers come from each function's config.json. `false` turns them all off; an entry
   * replaces a function's triggers, e.g. { reconcile: { everyMs: 50 } } to speed one up.
   */
  timers?: false | Record<string, TimerOverride>;
  envId?: string;
  /** The mini-program appid callers get as WX_APPID. */
  appId?: string;
  region?: string;
  /** Variables given to every function, under their own (config.json envVariables win). */
  env?: Record<string, string>;
  /** Timeout of functions whose config.json has none: 3 s, the platform's default. */
  defaultTimeoutMs?: number;
  maxInstancesPerFunction?: number;
  /** A warm instance idle this long is stopped (default 10 minutes). */
  idleTimeoutMs?: number;
  httpBodyEncoding?: BodyEncoding;
  /** Start one instance of each function at once instead of on the first call. */
  warm?: boolean;
  /** Where function output and host errors go (default: stdout). */
  log?: (line: string) => void;
  /** Told of every scheduled timer run when it ends (how long a reconcile cycle really is). */
  onTimerRun?: (run: TimerRun) => void;
}

export interface TimerRun {
  functionName: string;
  triggerName: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
}

export interface CallIdentity {
  openid: string;
  appid?: string;
  unionid?: string;
}

export interface FunctionHost {
  url: string;
  port: number;
  functionNames: string[];
  /** Calls a function as the mini-program would (what POST /invoke/<name> does). */
  invoke(
    name: string,
    data: Record<string, unknown>,
    identity: CallIdentity,
  ): Promise<InvokeOutcome>;
  /**
   * Starts instances of `name` until `count` are running (at most maxInstancesPerFunction), so
   * that calls do not meet cold starts; resolves with the number running.
   */
  provision(name: string, count: number): Promise<number>;
  /** Fires a function's timer trigger now. */
  fireTimer(functionName: string, triggerName?: string): Promise<InvokeOutcome>;
  close(): Promise<void>;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;
const RESERVED_PATHS = ['/invoke', '/health'];
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

const invokeBody = z.object({
  data: z.record(z.string(), z.unknown()).optional(),
  openid: z.string().min(1).max(128),
  appid: z.string().min(1).max(64).optional(),
  unionid: z.string().min(1).max(128).optional(),
});

function serviceUrlOf(databaseUrl: string): string {
  return `${databaseUrl.replace(/\/+$/, '').replace(/\/admin$/, '')}/admin`;
}

function clientIpOf(req: http.IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function hostBaseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !isPlatformVariable(key)) env[key] = value;
  }
  return env;
}

/** Starts the function host on 127.0.0.1 (development only: /invoke trusts the given openid). */
export async function startFunctionHost(options: FunctionHostOptions): Promise<FunctionHost> {
  const settings: PlatformSettings = {
    envId: options.envId ?? 'local-emulator',
    region: options.region ?? 'ap-shanghai',
    databaseServiceUrl: serviceUrlOf(options.databaseUrl),
  };
  const appId = options.appId ?? 'wx0000000000000000';
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));

  const configs = new Map<string, FunctionConfig>();
  if (options.functionsDir) {
    for (const found of discoverFunctions(options.functionsDir, options.entryMode ?? 'source')) {
      configs.set(found.name, {
        entry: found.entry,
        timeoutMs: found.timeoutMs,
        env: found.env,
        timers: found.timers,
      });
    }
  }
  for (const [name, config] of Object.entries(options.functions ?? {})) configs.set(name, config);

  const baseEnv = hostBaseEnv();
  const pools = new Map<string, FunctionPool>();
  for (const [name, config] of configs) {
    if (!FUNCTION_NAME.test(name)) throw new Error(`invalid function name: ${name}`);
    const definition = {
      name,
      entry: config.entry,
      timeoutMs: config.timeoutMs ?? options.defaultTimeoutMs ?? 3000,
      env: { ...options.env, ...config.env },
    };
    pools.set(
      name,
      new FunctionPool(definition, {
        instanceEnv: { ...baseEnv, ...instanceEnv(name, settings, definition.env) },
        maxInstances: options.maxInstancesPerFunction ?? 4,
        idleTimeoutMs: options.idleTimeoutMs ?? 10 * 60_000,
        log,
      }),
    );
  }

  const routes = options.httpRoutes ?? {};
  for (const [route, name] of Object.entries(routes)) {
    if (!route.startsWith('/')) throw new Error(`HTTP access path must start with /: ${route}`);
    if (RESERVED_PATHS.some((p) => route === p || route.startsWith(`${p}/`))) {
      throw new Error(`HTTP access path ${route} is reserved by the function host`);
    }
    if (!pools.has(name)) throw new Error(`HTTP access path ${route}: no function ${name}`);
  }

  const schedules: TimerSchedule[] = [];
  for (const name of Object.keys(options.timers || {})) {
    if (!configs.has(name)) throw new Error(`timer for unknown function ${name}`);
  }
  if (options.timers !== false) {
    for (const [name, config] of configs) {
      const override = options.timers?.[name];
      const triggers = config.timers ?? [];
      if (override) {
        schedules.push({
          functionName: name,
          triggerName: triggers[0]?.name ?? 'timer',
          ...override,
        });
      } else {
        for (const t of triggers)
          schedules.push({ functionName: name, triggerName: t.name, cron: t.cron });
      }
    }
  }
  for (const schedule of schedules) {
    if (schedule.everyMs === undefined && schedule.cron) validateCron(schedule.cron);
  }

  let closing: Promise<void> | undefined;

  function run(name: string, event: unknown, source: InvocationSource): Promise<InvokeOutcome> {
    const pool = pools.get(name)!;
    const requestId = randomBytes(16).toString('hex');
    const env = invocationEnv(source, requestId);
    const context = invocationContext({
      functionName: name,
      requestId,
      timeoutMs: pool.definition.timeoutMs,
      settings,
      env: { ...instanceEnv(name, settings), ...env },
    });
    return pool.invoke({ event, env, context }).then((outcome) => {
      if (!outcome.ok && !closing) {
        log(
          `[host] ${name} failed (${outcome.reason}): ${outcome.error.stack ?? outcome.error.message}`,
        );
      }
      return outcome;
    });
  }

  function call(
    name: string,
    data: Record<string, unknown>,
    identity: CallIdentity,
    clientIp: string,
  ) {
    const source = {
      kind: 'call' as const,
      openid: identity.openid,
      appid: identity.appid ?? appId,
      unionid: identity.unionid,
      clientIp,
    };
    return run(name, callEvent(data, source), source);
  }

  function fireTimer(functionName: string, triggerName?: string): Promise<InvokeOutcome> {
    if (!pools.has(functionName)) return Promise.reject(new Error(`no function ${functionName}`));
    const name =
      triggerName ??
      schedules.find((s) => s.functionName === functionName)?.triggerName ??
      configs.get(functionName)?.timers?.[0]?.name ??
      'timer';
    return run(functionName, timerEvent(name, new Date()), { kind: 'timer', triggerName: name });
  }

  async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    if (!pools.has(name)) {
      sendJson(res, 404, { errCode: -501000, errMsg: `function not found: ${name}` });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { errCode: -501007, errMsg: 'POST only' });
      return;
    }
    let parsed: z.infer<typeof invokeBody>;
    try {
      const body = invokeBody.safeParse(
        JSON.parse(
          (await readBodyBytes(req, MAX_EVENT_BYTES, { overLimit: 'destroy' })).toString('utf8'),
        ),
      );
      if (!body.success) {
        const issue = body.error.issues[0];
        sendJson(res, 400, {
          errCode: -501007,
          errMsg: `${issue?.path.join('.')}: ${issue?.message}`,
        });
        return;
      }
      parsed = body.data;
    } catch {
      sendJson(res, 400, { errCode: -501007, errMsg: 'body must be JSON: { data, openid }' });
      return;
    }
    const outcome = await call(name, parsed.data ?? {}, parsed, clientIpOf(req));
    if (outcome.ok) sendJson(res, 200, { result: outcome.result ?? null });
    else {
      sendJson(res, 500, {
        errCode: -504002,
        errMsg: `functions execute fail: ${outcome.error.message}`,
        reason: outcome.reason,
      });
    }
  }

  async function handleHttpAccess(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
  ) {
    const event = buildHttpEvent({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: await readBodyBytes(req, MAX_EVENT_BYTES, { overLimit: 'destroy' }),
      requestId: randomBytes(16).toString('hex'),
      envId: settings.envId,
      encoding: options.httpBodyEncoding ?? 'auto',
    });
    const outcome = await run(name, event, { kind: 'http', clientIp: clientIpOf(req) });
    if (!outcome.ok) {
      sendJson(res, 502, { errorCode: -504002, errorMessage: outcome.error.message });
      return;
    }
    const reply = httpReplyFor(outcome.result);
    res.writeHead(reply.status, { ...reply.headers, 'content-length': reply.body.length });
    res.end(reply.body);
  }

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    let handled: Promise<void>;
    const invokeMatch = /^\/invoke\/([^/]+)$/.exec(pathname);
    if (invokeMatch) handled = handleInvoke(req, res, decodeURIComponent(invokeMatch[1]!));
    else if (pathname === '/health') {
      sendJson(res, 200, { ok: true, functions: [...pools.keys()] });
      return;
    } else {
      const name = matchRoute(routes, pathname);
      if (!name) {
        sendJson(res, 404, { errCode: -501000, errMsg: `no function serves ${pathname}` });
        return;
      }
      handled = handleHttpAccess(req, res, name);
    }
    handled.catch((err: unknown) => {
      if (!res.headersSent)
        sendJson(res, 400, { errCode: -501007, errMsg: (err as Error).message });
    });
  });
  keepIdleConnectionsForClients(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  // A firing is skipped while the previous one of the same trigger still runs, so that a
  // sped-up timer cannot pile up a backlog.
  const running = new Set<TimerSchedule>();
  const scheduler = new TimerScheduler((schedule) => {
    if (running.has(schedule)) return;
    running.add(schedule);
    const startedAt = Date.now();
    void fireTimer(schedule.functionName, schedule.triggerName).finally(() => {
      running.delete(schedule);
      const { functionName, triggerName } = schedule;
      options.onTimerRun?.({ functionName, triggerName, startedAt, endedAt: Date.now() });
    });
  });
  scheduler.start(schedules);
  if (options.warm) for (const pool of pools.values()) pool.warm();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    functionNames: [...pools.keys()],
    invoke: (name, data, identity) =>
      pools.has(name)
        ? call(name, data, identity, '127.0.0.1')
        : Promise.reject(new Error(`no function ${name}`)),
    provision: (name, count) =>
      pools.has(name)
        ? pools.get(name)!.provision(count)
        : Promise.reject(new Error(`no function ${name}`)),
    fireTimer,
    close() {
      closing ??= (async () => {
        scheduler.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await Promise.all([...pools.values()].map((pool) => pool.close()));
      })();
      return closing;
    },
  };
}
