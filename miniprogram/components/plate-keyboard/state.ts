import {
  PLATE_KIND_LABELS,
  allowedCharsAt,
  possiblePlateLengths,
  normalisePlate,
  validatePlate,
  type PlateKind,
  type PlateValidation,
} from '../../core/plate';

/** Boxes of an ordinary plate, and of a new-energy plate (the eighth box). */
export const ORDINARY_BOXES = 7;
export const NEW_ENERGY_BOXES = 8;

/** What the driver has typed, box by box. Transitions return a new state, never mutate. */
export interface PlateInputState {
  /** One entry per box, '' for an empty box; 7 entries, or 8 with `newEnergy`. */
  readonly chars: readonly string[];
  /** The box the next key goes into. */
  readonly active: number;
  readonly newEnergy: boolean;
  /** Set by a confirm that was refused, so the validator's reason is shown until the next edit. */
  readonly confirmTried: boolean;
}

export type StatusLevel = 'pending' | 'valid' | 'invalid';

export interface PlateStatus {
  readonly level: StatusLevel;
  /** Simplified Chinese, shown under the boxes. */
  readonly message: string;
}

function withLength(chars: readonly string[], length: number): string[] {
  return Array.from({ length }, (_, i) => chars[i] ?? '');
}

function firstEmpty(chars: readonly string[]): number {
  const i = chars.indexOf('');
  return i < 0 ? chars.length - 1 : i;
}

/** The state for a plate given from outside: normalised, cut to 8 boxes; 8 characters mean new energy. */
export function createState(value: string, newEnergy: boolean): PlateInputState {
  const typed = Array.from(normalisedValue(value));
  const eighth = newEnergy || typed.length === NEW_ENERGY_BOXES;
  const chars = withLength(typed, eighth ? NEW_ENERGY_BOXES : ORDINARY_BOXES);
  return { chars, active: firstEmpty(chars), newEnergy: eighth, confirmTried: false };
}

/** A plate given from outside as the boxes will hold it, to compare with `plateOf`. */
export function normalisedValue(value: string): string {
  return Array.from(normalisePlate(value)).slice(0, NEW_ENERGY_BOXES).join('');
}

/** The plate as typed so far (empty boxes skipped). */
export function plateOf(state: PlateInputState): string {
  return state.chars.join('');
}

export function isComplete(state: PlateInputState): boolean {
  return state.chars.every((ch) => ch !== '');
}

/** The filled boxes before `index`, up to the first empty one: what the plate rules can judge. */
function prefixBefore(chars: readonly string[], index: number): string {
  const before = chars.slice(0, index);
  const gap = before.indexOf('');
  return (gap < 0 ? before : before.slice(0, gap)).join('');
}

/**
 * Keys the plate rules allow in box `index` (default: the active box), given the boxes before it.
 * When those are all filled, a key must also keep the plate able to reach the number of boxes
 * shown: with the eighth box, only new-energy layouts.
 */
export function allowedKeys(state: PlateInputState, index = state.active): ReadonlySet<string> {
  if (index >= state.chars.length) return new Set();
  const prefix = prefixBefore(state.chars, index);
  let keys = allowedCharsAt(prefix, index);
  if (Array.from(prefix).length === index) {
    const boxes = state.chars.length;
    keys = keys.filter((key) => possiblePlateLengths(prefix + key).indexOf(boxes) >= 0);
  }
  return new Set(keys);
}

function edited(state: PlateInputState, chars: string[], active: number): PlateInputState {
  return { ...state, chars, active, confirmTried: false };
}

/** Types `key` into the active box and moves to the next box; a key the rules forbid changes nothing. */
export function pressKey(state: PlateInputState, key: string): PlateInputState {
  if (!allowedKeys(state).has(key)) return state;
  const chars = [...state.chars];
  chars[state.active] = key;
  return edited(state, chars, Math.min(state.active + 1, chars.length - 1));
}

/** Clears the active box, or, when it is empty, goes back one box and clears that. */
export function deleteBack(state: PlateInputState): PlateInputState {
  const target = state.chars[state.active] !== '' ? state.active : state.active - 1;
  if (target < 0) return state;
  const chars = [...state.chars];
  chars[target] = '';
  return edited(state, chars, target);
}

/** Shows or hides the eighth box; hiding drops its character. */
export function setNewEnergy(state: PlateInputState, on: boolean): PlateInputState {
  if (on === state.newEnergy) return state;
  const chars = withLength(state.chars, on ? NEW_ENERGY_BOXES : ORDINARY_BOXES);
  return { ...edited(state, chars, Math.min(state.active, chars.length - 1)), newEnergy: on };
}

/** Makes box `index` active; the eighth box turns new energy on. */
export function moveTo(state: PlateInputState, index: number): PlateInputState {
  if (!Number.isInteger(index) || index < 0 || index >= NEW_ENERGY_BOXES) return state;
  const sized = index >= ORDINARY_BOXES ? setNewEnergy(state, true) : state;
  return index === sized.active ? sized : { ...sized, active: index };
}

export function validationOf(state: PlateInputState): PlateValidation {
  // The keyboard types table provinces only, so derived plates (note 15) are not accepted here.
  return validatePlate(plateOf(state), { allowDerived: false });
}

/** The plate to confirm, when every box is filled and the plate is valid. */
export function confirmable(state: PlateInputState): { value: string; kind: PlateKind } | null {
  const validation = validationOf(state);
  if (!isComplete(state) || !validation.ok) return null;
  return { value: validation.plate, kind: validation.kind };
}

/** A refused confirm: remember it so that the reason is shown. */
export function markConfirmTried(state: PlateInputState): PlateInputState {
  return state.confirmTried ? state : { ...state, confirmTried: true };
}

export function statusOf(state: PlateInputState): PlateStatus {
  const validation = validationOf(state);
  const missing = state.chars.filter((ch) => ch === '').length;
  if (missing > 0) {
    // While typing, a short hint; the validator's reason once a confirm was refused.
    if (state.confirmTried && !validation.ok)
      return { level: 'invalid', message: validation.message };
    if (missing === state.chars.length && !validation.ok) {
      return { level: 'pending', message: validation.message };
    }
    return { level: state.confirmTried ? 'invalid' : 'pending', message: `还需输入 ${missing} 位` };
  }
  if (validation.ok) return { level: 'valid', message: PLATE_KIND_LABELS[validation.kind] };
  return { level: 'invalid', message: validation.message };
}

/**
 * Boxes whose character the rules do not allow after the boxes before it (after an earlier box
 * was changed, or from the initial value). None when the validator accepts the plate.
 */
export function invalidBoxes(state: PlateInputState): ReadonlySet<number> {
  if (isComplete(state) && validationOf(state).ok) return new Set();
  const bad = new Set<number>();
  state.chars.forEach((ch, i) => {
    if (ch !== '' && !allowedKeys(state, i).has(ch)) bad.add(i);
  });
  return bad;
}
