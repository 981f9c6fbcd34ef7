import { setTransport } from '../../services/transport';
import { flush } from '../../test-support';

// The boundary of the driver pages in tests: a fake transport answering `api` routes as the
// server's contract says (server/parking/README.md), recording every call.

export interface ApiCall {
  route: string;
  data: Record<string, unknown>;
}

type Handler = (data: Record<string, unknown>) => unknown;

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Makes a handler answer `{ ok: false, error: { code, message } }`. */
export function refuse(code: string, message: string): never {
  throw new Refusal(code, message);
}

export interface FakeApi {
  calls: ApiCall[];
  handlers: Record<string, Handler>;
  routes(): string[];
  callsOf(route: string): Array<Record<string, unknown>>;
}

export function fakeApi(handlers: Record<string, Handler>): FakeApi {
  const calls: ApiCall[] = [];
  setTransport(async (name, payload) => {
    const { route, data } = payload as ApiCall;
    if (name !== 'api') throw new Error(`unexpected function ${name}`);
    calls.push({ route, data });
    const handler = handlers[route];
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: '未知接口' } };
    try {
      return { ok: true, data: await handler(data) };
    } catch (error) {
      if (error instanceof Refusal) {
        return { ok: false, error: { code: error.code, message: error.message } };
      }
      throw error;
    }
  });
  return {
    calls,
    handlers,
    routes: () => calls.map((c) => c.route),
    callsOf: (route) => calls.filter((c) => c.route === route).map((c) => c.data),
  };
}

/** Answers in turn, repeating the last one. */
export function inTurn(...answers: unknown[]): Handler {
  let index = 0;
  return () => {
    const answer = answers[Math.min(index, answers.length - 1)];
    index += 1;
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? (answer as () => unknown)() : answer;
  };
}

/** Lets async handlers and their setData run: a bounded number of rounds, no clock. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await flush();
}
