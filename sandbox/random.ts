import { randomInt } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const OPENID_CHARS = `${ALNUM}-_`;

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A random string from a cryptographic source (protocol note 3: randomstr). */
export function randomAlnum(length = 32): string {
  return pick(ALNUM, length);
}

/** A payer openid shaped like WeChat's (28 characters starting with `o`). */
export function sandboxOpenid(): string {
  return `o${pick(OPENID_CHARS, 27)}`;
}

/** A WeChat-like prepay id: `wx` + China time stamp + 20 random hex digits (36 characters). */
export function newPrepayId(fintime: string): string {
  return `wx${fintime}${pick('0123456789abcdef', 20)}`;
}
