import {
  createState,
  deleteBack,
  invalidBoxes,
  markConfirmTried,
  moveTo,
  plateOf,
  pressKey,
  setNewEnergy,
  statusOf,
  confirmable,
  type PlateInputState,
} from './state';

// The transitions on their own; index.test.ts drives the same code through the rendered component.

const typed = (state: PlateInputState, keys: string) =>
  Array.from(keys).reduce((s, key) => pressKey(s, key), state);

describe('createState', () => {
  test('normalises the value and fills the boxes from the left', () => {
    const state = createState(' 京ａ１2 ', false);
    expect(state.chars).toEqual(['京', 'A', '1', '2', '', '', '']);
    expect(state.active).toBe(4);
    expect(state.newEnergy).toBe(false);
  });

  test('keeps at most 8 characters, and 8 mean new energy', () => {
    expect(createState('粤BD12345', false).newEnergy).toBe(true);
    expect(plateOf(createState('粤BD123456789', false))).toBe('粤BD12345');
  });

  test('a full plate has its last box active', () => {
    expect(createState('粤B12345', false).active).toBe(6);
    expect(createState('', true).chars).toHaveLength(8);
  });
});

describe('transitions', () => {
  test('a forbidden key or an impossible move returns the same state', () => {
    const start = createState('', false);
    expect(pressKey(start, 'A')).toBe(start);
    expect(deleteBack(start)).toBe(start);
    expect(moveTo(start, -1)).toBe(start);
    expect(moveTo(start, 8)).toBe(start);
    expect(moveTo(start, 1.5)).toBe(start);
    expect(setNewEnergy(start, false)).toBe(start);
  });

  test('moving to the eighth box turns new energy on; turning it off drops that box', () => {
    const on = moveTo(createState('粤B12345', false), 7);
    expect(on.newEnergy).toBe(true);
    expect(on.active).toBe(7);
    const off = setNewEnergy(pressKey(on, 'F'), false);
    expect(off.chars).toEqual(Array.from('粤B12345'));
    expect(off.active).toBe(6);
  });

  test('an edit forgets a refused confirm', () => {
    const tried = markConfirmTried(typed(createState('', false), '粤B'));
    expect(tried.confirmTried).toBe(true);
    expect(markConfirmTried(tried)).toBe(tried);
    expect(pressKey(tried, '1').confirmTried).toBe(false);
    expect(deleteBack(tried).confirmTried).toBe(false);
  });
});

describe('status and checks', () => {
  test('a gap left in the middle: later boxes are judged by the boxes before the gap', () => {
    let state = typed(createState('', false), '粤B12345');
    state = deleteBack(moveTo(state, 1));
    expect(state.chars).toEqual(['粤', '', '1', '2', '3', '4', '5']);
    expect(invalidBoxes(state)).toEqual(new Set());
    expect(statusOf(state)).toEqual({ level: 'pending', message: '还需输入 1 位' });
    expect(confirmable(state)).toBeNull();
    expect(pressKey(state, '9')).toBe(state);
    expect(plateOf(pressKey(state, 'C'))).toBe('粤C12345');
  });

  test('an embassy plate passes the validator but is not typed on this keyboard', () => {
    const state = createState('123456使', false);
    expect(statusOf(state).level).toBe('valid');
    expect(invalidBoxes(state)).toEqual(new Set());
    expect(confirmable(state)).toEqual({ value: '123456使', kind: 'embassy' });
  });

  test('with the eighth box on, a 7-character plate is not confirmable', () => {
    const state = setNewEnergy(createState('粤B12345', false), true);
    expect(confirmable(state)).toBeNull();
    expect(statusOf(markConfirmTried(state))).toEqual({
      level: 'invalid',
      message: '还需输入 1 位',
    });
  });
});
