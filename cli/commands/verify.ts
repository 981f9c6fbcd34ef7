import { jsonToEntries, parseForm } from '../../core/allinpay/form';
import { signingString, verifyDetailed, type FieldEntries } from '../../core/allinpay/sign';
import { redactText } from '../../server/allinpay-client/logger';
import { UsageError } from '../usage-error';

export interface ParsedBody {
  format: 'json' | 'form';
  entries: Array<[string, string]>;
}

/**
 * A notification (form) or an answer (JSON) as received, parsed once (protocol note 2). A body
 * that starts with `{` (or `[`) is JSON. Line ends around the body (from `echo` or a file) are dropped:
 * a form body cannot end in a raw newline, it would be `%0A`.
 */
export function parseBody(text: string): ParsedBody {
  const body = text.replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (body.trim() === '') {
    throw new UsageError(
      'stdin is empty: pipe the body in, e.g. echo "appid=00000000&sign=..." | allinpay verify --key K',
    );
  }
  if (/^\s*[{[]/.test(body)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new UsageError(
        `stdin looks like JSON but is not valid JSON (${(error as Error).message}): fix the JSON or send the form body`,
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new UsageError('the JSON on stdin must be an object of fields');
    }
    return { format: 'json', entries: jsonToEntries(parsed as Record<string, unknown>) };
  }
  return { format: 'form', entries: parseForm(body) };
}

export interface VerifyReport {
  valid: boolean;
  text: string;
}

/** `valid` and the sign; or `invalid`, what was received, the expected sign and its masked string. */
export function formatVerification(
  entries: FieldEntries,
  key: string,
  secrets: readonly string[],
): VerifyReport {
  const { valid, expected, received } = verifyDetailed(entries, key);
  if (valid) return { valid, text: `valid\nsign:     ${received}\n` };
  const string = redactText(signingString(entries, key), secrets);
  return {
    valid,
    text:
      `invalid\n` +
      `received: ${received || '(no sign field)'}\n` +
      `expected: ${expected}\n` +
      `string:   ${string}\n`,
  };
}
