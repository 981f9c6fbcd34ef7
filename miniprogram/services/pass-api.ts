import { callApi } from './call-api';
import type { ListKind, PassPlan } from './pass-types';

// Calls to the pass and list routes (server/contract/passes.ts: inputs and outputs). Each throws
// ApiCallError with the server's code and Chinese message.

export const passApi = {
  plansOnSale: (lotId: string) => callApi('passes.plans', { lotId }),
  mine: () => callApi('passes.mine'),
  buy: (planId: string, plates: string[]) => callApi('passes.buy', { planId, plates }),
  renew: (passId: string) => callApi('passes.renew', { passId }),
  confirm: (reqsn: string) => callApi('passes.confirm', { reqsn }),
  receipt: (reqsn: string) => callApi('passes.receipt', { reqsn }),
};

export const passAdminApi = {
  plans: (lotId: string) => callApi('op.passPlans.list', { lotId }),
  savePlan: (plan: Omit<PassPlan, 'periodText'>, reason?: string) =>
    callApi('op.passPlans.upsert', { plan, ...(reason && { reason }) }),
  passes: (lotId: string, plate?: string) =>
    callApi('op.passes.list', { lotId, ...(plate && { plate }) }),
  issue: (lotId: string, planId: string, plates: string[], reason: string) =>
    callApi('op.passes.issue', { lotId, planId, plates, reason }),
  revoke: (passId: string, reason: string) => callApi('op.passes.revoke', { passId, reason }),
  list: (lotId: string, kind: ListKind, plate?: string) =>
    callApi('op.lists.list', { lotId, kind, limit: 100, ...(plate && { plate }) }),
  add: (lotId: string, kind: ListKind, plate: string, reason: string) =>
    callApi('op.lists.add', { lotId, kind, plate, reason }),
  remove: (lotId: string, kind: ListKind, plate: string, reason: string) =>
    callApi('op.lists.remove', { lotId, kind, plate, reason }),
  import: (lotId: string, kind: ListKind, csv: string, reason: string) =>
    callApi('op.lists.import', { lotId, kind, csv, reason }),
};
