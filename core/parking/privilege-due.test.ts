import { amountDue } from './amount-due';
import { mayLeave } from './may-leave';
import { newSession } from './session';
import { GATED_LOT, HOUR, TARIFF, T0 } from './test-fixtures';

// A pass or whitelist car's session (core/passes/lane-rule.ts): recorded, nothing charged.
describe('a privileged session', () => {
  const made = (privilege?: { kind: 'pass' | 'whitelist'; refId: string; label: string }) => {
    const built = newSession({
      id: 'S1',
      lot: { ...GATED_LOT, entryPrepay: false },
      tariff: TARIFF,
      flow: 'exit_pay',
      plate: '粤B12345',
      at: T0,
      ...(privilege && { privilege }),
    });
    if (!built.ok) throw new Error(built.message);
    return built.value;
  };

  it('owes nothing however long it stays, and may leave', () => {
    const session = made({ kind: 'pass', refId: 'P1', label: '月卡「标准」' });
    expect(session.privilege).toEqual({ kind: 'pass', refId: 'P1', label: '月卡「标准」' });
    const due = amountDue(session, T0 + 30 * HOUR);
    expect(due.ok && due.value).toMatchObject({ due: 0, quote: { total: 0 } });
    expect(due.ok && due.value.quote.lines[0]?.text).toBe('月卡「标准」 免费');
    expect(mayLeave(session, T0 + 30 * HOUR, 0).allowed).toBe(true);
  });

  it('is charged as usual without one (the test can fail)', () => {
    const due = amountDue(made(), T0 + 30 * HOUR);
    expect(due.ok && due.value.due).toBeGreaterThan(0);
  });
});
