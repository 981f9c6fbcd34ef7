import { sessionIn } from '../../core/parking/session-fixtures';
import { SESSION_FLOWS, SESSION_STATES } from '../../core/parking/session-states';
import { AppError } from '../api-kit/app-error';
import { nextStep } from './session-actions';

/** What finish and cancel do first from every reachable state (pure). */
function firstStep(
  kind: 'finish' | 'cancel',
  flow: (typeof SESSION_FLOWS)[number],
  state: (typeof SESSION_STATES)[number],
) {
  const session = sessionIn(flow, state);
  if (!session) return undefined;
  try {
    const step = nextStep(session, kind, 'oOP', '原因');
    if (step.kind === 'settle') return `settle:${step.policy}`;
    if (step.kind === 'event') return `event:${step.make(session, session.updatedAt + 1).type}`;
    if (step.kind === 'call') {
      const event = step.make(session, session.updatedAt + 1, 'O250101130000BBBBBBBBBBBBBBBB');
      return `call:${'type' in event ? event.type : event.code}`;
    }
    return step.kind;
  } catch (error) {
    if (error instanceof AppError) return `refuse:${error.code}`;
    throw error;
  }
}

describe('nextStep', () => {
  const table: Record<string, [string | undefined, string | undefined]> = {};
  for (const flow of SESSION_FLOWS) {
    for (const state of SESSION_STATES) {
      const finish = firstStep('finish', flow, state);
      const cancel = firstStep('cancel', flow, state);
      if (finish !== undefined) table[`${flow}/${state}`] = [finish, cancel];
    }
  }

  it('ends every reachable state as the operator asks, or says why not', () => {
    expect(table).toMatchObject({
      'exit_pay/open': ['event:operator_closed', 'event:operator_closed'],
      'exit_pay/awaiting_payment': ['event:operator_closed', 'event:operator_closed'],
      'exit_pay/paid': ['event:operator_closed', 'refuse:ALREADY_PAID'],
      'exit_pay/closed': ['done', 'done'],
      'entry_prepay/awaiting_prepay': ['refuse:NOT_PREPAID', 'event:payment_abandoned'],
      'entry_prepay/frozen': ['settle:charge_due', 'settle:return_all'],
      'entry_prepay/settling': ['pending', 'pending'],
      'roadside_booking/booked': ['refuse:NOT_ARRIVED', 'call:cancel_requested'],
      'roadside_booking/parked': ['settle:charge_due', 'settle:return_all'],
      'roadside_booking/arriving': ['pending', 'pending'],
      'roadside_booking/cancelled': ['done', 'done'],
    });
  });

  it('never leaves a state without an answer', () => {
    for (const [key, [finish, cancel]] of Object.entries(table)) {
      expect({ key, finish: typeof finish, cancel: typeof cancel }).toEqual({
        key,
        finish: 'string',
        cancel: 'string',
      });
    }
  });
});
