// Typed properties, one place for the component and for the pages that use it (TDesign's props.ts).
export const plateKeyboardProps = {
  /** The plate to start from, e.g. a remembered one; 8 characters turn new energy on. */
  value: { type: String, value: '' },
  /** Show the eighth (new-energy) box from the start. */
  newEnergy: { type: Boolean, value: false },
  /** Show the plate only: no keyboard, taps ignored. */
  disabled: { type: Boolean, value: false },
};

export type PlateKeyboardProps = WechatMiniprogram.Component.PropertyOptionToData<
  typeof plateKeyboardProps
>;
