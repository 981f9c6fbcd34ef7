import axios, { type AxiosInstance } from 'axios';
import { ConnectTimeoutHttpAgent, ConnectTimeoutHttpsAgent } from './connect-timeout-agent';

export interface TransportOptions {
  connectTimeoutMs: number;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

/** Why no HTTP answer arrived; the caller turns it into an outcome-unknown error. */
export class TransportError extends Error {
  constructor(
    readonly kind: 'connect_timeout' | 'response_timeout' | 'network',
    readonly networkCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  postForm(url: string, body: string): Promise<HttpAnswer>;
  close(): void;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

function codeOf(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_CANCELED' && !code.startsWith('ERR_BAD'))
      return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (error as { code?: string })?.code ?? 'UNKNOWN';
}

function classify(error: unknown, deadlineHit: boolean, options: TransportOptions): TransportError {
  const code = codeOf(error);
  if (code === 'ECONNECT_TIMEOUT') {
    return new TransportError(
      'connect_timeout',
      code,
      `no connection within ${options.connectTimeoutMs} ms`,
    );
  }
  if (deadlineHit || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new TransportError('response_timeout', code, `no answer within ${options.timeoutMs} ms`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TransportError('network', code, `${code}: ${message}`);
}

/**
 * Form POSTs over axios with an explicit connect timeout (agent) and response timeout (axios idle
 * timer plus an overall deadline of connect + response). Never retries: a resend is a decision
 * for the caller (protocol note 4). Answers of any HTTP status are returned, as text.
 */
export function createTransport(options: TransportOptions): Transport {
  const httpAgent = new ConnectTimeoutHttpAgent(options.connectTimeoutMs, { keepAlive: true });
  const httpsAgent = new ConnectTimeoutHttpsAgent(options.connectTimeoutMs, { keepAlive: true });
  const http: AxiosInstance = axios.create({
    httpAgent,
    httpsAgent,
    timeout: options.timeoutMs,
    maxRedirects: 0,
    // Server-to-platform traffic goes direct; an environment proxy must not capture it.
    proxy: false,
    responseType: 'text',
    responseEncoding: 'utf8',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxContentLength: MAX_ANSWER_BYTES,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
      Accept: 'application/json',
    },
  });

  return {
    async postForm(url, body) {
      const controller = new AbortController();
      let deadlineHit = false;
      const deadline = setTimeout(() => {
        deadlineHit = true;
        controller.abort();
      }, options.connectTimeoutMs + options.timeoutMs);
      try {
        const answer = await http.post<string>(url, body, { signal: controller.signal });
        return { status: answer.status, body: typeof answer.data === 'string' ? answer.data : '' };
      } catch (error) {
        throw classify(error, deadlineHit, options);
      } finally {
        clearTimeout(deadline);
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
