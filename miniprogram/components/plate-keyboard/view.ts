import { pageFor, slotsOf, type KeyboardPage } from './layout';
import {
  NEW_ENERGY_BOXES,
  allowedKeys,
  confirmable,
  invalidBoxes,
  plateOf,
  statusOf,
  type PlateInputState,
  type StatusLevel,
} from './state';

// What the template renders, computed from the state in one place.

export interface BoxView {
  readonly index: number;
  readonly char: string;
  readonly active: boolean;
  readonly invalid: boolean;
  /** The new-energy box. */
  readonly eighth: boolean;
}

export interface KeyView {
  /** `char` keys type `key`; `delete` goes back one box. */
  readonly kind: 'char' | 'delete';
  readonly key: string;
  readonly label: string;
  readonly disabled: boolean;
}

export interface PlateKeyboardView {
  readonly plate: string;
  readonly boxes: readonly BoxView[];
  /** The eighth box is shown (named apart from the `newEnergy` property). */
  readonly eighthOn: boolean;
  /** The eighth box's index, for the "turn new energy on" placeholder. */
  readonly eighthIndex: number;
  readonly page: KeyboardPage;
  readonly rows: readonly (readonly KeyView[])[];
  readonly statusLevel: StatusLevel;
  readonly statusMessage: string;
  readonly canConfirm: boolean;
}

export function viewOf(state: PlateInputState): PlateKeyboardView {
  const invalid = invalidBoxes(state);
  const allowed = allowedKeys(state);
  const page = pageFor(state.active);
  const status = statusOf(state);
  return {
    plate: plateOf(state),
    boxes: state.chars.map((char, index) => ({
      index,
      char,
      active: index === state.active,
      invalid: invalid.has(index),
      eighth: index === NEW_ENERGY_BOXES - 1,
    })),
    eighthOn: state.newEnergy,
    eighthIndex: NEW_ENERGY_BOXES - 1,
    page,
    rows: slotsOf(page).map((row) =>
      row.map((slot) =>
        slot.kind === 'delete'
          ? { kind: 'delete', key: 'delete', label: '删除', disabled: false }
          : { kind: 'char', key: slot.key, label: slot.key, disabled: !allowed.has(slot.key) },
      ),
    ),
    statusLevel: status.level,
    statusMessage: status.message,
    canConfirm: confirmable(state) !== null,
  };
}
