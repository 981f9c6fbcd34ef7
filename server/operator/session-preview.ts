import { amountDue } from '../../core/parking/amount-due';
import { type Session, frozenLeft } from '../../core/parking/session';
import { isFinal } from '../../core/parking/session-states';
import { AppError } from '../api-kit/app-error';
import { settlementOf } from '../parking/views';
import type { EndPreview } from '../contract/operator-views';
import { type EndKind, nextStep } from './session-actions';

/**
 * What an operator's finish or cancel would do now (pure, read-only), so that the dialog shows
 * the amounts before a reason is typed, and offers only what is possible:
 * - `charge`: taken now from the freeze (finish: the parking fee due, at most the freeze);
 * - `returned`: given back from the freeze; `waived`: owed but not charged by this action
 *   (a finish without a freeze, a fee beyond the freeze, or any cancel);
 * - `whyNot`: why the action is not possible (Chinese), with its `code`.
 */
export type { EndPreview };

function refusalOf(session: Session, kind: EndKind): { code: string; whyNot: string } | undefined {
  if (isFinal(session.state)) return { code: 'ALREADY_ENDED', whyNot: '该记录已结束，无需操作' };
  try {
    const step = nextStep(session, kind, 'preview', 'preview');
    if (step.kind === 'pending') {
      return { code: 'CALL_PENDING', whyNot: '平台正在处理该记录，请稍后重试' };
    }
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, whyNot: error.message };
    throw error;
  }
}

export function previewEnd(session: Session, kind: EndKind, now: number): EndPreview {
  const refusal = refusalOf(session, kind);
  const cancelRefusal = kind === 'cancel' ? refusal : refusalOf(session, 'cancel');
  const computed = amountDue(session, now);
  const due = computed.ok ? computed.value.due : 0;
  const freezeOpen = session.state === 'frozen' || session.state === 'parked';
  const left = freezeOpen || session.state === 'booked' ? frozenLeft(session) : 0;
  let charge = 0;
  let returned = 0;
  if (!refusal) {
    if (kind === 'finish' && freezeOpen) {
      const s = settlementOf(left, due);
      charge = s.fromFreeze;
      returned = s.returned;
    } else {
      returned = left;
    }
  }
  return {
    action: kind,
    possible: refusal === undefined,
    ...(refusal && { code: refusal.code, whyNot: refusal.whyNot }),
    due,
    charge,
    fromFreeze: charge,
    returned,
    waived: refusal ? 0 : Math.max(0, due - charge),
    canCancel: cancelRefusal === undefined,
    ...(cancelRefusal && { cancelWhyNot: cancelRefusal.whyNot }),
    at: now,
  };
}
