import {
  effectiveFaults,
  emptyFaultConfig,
  faultHits,
  mergeFaults,
  replaceFaults,
  takeQuery2000,
  type EffectiveFaults,
  type FaultConfig,
  type FaultConfigInput,
  type RateKind,
} from './fault-policy';
import type { SandboxStore } from './store';

const META = 'faults';

/**
 * The fault configuration in force, persisted in the data folder, with a count of the faults
 * injected since start (for inspection).
 */
export class FaultState {
  private current: FaultConfig;
  private readonly injected = new Map<string, number>();

  constructor(
    private readonly store: SandboxStore,
    atStart?: FaultConfigInput,
  ) {
    const remembered = store.getMeta<FaultConfig>(META) ?? emptyFaultConfig();
    this.current = atStart ? mergeFaults(remembered, atStart) : remembered;
    this.save();
  }

  get config(): FaultConfig {
    return this.current;
  }

  replace(input: FaultConfigInput): FaultConfig {
    this.current = replaceFaults(this.current, input);
    this.save();
    return this.current;
  }

  merge(input: FaultConfigInput): FaultConfig {
    this.current = mergeFaults(this.current, input);
    this.save();
    return this.current;
  }

  clear(): FaultConfig {
    this.current = emptyFaultConfig(this.current.seed);
    this.save();
    return this.current;
  }

  effective(cusid: string | undefined): EffectiveFaults {
    return effectiveFaults(this.current, cusid);
  }

  /** Whether the fault hits this event; counted when it does. */
  hits(kind: RateKind, cusid: string | undefined, key: string): boolean {
    const hit = faultHits(this.current, kind, cusid, key);
    if (hit) this.count(kind);
    return hit;
  }

  /** Consumes one "answer 2000" query of the merchant (or global) counter if any is left. */
  takeQuery2000(cusid: string): boolean {
    const next = takeQuery2000(this.current, cusid);
    if (!next) return false;
    this.current = next;
    this.save();
    this.count('query2000');
    return true;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.injected);
  }

  private count(kind: string): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  private save(): void {
    this.store.setMeta(META, this.current);
  }
}
