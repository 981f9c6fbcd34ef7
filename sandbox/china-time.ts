/**
 * China time (UTC+8, no daylight saving) formatting. Protocol note 3: `fintime` is
 * yyyymmddhhmmss and `trxdate` yyyymmdd in China time; people see China time too.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function parts(ms: number) {
  const d = new Date(ms + CHINA_OFFSET_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    y: pad(d.getUTCFullYear(), 4),
    mo: pad(d.getUTCMonth() + 1),
    d: pad(d.getUTCDate()),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
  };
}

/** `yyyymmddhhmmss` in China time. */
export function toFintime(ms: number): string {
  const p = parts(ms);
  return `${p.y}${p.mo}${p.d}${p.h}${p.mi}${p.s}`;
}

/** `yyyymmdd` in China time. */
export function toTrxdate(ms: number): string {
  const p = parts(ms);
  return `${p.y}${p.mo}${p.d}`;
}

/** `yyyy-mm-dd hh:mm:ss` in China time, for people. */
export function toChinaDisplay(ms: number): string {
  const p = parts(ms);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}
