import { UsageError } from './usage-error';

/**
 * `name=value` arguments into ordered entries. The value is everything after the first `=`, taken
 * raw (protocol note 2: no URL encoding), so it may hold `=`, `&`, `+`, `%` and spaces.
 */
export function parseFieldArgs(args: readonly string[]): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const at = arg.indexOf('=');
    if (at <= 0) {
      throw new UsageError(
        `"${arg}" is not a field: write fields as name=value, e.g. reqsn=1450432107647`,
      );
    }
    const name = arg.slice(0, at);
    if (name === 'key') {
      throw new UsageError('key is not a field: give it with --key (or --password)');
    }
    if (seen.has(name)) {
      throw new UsageError(`field ${name} is given twice: give each field once`);
    }
    seen.add(name);
    entries.push([name, arg.slice(at + 1)]);
  }
  return entries;
}
