import { toMerchant, type Merchant, type MerchantConfig } from './config';
import type { SandboxStore } from './store';

/**
 * The merchants the sandbox knows: those of the configuration (which win at every start) and
 * those added at run time through the admin endpoint (remembered in the data folder).
 */
export class MerchantRegistry {
  private readonly byCusid = new Map<string, Merchant>();

  constructor(
    private readonly store: SandboxStore,
    configured: Merchant[],
    private readonly defaults: { feeRateBp: number; couponFen: number },
  ) {
    for (const m of store.listMerchants()) this.byCusid.set(m.cusid, m);
    for (const m of configured) this.save(m);
  }

  get(cusid: string): Merchant | undefined {
    return this.byCusid.get(cusid);
  }

  list(): Merchant[] {
    return [...this.byCusid.values()].sort((a, b) => a.cusid.localeCompare(b.cusid));
  }

  put(config: MerchantConfig): Merchant {
    const merchant = toMerchant(config, this.defaults);
    this.save(merchant);
    return merchant;
  }

  private save(merchant: Merchant): void {
    this.store.putMerchant(merchant);
    this.byCusid.set(merchant.cusid, merchant);
  }
}
