import { keyFromPassword } from '../core/allinpay/sign';
import { UsageError } from './usage-error';

export interface KeyOptions {
  key?: string;
  password?: string;
}

export interface ResolvedKey {
  key: string;
  /** What to mask in output: the key, and the password when given. */
  secrets: string[];
  /** The option to hand to the client config. */
  source: { key: string } | { password: string };
}

/**
 * The signing key from --key or --password, else from ALLINPAY_KEY or ALLINPAY_PASSWORD (which
 * keep the secret out of the shell history and the process list). Protocol note 2.2.
 */
export function resolveKey(
  options: KeyOptions,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedKey {
  if (options.key !== undefined && options.password !== undefined) {
    throw new UsageError('give either --key or --password, not both');
  }
  const fromFlags = options.key !== undefined || options.password !== undefined;
  const key = fromFlags ? options.key : env.ALLINPAY_KEY || undefined;
  const password = fromFlags ? options.password : env.ALLINPAY_PASSWORD || undefined;
  if (key !== undefined && password !== undefined) {
    throw new UsageError('ALLINPAY_KEY and ALLINPAY_PASSWORD are both set: unset one of them');
  }
  if (password !== undefined) {
    if (password === '') throw new UsageError('--password is empty: give the platform password');
    const derived = keyFromPassword(password);
    return { key: derived, secrets: [derived, password], source: { password } };
  }
  if (key === undefined) {
    throw new UsageError(
      'no key: give --key <32 hex chars> (the MD5 of the platform password) or --password <password>',
    );
  }
  if (!/^[0-9a-f]{32}$/.test(key)) {
    const hint = /^[0-9A-Fa-f]{32}$/.test(key)
      ? 'write it in lowercase'
      : 'if this is the platform password, give it with --password instead';
    throw new UsageError(
      `--key must be the 32 lowercase hex characters of the MD5 of the platform password: ${hint}`,
    );
  }
  return { key, secrets: [key], source: { key } };
}
