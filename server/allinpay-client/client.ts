import { setTimeout as sleep } from 'node:timers/promises';
import { encodeForm } from '../../core/allinpay/form';
import {
  endpointPath,
  redirectPath,
  requestSchemas,
  type Endpoint,
  type RedirectEndpoint,
  type RequestInput,
} from '../../core/allinpay/requests';
import { sign } from '../../core/allinpay/sign';
import { parseOrThrow, ProtocolValidationError } from '../../core/allinpay/validation';
import { resolveConfig, type AllinpayClientConfig, type ResolvedConfig } from './config';
import { AllinpayCallError, OutcomeUnknownError } from './errors';
import { interpretAnswer } from './interpret';
import { safeLogger, type RequiredLogger } from './logger';
import { newRandomstr } from './randomstr';
import type { AllinpayResult } from './result';
import { createTransport, TransportError, type Transport } from './transport';

/** Fields the client fills itself: never the caller's (protocol note 3 for randomstr). */
const CLIENT_FIELDS = ['cusid', 'randomstr', 'sign'] as const;
type ClientField = (typeof CLIENT_FIELDS)[number];

/** What a caller passes per endpoint: the request minus cusid/randomstr (and notify_url optional). */
export type CallInput<E extends Endpoint> = E extends 'pay' | 'prepay'
  ? Omit<RequestInput<E>, ClientField | 'notify_url'> & { notify_url?: string }
  : Omit<RequestInput<E>, ClientField>;

export type PayInput = CallInput<'pay'>;
export type PrepayInput = CallInput<'prepay'>;
export type FinishInput = CallInput<'finish'>;
export type CancelInput = CallInput<'cancel'>;
export type QueryInput = CallInput<'query'>;

export interface QueryOptions {
  /**
   * Hedged queries only: past this many ms without a verified answer the query fails with an
   * outcome-unknown error (reason 'deadline'), for a caller that would rather ask again.
   */
  deadlineMs?: number;
}

export interface AllinpayClient {
  /** Charge (protocol note 5). Resolves with `processing` while the payer has not paid yet. */
  pay(input: PayInput): Promise<AllinpayResult<'pay'>>;
  /** Freeze (protocol note 6). Resolves with `processing` while the payer has not paid yet. */
  prepay(input: PrepayInput): Promise<AllinpayResult<'prepay'>>;
  /** Charge a segment of a freeze (protocol note 7). */
  finish(input: FinishInput): Promise<AllinpayResult<'finish'>>;
  /** Return part of a freeze (protocol note 8). */
  cancel(input: CancelInput): Promise<AllinpayResult<'cancel'>>;
  /** State of a reqsn, any outcome (protocol note 9); retried on outcome-unknown errors only. */
  query(input: QueryInput, options?: QueryOptions): Promise<AllinpayResult<'query'>>;
  /** Any endpoint by name, e.g. for the CLI; same rules as the named methods. */
  call<E extends Endpoint>(endpoint: E, input: CallInput<E>): Promise<AllinpayResult<E>>;
  /**
   * The browser-redirect URL of a pay or prepay without openid (protocol note 12): the signed
   * fields as its query, for the payer's browser to open. Nothing is sent; the key stays here.
   */
  redirectUrl<E extends RedirectEndpoint>(endpoint: E, input: CallInput<E>): string;
  /** Releases kept-alive connections. */
  close(): void;
}

function refuseClientFields(endpoint: Endpoint, input: object) {
  const given = CLIENT_FIELDS.filter((name) => name in input);
  if (given.length > 0) {
    throw new ProtocolValidationError(
      `${endpoint} request`,
      given.map((field) => ({ field, rule: 'is set by the client, do not pass it' })),
    );
  }
}

function endpointUrl(baseUrl: string, endpoint: Endpoint): string {
  return urlOf(baseUrl, endpointPath(endpoint));
}

function urlOf(baseUrl: string, path: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return new URL(path.slice(1), base).toString();
}

/** The request's wire fields, validated before anything leaves (protocol note 3), and signed. */
function signedFields<E extends Endpoint>(
  config: ResolvedConfig,
  endpoint: E,
  input: CallInput<E>,
): Record<string, string | undefined> {
  if (input === null || typeof input !== 'object') {
    throw new ProtocolValidationError(`${endpoint} request`, [
      { field: '', rule: 'must be an object of fields' },
    ]);
  }
  refuseClientFields(endpoint, input);
  const draft: Record<string, unknown> = {
    ...input,
    cusid: config.cusid,
    randomstr: newRandomstr(),
  };
  if ((endpoint === 'pay' || endpoint === 'prepay') && draft.notify_url === undefined) {
    draft.notify_url = config.notifyUrl;
  }
  const fields = parseOrThrow(requestSchemas[endpoint], draft, `${endpoint} request`) as Record<
    string,
    string | undefined
  >;
  return { ...fields, sign: sign(fields, config.key) };
}

function redirectUrlOf<E extends RedirectEndpoint>(
  config: ResolvedConfig,
  endpoint: E,
  input: CallInput<E>,
): string {
  if (input !== null && typeof input === 'object' && 'openid' in input) {
    // The platform learns the payer itself in the browser flow (protocol note 12).
    throw new ProtocolValidationError(`${endpoint} redirect`, [
      { field: 'openid', rule: 'is not sent in the browser-redirect flow' },
    ]);
  }
  const fields = signedFields(config, endpoint, input);
  return `${urlOf(config.baseUrl, redirectPath(endpoint))}?${encodeForm(fields)}`;
}

