import { randomBytes } from 'node:crypto';

/** 32 hex characters (128 bits) from the OS CSPRNG (protocol note 3). */
export function newRandomstr(): string {
  return randomBytes(16).toString('hex');
}
