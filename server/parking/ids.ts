import { randomBytes } from 'node:crypto';
import { type RandomBytes, type ReqsnKind, newReqsn } from '../../core/parking/reqsn';

/** A cryptographic random source (core/parking/reqsn takes one so that it stays pure). */
export const cryptoRandom: RandomBytes = (count) => new Uint8Array(randomBytes(count));

/** A platform order number or our own operation id (core/parking/reqsn.ts). */
export function newCallId(kind: ReqsnKind, now: number, random: RandomBytes = cryptoRandom) {
  return newReqsn(kind, now, random);
}

/** Session ids share the reqsn shape with an `S`: sortable by time, unique by 80 random bits. */
export function newSessionId(now: number, random: RandomBytes = cryptoRandom): string {
  return `S${newReqsn('op', now, random).slice(1)}`;
}
