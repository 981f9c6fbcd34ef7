// Tests of the operator pages: a fake transport in place of the `api` function (the transport is
// the boundary of the mini-program), answering each route as the test says and recording calls.
import { setTransport } from '../../services/transport';

export interface RecordedCall {
  route: string;
  data: Record<string, unknown>;
}

type Answer = unknown | ((data: Record<string, unknown>) => unknown);

export const ok = (data: unknown) => ({ ok: true, data });
export const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });

export interface FakeApi {
  calls: RecordedCall[];
  /** Replaces (or adds) the answer of one route. */
  answer(route: string, answer: Answer): void;
  /** The data of every call of `route`, in order. */
  sent(route: string): Array<Record<string, unknown>>;
}

/** Installs a fake transport; routes without an answer are refused with NOT_FAKED. */
export function fakeApi(answers: Record<string, Answer>): FakeApi {
  const table = new Map<string, Answer>(Object.entries(answers));
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
