/**
 * Seeded pseudo-random draws for fault injection. mulberry32 (a small, well-known 32-bit generator)
 * seeded from an FNV-1a hash of (seed, kind, key): a draw depends only on those, not on the order
 * in which concurrent requests arrive, so the same seed and the same traffic give the same faults.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A number in [0, 1) fixed by (seed, kind, key). */
export function keyedDraw(seed: number, kind: string, key: string): number {
  return mulberry32(fnv1a(`${seed}|${kind}|${key}`))();
}
