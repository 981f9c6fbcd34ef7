import type { RouteInput, RouteName, RouteOutput } from '../../../server/contract';
import { setTransport } from '../../services/transport';
import { flush } from '../../test-support';

// The boundary of the driver pages in tests: a fake transport answering `api` routes, typed by
// the contract (server/contract): a handler takes the route's input and must answer its output.
// Every call is recorded.

export interface ApiCall {
  route: string;
  data: Record<string, unknown>;
}

export type Handler<R extends RouteName> = (
  data: RouteInput<R>,
) => RouteOutput<R> | Promise<RouteOutput<R>>;
export type Handlers = { [R in RouteName]?: Handler<R> };

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
  handlers: Handlers;
  routes(): string[];
  callsOf<R extends RouteName>(route: R): Array<RouteInput<R>>;
}

export function fakeApi(handlers: Handlers): FakeApi {
  const calls: ApiCall[] = [];
  setTransport(async (name, payload) => {
    const { route, data } = payload as ApiCall;
    if (name !== 'api') throw new Error(`unexpected function ${name}`);
    calls.push({ route, data });
    const handler = handlers[route as RouteName] as
      ((d: Record<string, unknown>) => unknown) | undefined;
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
    callsOf: <R extends RouteName>(route: R) =>
      calls.filter((c) => c.route === route).map((c) => c.data as RouteInput<R>),
  };
}

/** Answers in turn, repeating the last one; an Error is thrown, a function called. */
export function inTurn<T>(...answers: Array<T | Error | (() => T)>): () => T {
  let index = 0;
  return () => {
    const answer = answers[Math.min(index, answers.length - 1)];
    index += 1;
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? (answer as () => T)() : (answer as T);
  };
}

/** Lets async handlers and their setData run: a bounded number of rounds, no clock. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await flush();
}
