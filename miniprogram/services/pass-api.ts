import { callApi } from './call-api';
import type {
  ListEntry,
  ListKind,
  PassPlan,
  PassOrderView,
  PassReceipt,
  PassStarted,
  PassView,
} from './pass-types';

// Typed calls to the pass and list routes (server/passes/routes.ts). Each throws ApiCallError
// with the server's code and Chinese message.

export const passApi = {
  plansOnSale: (lotId: string) =>
    callApi<{ lot: { id: string; name: string }; plans: PassPlan[] }>('passes.plans', { lotId }),
  mine: () => callApi<{ passes: PassView[]; orders: PassOrderView[] }>('passes.mine'),
  buy: (planId: string, plates: string[]) => callApi<PassStarted>('passes.buy', { planId, plates }),
  renew: (passId: string) => callApi<PassStarted>('passes.renew', { passId }),
  confirm: (reqsn: string) => callApi<PassReceipt>('passes.confirm', { reqsn }),
  receipt: (reqsn: string) => callApi<PassReceipt>('passes.receipt', { reqsn }),
};

export const passAdminApi = {
  plans: (lotId: string) =>
    callApi<{ lotId: string; plans: PassPlan[] }>('op.passPlans.list', { lotId }),
  savePlan: (plan: Omit<PassPlan, 'periodText'>, reason?: string) =>
    callApi<{ plan: PassPlan }>('op.passPlans.upsert', { plan, ...(reason && { reason }) }),
  passes: (lotId: string, plate?: string) =>
    callApi<{ lotId: string; passes: PassView[]; nextOffset?: number }>('op.passes.list', {
      lotId,
      ...(plate && { plate }),
    }),
  issue: (lotId: string, planId: string, plates: string[], reason: string) =>
    callApi<{ pass: PassView }>('op.passes.issue', { lotId, planId, plates, reason }),
  revoke: (passId: string, reason: string) =>
    callApi<{ pass: PassView }>('op.passes.revoke', { passId, reason }),
  list: (lotId: string, kind: ListKind, plate?: string) =>
    callApi<{ entries: ListEntry[]; total: number; nextOffset?: number }>('op.lists.list', {
      lotId,
      kind,
      limit: 100,
      ...(plate && { plate }),
    }),
  add: (lotId: string, kind: ListKind, plate: string, reason: string) =>
    callApi<{ entry: ListEntry }>('op.lists.add', { lotId, kind, plate, reason }),
  remove: (lotId: string, kind: ListKind, plate: string, reason: string) =>
    callApi<{ removed: string }>('op.lists.remove', { lotId, kind, plate, reason }),
  import: (lotId: string, kind: ListKind, csv: string, reason: string) =>
    callApi<{ imported: number }>('op.lists.import', { lotId, kind, csv, reason }),
};
