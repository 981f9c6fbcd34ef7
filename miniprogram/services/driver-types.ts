// What the driver routes answer: the contract's types (server/contract), imported type-only —
// a type import of server code is erased, so build:miniprogram bundles nothing for it; the
// contract imports zod, core/ and itself only, so the mini-program's tsc stays free of Node.

import type { GateKind } from '../../core/parking/gate';
import type { LotKind } from '../../core/parking/lot';
import type { SessionFlow, SessionState } from '../../core/parking/session-states';

export type { GateKind, LotKind, SessionFlow, SessionState };
export type {
  Confirmation as ConfirmResult,
  ExitChoices,
  ExitOutcome,
  FeeLine,
  GateView,
  LotSpots,
  LotView,
  MySessions,
  NextAction,
  PaymentStart,
  PlateChoice,
  Quote,
  Receipt,
  RequestPaymentParams,
  SceneResolution,
  SessionDetail,
  StartOutcome as SessionStart,
  SessionView,
  SpotView,
  TariffView,
} from '../../server/contract';
