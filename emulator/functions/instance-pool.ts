import readline from 'node:readline';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromInstance, SerializedError, ToInstance, WorkerData } from './worker-messages';

export interface FunctionDefinition {
  name: string;
  /** Absolute path of the module exporting `main` (TypeScript source or JS bundle). */
  entry: string;
  timeoutMs: number;
  /** Variables of this function (config.json envVariables, host options). */
  env: Record<string, string>;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; coldStart: boolean }
  | { ok: false; error: SerializedError; reason: 'error' | 'timeout' | 'crash' | 'load' };

export interface InvokeJob {
  event: unknown;
  env: Record<string, string>;
  context: Record<string, unknown>;
}

export interface PoolOptions {
  /** Environment every instance starts with (platform variables included). */
  instanceEnv: Record<string, string>;
  maxInstances: number;
  idleTimeoutMs: number;
  log: (line: string) => void;
}

interface Pending {
  job: InvokeJob;
  resolve: (outcome: InvokeOutcome) => void;
}

interface Instance {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  served: number;
  /** Started ahead of calls (provision): its first call is not a cold start. */
  provisioned?: boolean;
  current?: { id: number; pending: Pending; timer: NodeJS.Timeout };
  idleTimer?: NodeJS.Timeout;
}

const WORKER_MAIN = path.join(__dirname, 'worker-main.ts');
// Workers are plain Node threads: register tsx there so both the worker and TS functions load.
const BOOTSTRAP = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
require(${JSON.stringify(WORKER_MAIN)});`;

/**
 * The instances of one function. Like CloudBase, an instance serves one invocation at a time;
 * concurrent invocations start more instances (up to `maxInstances`, then they queue), and a
 * warm instance is reused, module state included.
 */
export class FunctionPool {
  private readonly instances = new Set<Instance>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  /** Called once when an instance becomes ready or dies (provision waits on it). */
  private waiters: Array<() => void> = [];

  constructor(
    readonly definition: FunctionDefinition,
    private readonly options: PoolOptions,
  ) {}

  get instanceCount(): number {
    return this.instances.size;
  }

  invoke(job: InvokeJob): Promise<InvokeOutcome> {
    if (this.closed) {
      return Promise.resolve({
        ok: false,
        reason: 'crash',
        error: { name: 'Error', message: 'function host is closed' },
      });
    }
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  /**
   * Starts instances until `count` exist (at most maxInstances), like provisioned concurrency,
   * and resolves once none is starting: the number ready.
   */
  async provision(count: number): Promise<number> {
    const target = Math.min(count, this.options.maxInstances);
    while (!this.closed && this.instances.size < target) this.spawn().provisioned = true;
    while (!this.closed && [...this.instances].some((i) => i.state === 'starting')) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.instances.size;
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Starts an instance ahead of the first call (like provisioned concurrency). */
  warm(): void {
    if (this.instances.size === 0 && !this.closed) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.resolve({
        ok: false,
        reason: 'crash',
        error: { name: 'Error', message: 'function host is closed' },
      });
    }
    await Promise.all([...this.instances].map((instance) => this.kill(instance, 'host closed')));
  }

  private pump(): void {
    for (;;) {
      const next = this.queue[0];
      if (!next || this.closed) return;
      const idle = [...this.instances].find((instance) => instance.state === 'idle');
      if (idle) {
        this.queue.shift();
        this.run(idle, next);
        continue;
      }
      const starting = [...this.instances].filter((i) => i.state === 'starting').length;
      if (starting < this.queue.length && this.instances.size < this.options.maxInstances) {
        this.spawn();
        continue;
      }
      return;
    }
  }

  private spawn(): Instance {
    const data: WorkerData = { functionName: this.definition.name, entry: this.definition.entry };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: data,
      env: { ...this.options.instanceEnv },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const instance: Instance = { worker, state: 'starting', served: 0 };
    this.instances.add(instance);
    for (const stream of [worker.stdout, worker.stderr]) {
      readline
        .createInterface({ input: stream })
        .on('line', (line) => this.options.log(`[${this.definition.name}] ${line}`));
    }
    worker.on('message', (message: FromInstance) => this.onMessage(instance, message));
    worker.on('error', (err) => this.onDeath(instance, `instance crashed: ${err.message}`));
    worker.on('exit', (code) => this.onDeath(instance, `instance exited with code ${code}`));
    return instance;
  }

  private onMessage(instance: Instance, message: FromInstance): void {
    if (message.type === 'ready') {
      instance.state = 'idle';
      this.becomeIdle(instance);
      this.wake();
      return;
    }
    if (message.type === 'load-error') {
      // The invocation that caused the cold start fails, as on the platform.
      this.queue.shift()?.resolve({ ok: false, reason: 'load', error: message.error });
      void this.kill(instance, 'load error');
      return;
    }
    const current = instance.current;
    if (!current || current.id !== message.id) return;
    clearTimeout(current.timer);
    instance.current = undefined;
    instance.state = 'idle';
    current.pending.resolve(
      message.ok
        ? {
            ok: true,
            result: message.json === undefined ? undefined : JSON.parse(message.json),
            coldStart: instance.served === 1 && !instance.provisioned,
          }
        : { ok: false, reason: 'error', error: message.error },
    );
    this.becomeIdle(instance);
  }

  private becomeIdle(instance: Instance): void {
    clearTimeout(instance.idleTimer);
    instance.idleTimer = setTimeout(() => {
      if (instance.state === 'idle') void this.kill(instance, 'idle');
    }, this.options.idleTimeoutMs);
    instance.idleTimer.unref();
    this.pump();
  }

  private run(instance: Instance, pending: Pending): void {
    clearTimeout(instance.idleTimer);
    const id = this.nextId++;
    const { timeoutMs } = this.definition;
    const timer = setTimeout(() => {
      instance.current = undefined;
      pending.resolve({
        ok: false,
        reason: 'timeout',
        error: {
          name: 'Error',
          message: `Invoking task timed out after ${timeoutMs / 1000} seconds`,
        },
      });
      // The platform kills a timed-out instance; its module state is lost.
      void this.kill(instance, 'timeout');
    }, timeoutMs);
    instance.state = 'busy';
    instance.served += 1;
    instance.current = { id, pending, timer };
    const message: ToInstance = {
      type: 'invoke',
      id,
      event: JSON.stringify(pending.job.event ?? {}),
      env: pending.job.env,
      context: pending.job.context,
    };
    instance.worker.postMessage(message);
  }

  private onDeath(instance: Instance, reason: string): void {
    if (instance.state === 'dead') return;
    const wasStarting = instance.state === 'starting';
    instance.state = 'dead';
    this.instances.delete(instance);
    this.wake();
    clearTimeout(instance.idleTimer);
    const current = instance.current;
    instance.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.pending.resolve({
        ok: false,
        reason: 'crash',
        error: { name: 'Error', message: reason },
      });
    } else if (wasStarting && !this.closed) {
      this.queue
        .shift()
        ?.resolve({ ok: false, reason: 'load', error: { name: 'Error', message: reason } });
    }
    this.pump();
  }

  private async kill(instance: Instance, reason: string): Promise<void> {
    if (instance.state === 'dead') return;
    this.onDeath(instance, reason);
    await instance.worker.terminate();
  }
}
