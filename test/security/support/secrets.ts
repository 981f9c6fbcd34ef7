import { DEMO_MERCHANT } from '../../../sandbox/config';
import { DEMO_GATE_SECRET } from '../../../server/seed/demo-data';
import { GATE_SECRET } from '../../backend/support/seed';

/**
 * Every secret of the local stacks, by name: the merchant's password (the function env's
 * ALLINPAY_PASSWORD in the test and dev stacks), the key derived from it (ALLINPAY_KEY), and the
 * gate secrets of the demo seed and of the backend test seed.
 */
export const SECRETS: Readonly<Record<string, string>> = {
  'merchant password (function env ALLINPAY_PASSWORD)': DEMO_MERCHANT.password,
  'merchant key (ALLINPAY_KEY)': DEMO_MERCHANT.key,
  'gate secret of the test lots (test/backend/support/seed.ts)': GATE_SECRET,
  'demo gate secret (server/seed/demo-data.ts)': DEMO_GATE_SECRET,
};

/** The forms a secret could take in a line of text. */
export function encodings(secret: string): Record<string, string> {
  const bytes = Buffer.from(secret, 'utf8');
  return {
    raw: secret,
    lowercase: secret.toLowerCase(),
    uppercase: secret.toUpperCase(),
    base64: bytes.toString('base64').replace(/=+$/, ''),
    base64url: bytes.toString('base64url'),
    hex: bytes.toString('hex'),
    HEX: bytes.toString('hex').toUpperCase(),
    uri: encodeURIComponent(secret),
    form: new URLSearchParams({ s: secret }).toString().slice(2),
    json: JSON.stringify(secret).slice(1, -1),
    jsonAscii: JSON.stringify(secret)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  };
}

/** How long a piece of the key may not appear (the masked form shows 4 + 4 characters). */
const KEY_PIECE = 16;

/** "<where>: <secret name> as <form>" for every secret found in `texts`. */
export function leaks(texts: readonly string[], where = (n: number) => `line ${n}`): string[] {
  const found: string[] = [];
  const key = DEMO_MERCHANT.key.toLowerCase();
  texts.forEach((text, n) => {
    const lower = text.toLowerCase();
    for (const [name, secret] of Object.entries(SECRETS)) {
      for (const [form, encoded] of Object.entries(encodings(secret))) {
        const caseless = form === 'lowercase' || form === 'uppercase';
        if (caseless ? lower.includes(encoded.toLowerCase()) : text.includes(encoded)) {
          found.push(`${where(n)}: ${name} as ${form}`);
        }
      }
    }
    for (let i = 0; i + KEY_PIECE <= key.length; i += 1) {
      if (lower.includes(key.slice(i, i + KEY_PIECE))) {
        found.push(`${where(n)}: merchant key, ${KEY_PIECE} characters from ${i}`);
        break;
      }
    }
  });
  return found;
}