async function callOnce<E extends Endpoint>(
  config: ResolvedConfig,
  transport: Transport,
  log: RequiredLogger,
  endpoint: E,
  input: CallInput<E>,
): Promise<AllinpayResult<E>> {
  // Validation before any network call (protocol note 3).
  const fields = signedFields(config, endpoint, input);
  const reqsn = fields.reqsn as string;
  const body = encodeForm(fields);
  const url = endpointUrl(config.baseUrl, endpoint);

  const started = Date.now();
  log.debug('allinpay request', { endpoint, reqsn, url });
  try {
    let answer;
    try {
      answer = await transport.postForm(url, body);
    } catch (error) {
      if (error instanceof TransportError) {
        throw new OutcomeUnknownError(endpoint, reqsn, error.kind, error.message, {
          networkCode: error.networkCode,
        });
      }
      throw error;
    }
    const result = interpretAnswer(
      {
        endpoint,
        reqsn,
        cusid: config.cusid,
        appid: config.appid,
        key: config.key,
        secrets: config.secrets,
      },
      answer.status,
      answer.body,
    );
    log.info('allinpay answer', {
      endpoint,
      reqsn,
      httpStatus: answer.status,
      trxstatus: result.trxstatus,
      outcome: result.outcome,
      ms: Date.now() - started,
    });
    return result as AllinpayResult<E>;
  } catch (error) {
    if (error instanceof AllinpayCallError) {
      log.warn('allinpay call failed', { ...error.toJSON(), ms: Date.now() - started });
    }
    throw error;
  }
}

/**
 * A client of the Allinpay order platform for server code. pay, prepay, finish and cancel are
 * sent once, never resent (a lost answer leaves the outcome unknown: query; protocol note 4).
 */
export function createAllinpayClient(options: AllinpayClientConfig): AllinpayClient {
  const config = resolveConfig(options);
  const log = safeLogger(config.logger, config.secrets);
  const transport = createTransport(config);

  async function call<E extends Endpoint>(
    endpoint: E,
    input: CallInput<E>,
  ): Promise<AllinpayResult<E>> {
    if (endpoint !== 'query') return callOnce(config, transport, log, endpoint, input);
    if (config.queryHedgeMs !== undefined) {
      return (await hedgedQuery(input as QueryInput, config.queryHedgeMs)) as AllinpayResult<E>;
    }
    // Only query is safe to repeat; each attempt gets a fresh randomstr.
    for (let attempt = 0; ; attempt++) {
      try {
        return await callOnce(config, transport, log, endpoint, input);
      } catch (error) {
        if (!(error instanceof OutcomeUnknownError) || attempt >= config.queryRetries) throw error;
        log.info('allinpay query retry', {
          reqsn: error.reqsn,
          attempt: attempt + 1,
          reason: error.reason,
        });
        await sleep(config.queryRetryDelayMs * (attempt + 1));
      }
    }
  }

  /**
   * Query is read-only, so attempts may overlap: one more goes out when none has answered within
   * `hedgeMs` or at once when one fails with an unknown outcome (a 5xx, a timeout), up to
   * 1 + queryRetries in all. The first verified answer wins; later answers are dropped.
   */
  function hedgedQuery(
    input: QueryInput,
    hedgeMs: number,
    options: QueryOptions = {},
  ): Promise<AllinpayResult<'query'>> {
    const maxAttempts = 1 + config.queryRetries;
    return new Promise((resolve, reject) => {
      let started = 0;
      let failed = 0;
      let settled = false;
      let hedge: NodeJS.Timeout | undefined;
      let deadline: NodeJS.Timeout | undefined;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(hedge);
        clearTimeout(deadline);
        done();
      };
      const launch = () => {
        if (settled || started >= maxAttempts) return;
        started++;
        if (started > 1) log.info('allinpay query hedge', { reqsn: input.reqsn, attempt: started });
        clearTimeout(hedge);
        if (started < maxAttempts) hedge = setTimeout(launch, hedgeMs);
        callOnce(config, transport, log, 'query', input).then(
          (result) => settle(() => resolve(result)),
          (error: unknown) => {
            failed++;
            // A refusal or a bad signature is an answer, not a lost one: never sent again.
            if (!(error instanceof OutcomeUnknownError)) return settle(() => reject(error));
            if (started < maxAttempts) return launch();
            if (failed >= started) settle(() => reject(error));
          },
        );
      };
      if (options.deadlineMs !== undefined) {
        const ms = options.deadlineMs;
        deadline = setTimeout(() => {
          const why = `no verified answer within ${ms} ms`;
          settle(() => reject(new OutcomeUnknownError('query', input.reqsn, 'deadline', why)));
        }, ms);
      }
      launch();
    });
  }

  return {
    pay: (input) => call('pay', input),
    prepay: (input) => call('prepay', input),
    finish: (input) => call('finish', input),
    cancel: (input) => call('cancel', input),
    query: (input, options) =>
      config.queryHedgeMs !== undefined && options?.deadlineMs !== undefined
        ? hedgedQuery(input, config.queryHedgeMs, options)
        : call('query', input),
    call,
    redirectUrl: (endpoint, input) => redirectUrlOf(config, endpoint, input),
    close: () => transport.close(),
  };
}
