import { ANOMALY_LABELS, type Session } from '../../core/parking/session';
import type { SessionState } from '../../core/parking/session-states';
import type { OperatorActionName, OperatorSessionSummary } from '../contract/operator-views';
import { quoteOf, receiptOf, sessionView } from '../parking/views';

/**
 * What operators see of a session (pure): the driver's view plus what only an operator needs —
 * the payer, the platform calls with their reqsn, the history, the anomalies, and which actions
 * the state allows.
 */
export type { OperatorActionName, OperatorSessionSummary };

const FINISHABLE: readonly SessionState[] = [
  'open',
  'paid',
  'awaiting_payment',
  'frozen',
  'parked',
];
const CANCELLABLE: readonly SessionState[] = [
  'open',
  'awaiting_payment',
  'awaiting_prepay',
  'frozen',
  'parked',
  'booked',
];

export function actionsFor(state: SessionState): OperatorActionName[] {
  const actions: OperatorActionName[] = [];
  if (FINISHABLE.includes(state)) actions.push('finish');
  if (CANCELLABLE.includes(state)) actions.push('cancel');
  return actions;
}

export function operatorSessionSummary(session: Session): OperatorSessionSummary {
  return {
    ...sessionView(session),
    ...(session.openid !== undefined && { openid: session.openid }),
    flagged: session.flagged,
    openAnomalies: session.anomalies
      .filter((a) => a.resolvedAt === undefined)
      .map((a) => ({ code: a.code, label: ANOMALY_LABELS[a.code], detail: a.detail, at: a.at })),
    actions: actionsFor(session.state),
    updatedAt: session.updatedAt,
  };
}

export function operatorSessionDetail(session: Session, now: number) {
  const receipt = receiptOf(session, now);
  return {
    session: operatorSessionSummary(session),
    receipt,
    ...(!receipt.session.final && { quote: quoteOf(session, now) }),
    calls: session.calls.map((c) => ({ ...c })),
    history: session.history.map((h) => ({ ...h })),
    anomalies: session.anomalies.map((a) => ({ ...a, label: ANOMALY_LABELS[a.code] })),
    tariffName: session.tariff.name,
  };
}
