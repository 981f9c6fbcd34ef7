// Whitespace of any kind (JS `\s` covers the full-width space U+3000), zero-width characters,
// and the middle dots printed between the region and the serial (粤B·12345).
const IGNORED = /[\s\u200b-\u200d\u2060\u00b7\u2022\u30fb\uff65]/g;

// Full-width ASCII digits and letters (ＡＢ１２) are typed by Chinese input methods.
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

const LOWER_ASCII = /[a-z]/g;

/**
 * The canonical spelling of a plate as a driver may type it: no whitespace or separator dots,
 * full-width letters and digits made half-width, ASCII letters uppercased (only a–z: a generic
 * `toUpperCase` would turn e.g. `ı` into `I`). Chinese characters are left as they are.
 */
export function normalisePlate(input: string): string {
  return input
    .replace(IGNORED, '')
    .replace(FULL_WIDTH_ALNUM, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(LOWER_ASCII, (ch) => ch.toUpperCase());
}
