/**
 * A misread at the exit matched to the entry (issue 12, lane decisions): a camera may read one
 * character wrong (8/B, 0/D, the province character). A plate read at an exit with no session of
 * its own is taken for a car inside when exactly one inside plate differs from it in exactly one
 * character at the same position (the province character included) and has the same length;
 * with none, or with two or more such plates, there is no match and the operator decides.
 */
export function oneCharOff(read: string, inside: string): boolean {
  const a = Array.from(read);
  const b = Array.from(inside);
  if (a.length !== b.length) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++differences > 1) return false;
  return differences === 1;
}

/** The one inside plate the read can be, or undefined (no match, or ambiguous). */
export function matchMisread(read: string, insidePlates: readonly string[]): string | undefined {
  const matches = [...new Set(insidePlates)].filter((p) => oneCharOff(read, p));
  return matches.length === 1 ? matches[0] : undefined;
}
