import { sign, signingString, type FieldEntries } from '../../core/allinpay/sign';
import { redactText } from '../../server/allinpay-client/logger';

/** Two lines: the signing string with the key masked, then the sign alone (easy to grep). */
export function formatSign(fields: FieldEntries, key: string, secrets: readonly string[]): string {
  return `${redactText(signingString(fields, key), secrets)}\n${sign(fields, key)}\n`;
}
