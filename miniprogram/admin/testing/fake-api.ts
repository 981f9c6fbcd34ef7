// Tests of the operator pages: a fake transport in place of the `api` function (the transport is
// the boundary of the mini-program), answering each route as the test says and recording calls.
// Answers are typed by the contract (server/contract): a route's name must exist, and every
// field an answer gives must be a field of the route's output with its type; fields the page
// does not read may be left out (the driver pages' fakes answer whole outputs).
import type { RouteInput, RouteName, RouteOutput } from '../../../server/contract';
import { setTransport } from '../../services/transport';

export interface RecordedCall {
  route: string;
  data: Record<string, unknown>;
}

interface Refused {
  ok: false;
  /** `details`: what a refusal names item by item (e.g. the bad lines of an import). */
  error: { code: string; message: string; details?: unknown };
}
/**
 * Any part of T, fields and items alike; a string or number field takes any string or number
 * (the tests' fixtures are plain objects, whose literals widen).
 */
export type DeepPartial<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends readonly (infer U)[]
      ? DeepPartial<U>[]
      : T extends object
        ? { [K in keyof T]?: DeepPartial<T[K]> }
        : T;

/** What the fake answers for route R: a part of the route's output, or a refusal. */
export type Envelope<R extends RouteName> =
  { ok: true; data: DeepPartial<RouteOutput<R>> } | Refused;
/** A reply to what the page sent (the fields a test reads are taken as sent). */
type Reply<R extends RouteName> = (
  data: Required<RouteInput<R>>,
) => Envelope<R> | Promise<Envelope<R>>;
type Answer<R extends RouteName> = Envelope<R> | Reply<R>;
export type Answers = { [R in RouteName]?: Answer<R> };

export const ok = <T>(data: T) => ({ ok: true as const, data });
export const refused = (code: string, message: string): Refused => ({
  ok: false,
  error: { code, message },
});

export interface FakeApi {
  calls: RecordedCall[];
  /** Replaces (or adds) the answer of one route. */
  answer<R extends RouteName>(route: R, answer: Answer<R>): void;
  /** The data of every call of `route`, in order. */
  sent(route: RouteName): Array<Record<string, unknown>>;
}

/** Installs a fake transport; routes without an answer are refused with NOT_FAKED. */
export function fakeApi(answers: Answers): FakeApi {
  const table = new Map<string, unknown>(Object.entries(answers));
  const calls: RecordedCall[] = [];
  setTransport(async (name, payload) => {
    const { route, data } = payload as { route: string; data: Record<string, unknown> };
    if (name !== 'api') throw new Error(`unexpected function ${name}`);
    calls.push({ route, data });
    const answer = table.get(route);
    if (answer === undefined) return refused('NOT_FAKED', `测试没有准备 ${route}`);
    return typeof answer === 'function' ? (answer as (d: typeof data) => unknown)(data) : answer;
  });
  return {
    calls,
    answer: (route, answer) => void table.set(route, answer),
    sent: (route) => calls.filter((c) => c.route === route).map((c) => c.data),
  };
}
