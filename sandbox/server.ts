import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxClock } from './clock';
import { publicMerchant, resolveConfig, type Merchant, type SandboxOptions } from './config';
import { FaultState } from './fault-state';
import { BodyTooLargeError, readBody, keepIdleConnectionsForClients } from '../devstack/http-kit';
import { jsonReply, Router, type Reply, type SandboxRequest } from './http';
import { MerchantRegistry } from './merchants';
import { Notifier } from './notifier';
import { Platform } from './platform';
import { addAdminRoutes } from './routes/admin';
import { addApiRoutes } from './routes/api';
import { addCashierRoutes } from './routes/cashier';
import { addRedirectRoutes } from './routes/redirect';
import { SandboxStore } from './store';

export interface SandboxHandle {
  /** e.g. `http://127.0.0.1:8801` (no trailing slash): the base URL of the Allinpay endpoints. */
  url: string;
  host: string;
  port: number;
  dataDir: string;
  /** Configured merchants, without their keys. */
  merchants: Array<Omit<Merchant, 'key'>>;
  /** The sandbox clock: epoch milliseconds (ahead of the real one once advanced). */
  now(): number;
  /** Moves the sandbox clock forward, then settles what became due and wakes the notifier. */
  advanceClock(ms: number): void;
  /** Stops timers, pending deliveries and held answers, closes the server and the data file. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Starts the Allinpay sandbox platform: the protocol endpoints, the browser-redirect entries,
 * the cashier, and the admin endpoints, with state in `dataDir`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const config = resolveConfig(options);
  const { log } = config;
  const store = new SandboxStore(config.dataDir);
  const clock = new SandboxClock(store);
  const faults = new FaultState(store, config.faults);
  const merchants = new MerchantRegistry(store, config.merchants, {
    feeRateBp: config.feeRateBp,
    couponFen: config.couponFen,
  });
  // The notifier and the platform need each other (payment queues a notification; a `refuse`
  // reply marks the transaction): the platform is bound once both exist.
  const bound: { platform?: Platform } = {};
  const notifier = new Notifier({
    store,
    clock,
    faults,
    timeScale: config.timeScale,
    notifyTimeoutMs: config.notifyTimeoutMs,
    keyOf: (cusid) => merchants.get(cusid)?.key,
    onRefused: (d) => bound.platform?.markRefused(d.cusid, d.reqsn),
    log,
  });
  const platform = new Platform({ store, clock, notifier, payExpiryMs: config.payExpiryMs, log });
  bound.platform = platform;

  const afterClockMove = () => {
    const settled = platform.settleDue();
    notifier.kick();
    return settled;
  };

  const router = new Router();
  addApiRoutes(router, { platform, merchants, faults, log });
  addRedirectRoutes(router, { platform, merchants, log });
  addCashierRoutes(router, { platform, merchants, parkingNames: config.parkingNames });
  addAdminRoutes(router, {
    store,
    clock,
    faults,
    merchants,
    platform,
    notifier,
    afterClockMove,
    log,
  });

  const held = new Map<NodeJS.Timeout, http.ServerResponse>();

  const write = (res: http.ServerResponse, reply: Reply) => {
    res.writeHead(reply.status, {
      ...reply.headers,
      'content-length': Buffer.byteLength(reply.body),
    });
    res.end(reply.body);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      let reply: Reply;
      try {
        const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
        const body = await readBody(req, MAX_BODY_BYTES);
        const request: SandboxRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          rawQuery: url.search.replace(/^\?/, ''),
          headers: req.headers,
          body,
        };
        const match = router.match(request.method, request.path);
        if (match.kind === 'found') reply = await match.handler(request, match.params);
        else if (match.kind === 'method-not-allowed') {
          reply = {
            ...jsonReply(405, { ok: false, error: 'method_not_allowed' }),
            headers: {
              allow: match.allowed.join(', '),
              'content-type': 'application/json; charset=utf-8',
            },
          };
        } else reply = jsonReply(404, { ok: false, error: 'not_found', path: request.path });
      } catch (err) {
        if (err instanceof BodyTooLargeError)
          reply = jsonReply(413, { ok: false, error: 'body_too_large' });
        else {
          log(`internal error: ${err instanceof Error ? err.message : String(err)}`);
          reply = jsonReply(500, { ok: false, error: 'internal' });
        }
      }
      if (reply.hangUpAfterMs !== undefined) {
        const timer = setTimeout(() => {
          held.delete(timer);
          res.destroy();
        }, reply.hangUpAfterMs);
        held.set(timer, res);
        return;
      }
      write(res, reply);
    })();
  });
  keepIdleConnectionsForClients(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  notifier.start();
  afterClockMove();
  const settleTimer = setInterval(() => {
    try {
      afterClockMove();
    } catch (err) {
      log(`settlement error: ${err instanceof Error ? err.message : String(err)}`);
    }
  }, config.settleIntervalMs);
  settleTimer.unref();
  log(`Allinpay sandbox on ${url} (data ${config.dataDir})`);

  let closing: Promise<void> | undefined;
  return {
    url,
    host: config.host,
    port,
    dataDir: config.dataDir,
    merchants: merchants.list().map(publicMerchant),
    now: () => clock.now(),
    advanceClock(ms: number) {
      clock.advance(ms);
      afterClockMove();
    },
    close() {
      closing ??= (async () => {
        clearInterval(settleTimer);
        for (const [timer, res] of held) {
          clearTimeout(timer);
          res.destroy();
        }
        held.clear();
        await notifier.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })();
      return closing;
    },
  };
}
