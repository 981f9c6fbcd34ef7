import type { PlateKind } from '../../core/plate';

/** `bind:change`, after every edit (a key, delete, the new-energy box on or off). */
export interface PlateKeyboardChangeDetail {
  /** The plate as typed so far, empty boxes skipped. */
  readonly value: string;
  /** Every box is filled and the plate is valid. */
  readonly valid: boolean;
  readonly newEnergy: boolean;
}

/** `bind:confirm`, only for a valid plate with every box filled. */
export interface PlateKeyboardConfirmDetail {
  /** The normalised plate, e.g. 粤B12345. */
  readonly value: string;
  readonly kind: PlateKind;
}
