import { z } from 'zod';
import { AppError } from './app-error';
import { dispatch, route, type RouteContext } from './router';

const calls: string[] = [];
const table = {
  echo: route({
    audience: 'driver',
    input: z.object({ plate: z.string().max(10) }),
    handle: async (ctx: RouteContext, input) => {
      calls.push(input.plate);
      return { plate: input.plate, openid: ctx.openid };
    },
  }),
  admin: route({
    audience: 'operator',
    input: z.object({}),
    handle: async () => 'secret',
  }),
  boom: route({
    audience: 'driver',
    input: z.object({}),
    handle: async () => {
      throw new Error('database password is hunter2');
    },
  }),
  refuse: route({
    audience: 'driver',
    input: z.object({}),
    handle: async () => {
      throw new AppError('SESSION_CLOSED', '停车记录已结束');
    },
  }),
};

const authorizeOperator = async (ctx: RouteContext) => {
  if (ctx.openid !== 'op') throw new AppError('FORBIDDEN', '没有权限执行此操作');
};

describe('dispatch', () => {
  beforeEach(() => calls.splice(0));

  it('runs a route with validated input and the context identity', async () => {
    const result = await dispatch(
      table,
      { route: 'echo', data: { plate: '粤B12345' } },
      { openid: 'u1' },
      { authorizeOperator },
    );
    expect(result).toEqual({ ok: true, data: { plate: '粤B12345', openid: 'u1' } });
  });

  it.each([
    [{ route: 'echo', data: { plate: 'x'.repeat(11) } }, 'INVALID_INPUT'],
    [{ route: 'echo', data: { plate: 5 } }, 'INVALID_INPUT'],
    [{ route: 'nope' }, 'UNKNOWN_ROUTE'],
    [{ route: 'toString' }, 'UNKNOWN_ROUTE'],
    [null, 'UNKNOWN_ROUTE'],
    [{ route: 'admin' }, 'FORBIDDEN'],
  ])('refuses %j with %s and runs nothing', async (event, code) => {
    const result = await dispatch(table, event, { openid: 'u1' }, { authorizeOperator });
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(calls).toEqual([]);
  });

  it('refuses a call without an identity', async () => {
    const result = await dispatch(
      table,
      { route: 'echo', data: { plate: 'A' } },
      { openid: '' },
      { authorizeOperator },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('lets an operator through', async () => {
    expect(
      await dispatch(table, { route: 'admin' }, { openid: 'op' }, { authorizeOperator }),
    ).toEqual({ ok: true, data: 'secret' });
  });

  it('hides unexpected errors behind INTERNAL and reports them', async () => {
    const seen: unknown[] = [];
    const result = await dispatch(
      table,
      { route: 'boom' },
      { openid: 'u1' },
      { authorizeOperator, onError: (_r, e) => seen.push(e) },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' },
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(seen).toHaveLength(1);
  });

  it('passes an AppError through with its code and message', async () => {
    expect(
      await dispatch(table, { route: 'refuse' }, { openid: 'u1' }, { authorizeOperator }),
    ).toEqual({
      ok: false,
      error: { code: 'SESSION_CLOSED', message: '停车记录已结束' },
    });
  });
});
