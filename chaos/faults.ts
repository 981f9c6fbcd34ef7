/**
 * The platform's worst day, as sandbox fault settings (sandbox/README.md, Faults): 30% of
 * notifications dropped, 20% of attempts duplicated, 10% delayed or reordered, 2% forged
 * signatures, 1% tampered fees, 5% of API calls failing (HTTP 5xx, or carried out and never
 * answered).
 */
export const CHAOS_FAULTS = {
  drop: 0.3,
  duplicate: 0.2,
  delay: 0.05,
  delayMs: 1500,
  reorder: 0.05,
  reorderMaxHoldMs: 3000,
  corruptSign: 0.02,
  alterFee: 0.01,
  http5xx: 0.03,
  timeout: 0.02,
  // Longer than the functions' ALLINPAY_TIMEOUT_MS below, so the client gives up first.
  timeoutMs: 3000,
} as const;

/** Client timeouts of the functions during the run (protocol calls that hang are cut here). */
export const FUNCTION_ENV = {
  ALLINPAY_TIMEOUT_MS: '1500',
  ALLINPAY_CONNECT_TIMEOUT_MS: '1000',
};
