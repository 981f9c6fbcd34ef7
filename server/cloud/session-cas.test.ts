import { sessionIn } from '../../core/parking/session-fixtures';
import { transition } from '../../core/parking/session-machine';
import { HOUR, T0 } from '../../core/parking/test-fixtures';
import type { Commands, Database } from './database';
import { casPatch } from './session-cas';

// Stand-ins for the SDK's update commands, so that the patch can be read.
const cmd = {
  set: (value: unknown) => ({ $set: value }),
  remove: () => ({ $remove: true }),
} as unknown as Commands;
const db = { cmd } as Database;

describe('casPatch', () => {
  const before = sessionIn('exit_pay', 'open')!;
  const result = transition(before, {
    type: 'pay_requested',
    at: T0 + 2 * HOUR,
    callId: 'P9',
    amount: 1000,
  });
  if (!result.ok) throw new Error(result.code);
  const after = result.session;

  it('replaces every field of the new record whole (objects are not merged) and never the id', () => {
    const patch = casPatch(db, before, after);
    expect(patch).not.toHaveProperty('id');
    expect(patch.state).toEqual({ $set: 'awaiting_payment' });
    expect(patch.version).toEqual({ $set: before.version + 1 });
    expect(patch.calls).toEqual({ $set: after.calls });
    expect(patch.amounts).toEqual({ $set: after.amounts });
  });

  it('removes a field the new record no longer has, and sets or removes extras', () => {
    const withHold = { ...before, holdUntil: T0 };
    const patch = casPatch(db, withHold, after, { staleAt: null, checkedAt: undefined });
    expect(patch.holdUntil).toEqual({ $remove: true });
    expect(patch.staleAt).toEqual({ $set: null });
    expect(patch.checkedAt).toEqual({ $remove: true });
  });
});
