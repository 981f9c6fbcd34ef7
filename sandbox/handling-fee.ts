/**
 * The platform's handling fee (`feeAIP`), borne by the merchant (spec 支付手续费). The rate is in
 * basis points (60 = 0.6%); the result is rounded half up to the fen, in integer arithmetic only.
 */
export const DEFAULT_FEE_RATE_BP = 60;

export function handlingFee(chargedFen: number, rateBp: number): number {
  if (!Number.isSafeInteger(chargedFen) || chargedFen < 0) {
    throw new RangeError('charged amount must be a non-negative integer number of fen');
  }
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    throw new RangeError('rate must be an integer number of basis points between 0 and 10000');
  }
  // At most 9_999_999_999 * 10_000 < 2^53: exact in a double.
  return Math.floor((chargedFen * rateBp + 5_000) / 10_000);
}
