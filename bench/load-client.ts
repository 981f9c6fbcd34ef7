// The load generator, run in a child process of its own (see load.ts) so that it does not share
// an event loop with the servers it measures. It receives one LoadJob over IPC and answers one
// LoadResult.
import http from 'node:http';
import { percentile } from './stats';

export interface LoadJob {
  url: string;
  /** Sent in turn, request i gets bodies[i % length]. */
  bodies: string[];
  contentType: string;
  concurrency: number;
  requests: number;
  /** Sent first by the same client and not counted (JIT, connections, function instances). */
  warmupRequests: number;
  /** No request is started after this long; the run reports what completed. */
  timeLimitMs: number;
  /** The reply body (trimmed) that counts as success. */
  expect: string;
}

export interface LoadResult {
  completed: number;
  ok: number;
  failed: number;
  elapsedMs: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number };
  firstFailure?: string;
  timedOut: boolean;
}

function post(agent: http.Agent, url: URL, body: string, contentType: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoadJob(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  let warm = 0;
  const warmer = async () => {
    while (warm < job.warmupRequests) {
      const i = warm++;
      await post(agent, url, job.bodies[i % job.bodies.length] ?? '', job.contentType);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, warmer));
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let timedOut = false;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + job.timeLimitMs;
  const worker = async () => {
    for (;;) {
      if (next >= job.requests) return;
      if (Date.now() > deadline) {
        timedOut = true;
        return;
      }
      const i = next++;
      const t0 = process.hrtime.bigint();
      try {
        const reply = await post(
          agent,
          url,
          job.bodies[i % job.bodies.length] ?? '',
          job.contentType,
        );
        if (reply.status === 200 && reply.text.trim() === job.expect) ok++;
        else {
          failed++;
          firstFailure ??= `HTTP ${reply.status} ${reply.text.slice(0, 200)}`;
        }
      } catch (error) {
        failed++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  const completed = ok + failed;
  return {
    completed,
    ok,
    failed,
    elapsedMs,
    perSecond: elapsedMs > 0 ? (ok / elapsedMs) * 1000 : 0,
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    ...(firstFailure !== undefined && { firstFailure }),
    timedOut,
  };
}

if (require.main === module) {
  process.once('message', (job: LoadJob) => {
    runLoadJob(job)
      .then((result) => process.send?.({ result }, () => process.exit(0)))
      .catch((error: unknown) =>
        process.send?.({ error: error instanceof Error ? error.message : String(error) }, () =>
          process.exit(1),
        ),
      );
  });
}
