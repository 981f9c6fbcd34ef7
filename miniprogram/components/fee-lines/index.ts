// The tariff breakdown of a fee: one line per free time, period, cap and the total.
Component({
  properties: {
    /** FeeLineView[] (services/driver-format.ts): text, amount in yuan, total. */
    lines: { type: Array, value: [] },
  },
});
