// What the pass and list routes answer: the contract's types (server/contract/pass-views.ts),
// imported type-only, so nothing of the server reaches the bundle.

export type {
  ImportError,
  ListEntryView as ListEntry,
  ListKind,
  ListPage,
  MyPasses,
  PassOrderView,
  PassPaymentStart,
  PassPeriod,
  PassPlanView as PassPlan,
  PassReceipt,
  PassStandingKind as PassStanding,
  PassStarted,
  PassView,
  PassesOnSale,
} from '../../server/contract';
