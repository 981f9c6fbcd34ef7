import { ENDPOINTS, type Endpoint } from '../../core/allinpay/requests';
import {
  AllinpayCallError,
  ClientConfigError,
  createAllinpayClient,
  ProtocolValidationError,
  TransactionFailedError,
  type AllinpayResult,
  type CallInput,
} from '../../server/allinpay-client';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import type { ResolvedKey } from '../key-option';
import { UsageError } from '../usage-error';

export interface CallOptions {
  baseUrl: string;
  cusid: string;
  appid: string;
  notifyUrl?: string;
  connectTimeoutMs: number;
  timeoutMs: number;
}

export interface CallOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function parseEndpoint(name: string): Endpoint {
  if ((ENDPOINTS as string[]).includes(name)) return name as Endpoint;
  throw new UsageError(`unknown endpoint "${name}": use one of ${ENDPOINTS.join(', ')}`);
}

/** Client config fields as the command's options, so that errors name what the user typed. */
const OPTION_OF: Record<string, string> = {
  baseUrl: '--base-url',
  cusid: '--cusid',
  appid: '--appid',
  key: '--key',
  password: '--password',
  notifyUrl: '--notify-url',
  connectTimeoutMs: '--connect-timeout',
  timeoutMs: '--timeout',
};

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** What the command prints for a call's result or error (pure). */
export function formatCallOutcome(outcome: AllinpayResult | unknown): CallOutcome {
  if (outcome instanceof ClientConfigError) {
    const problems = outcome.issues.map((i) => `${OPTION_OF[i.field] ?? i.field} ${i.rule}`);
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `error: ${problems.join('; ')}\nfix these options and run again (see allinpay call --help)\n`,
    };
  }
  if (outcome instanceof ProtocolValidationError) {
    return {
      exitCode: EXIT_USAGE,
      stdout: '',
      stderr: `error: ${outcome.message}\nfix the fields named above and run again (see allinpay call --help)\n`,
    };
  }
  if (outcome instanceof TransactionFailedError) {
    return {
      exitCode: EXIT_INVALID,
      stdout: pretty(outcome.result),
      stderr: `${outcome.message}\n`,
    };
  }
  if (outcome instanceof AllinpayCallError) {
    return {
      exitCode: EXIT_INVALID,
      stdout: '',
      stderr: `${outcome.message}\n${pretty(outcome.toJSON())}`,
    };
  }
  if (outcome instanceof Error) throw outcome;
  return { exitCode: EXIT_OK, stdout: pretty(outcome), stderr: '' };
}

/** Sends one signed request with the project's client (no query retries: show what happened). */
export async function runCall(
  endpoint: Endpoint,
  fields: ReadonlyArray<[string, string]>,
  options: CallOptions,
  key: ResolvedKey,
): Promise<CallOutcome> {
  let client;
  try {
    client = createAllinpayClient({ ...options, ...key.source, queryRetries: 0 });
  } catch (error) {
    return formatCallOutcome(error);
  }
  try {
    const input = Object.fromEntries(fields) as CallInput<Endpoint>;
    return formatCallOutcome(await client.call(endpoint, input));
  } catch (error) {
    return formatCallOutcome(error);
  } finally {
    client.close();
  }
}
