import { keyFromPassword } from '../../core/allinpay/sign';
import { type AllinpayClient, createAllinpayClient, type Logger } from '../allinpay-client';
import { type FunctionConfig, merchantFor } from '../config/function-config';

/**
 * One Allinpay client per merchant (cusid), made on first use and kept for the instance's life
 * (kept-alive connections). The merchant's key stays inside the client and this module.
 */
export interface PlatformGateway {
  /** Whether calls for this merchant can be made (checked before a call is recorded). */
  has(cusid: string): boolean;
  client(cusid: string): AllinpayClient;
  /** The signing key of a merchant, for verifying its notifications; undefined when unknown. */
  keyOf(cusid: string): string | undefined;
  /**
   * A call recorded this long ago (seconds) without an answer is no longer being sent by anyone:
   * its sender gave up at its connect and answer timeouts, or died (a crash, a redeploy). Before
   * then a query could overtake the request itself and wrongly find nothing.
   */
  sendWindowSeconds: number;
  /**
   * How long an asker (app, gate, camera) waits for a query before answering "not yet, ask
   * again"; reconcile waits out the client's timeouts. Unset: no deadline.
   */
  askDeadlineMs?: number;
  /** The platform's origin, where a payer's browser goes in the redirect flow (protocol note 12). */
  origin: string;
}

/** Past the client's own timeouts, for a sender that was slow to start or to give up. */
const SEND_MARGIN_SECONDS = 10;

export function sendWindowOf(config: Pick<FunctionConfig, 'connectTimeoutMs' | 'timeoutMs'>) {
  return Math.ceil((config.connectTimeoutMs + config.timeoutMs) / 1000) + SEND_MARGIN_SECONDS;
}

export function createPlatformGateway(config: FunctionConfig, logger?: Logger): PlatformGateway {
  const clients = new Map<string, AllinpayClient>();
  return {
    has: (cusid) => merchantFor(config, cusid) !== undefined,
    sendWindowSeconds: sendWindowOf(config),
    askDeadlineMs: config.askDeadlineMs,
    origin: new URL(config.baseUrl).origin,
    keyOf(cusid) {
      const merchant = merchantFor(config, cusid);
      if (!merchant) return undefined;
      return merchant.key?.toLowerCase() ?? keyFromPassword(merchant.password as string);
    },
    client(cusid) {
      const existing = clients.get(cusid);
      if (existing) return existing;
      const merchant = merchantFor(config, cusid);
      if (!merchant) throw new Error(`no merchant configured for cusid ${cusid}`);
      const client = createAllinpayClient({
        baseUrl: config.baseUrl,
        cusid: merchant.cusid,
        appid: merchant.appid,
        ...(merchant.key ? { key: merchant.key.toLowerCase() } : { password: merchant.password }),
        notifyUrl: config.notifyUrl,
        connectTimeoutMs: config.connectTimeoutMs,
        timeoutMs: config.timeoutMs,
        // Hedged: up to 3 overlapping attempts, the first verified answer wins.
        queryRetries: 2,
        queryHedgeMs: config.queryHedgeMs,
        ...(logger ? { logger } : {}),
      });
      clients.set(cusid, client);
      return client;
    },
  };
}
