import { startBareServer } from './bare-server';
import { runLoad, type LoadResult } from './load';
import { ratio } from './stats';

/**
 * The notify path against an empty function served by the same host (the host's own cost: HTTP
 * access event, worker hop, reply) and against a bare Node server replying `success`, measured
 * the same way: one client in its own process, the same concurrency, the same number of requests,
 * the same signed notification bodies, on 127.0.0.1.
 */
export interface ThroughputOptions {
  notifyUrl: string;
  /** An empty function on the same host, answering `success`. */
  emptyUrl: string;
  /** Real signed notification bodies, as the platform sent them. */
  bodies: string[];
  concurrency: number;
  requests: number;
  warmupRequests: number;
  timeLimitMs: number;
  progress?: (line: string) => void;
}

export interface ThroughputResult {
  bare: LoadResult;
  empty: LoadResult;
  notify: LoadResult;
  /** notify requests per second / bare requests per second. */
  ratio: number;
  /** notify requests per second / empty function requests per second (issue 15: ≥ 0.5). */
  ratioToEmpty: number;
}

const FORM = 'application/x-www-form-urlencoded';

export async function measureNotifyThroughput(
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  const progress = options.progress ?? (() => undefined);
  const bare = await startBareServer();
  try {
    const job = (url: string, requests: number) => ({
      warmupRequests: options.warmupRequests,
      url,
      bodies: options.bodies,
      contentType: FORM,
      concurrency: options.concurrency,
      requests,
      timeLimitMs: options.timeLimitMs,
      expect: 'success',
    });
    // /notify first: should the time limit stop it early, the bare server gets exactly as many.
    progress(
      `throughput: /notify, ${options.requests} requests × ${options.concurrency} concurrent (after ${options.warmupRequests} not counted)`,
    );
    const notifyResult = await runLoad(job(options.notifyUrl, options.requests));
    progress(
      `  ${notifyResult.perSecond.toFixed(0)} req/s${notifyResult.timedOut ? ` (time limit reached after ${notifyResult.completed})` : ''}`,
    );
    progress(
      `throughput: empty function on the same host, ${notifyResult.completed} requests × ${options.concurrency} concurrent (after ${options.warmupRequests} not counted)`,
    );
    const emptyResult = await runLoad(job(options.emptyUrl, notifyResult.completed));
    progress(`  ${emptyResult.perSecond.toFixed(0)} req/s`);
    progress(
      `throughput: bare server, ${notifyResult.completed} requests × ${options.concurrency} concurrent (after ${options.warmupRequests} not counted)`,
    );
    const bareResult = await runLoad(job(bare.url, notifyResult.completed));
    progress(`  ${bareResult.perSecond.toFixed(0)} req/s`);
    return {
      bare: bareResult,
      empty: emptyResult,
      notify: notifyResult,
      ratio: ratio(notifyResult.perSecond, bareResult.perSecond),
      ratioToEmpty: ratio(notifyResult.perSecond, emptyResult.perSecond),
    };
  } finally {
    await bare.close();
  }
}
