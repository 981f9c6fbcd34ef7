// Type-level test of the api contract, compiled by `npm run typecheck` (tsc -p miniprogram) and
// never run: each `@ts-expect-error` line must fail to compile, or tsc reports the directive as
// unused. Kept out of jest (not *.test.ts) and of the package (nothing imports it).
import type { RouteOutput } from '../../server/contract';
import { fakeApi } from '../pages/testing/fake-api';
import { callApi } from './call-api';
import { lotSpots, resolveScene } from './driver-api';
import { operatorApi } from './operator-api';

export async function contractTypeTests(): Promise<void> {
  // Right calls compile, and answer the route's output.
  const spots: RouteOutput<'lot.spots'> = await callApi('lot.spots', { lotId: 'L1' });
  void spots.spots[0]?.status;
  void (await callApi('plates.list')).plates;
  void (await callApi('op.audit.list', { lotId: 'L1' })).items;

  // @ts-expect-error a wrong input: lot.spots takes lotId
  await callApi('lot.spots', { lotid: 'L1' });
  // @ts-expect-error a wrong input: a field of the wrong type
  await callApi('op.audit.list', { lotId: 'L1', offset: '20' });
  // @ts-expect-error a missing input: exit.pay needs a sessionId
  await callApi('exit.pay');
  // @ts-expect-error a wrong input: a pass is bought for a list of plates
  await callApi('passes.buy', { planId: 'M1', plates: '粤B12345' });
  // @ts-expect-error a pass order's kind is one of three words
  if ((await callApi('passes.mine')).orders[0]?.kind === 'gift') return;
  // @ts-expect-error a route that does not exist
  await callApi('lot.spot', { lotId: 'L1' });

  // @ts-expect-error a field the route does not answer
  void (await callApi('lot.spots', { lotId: 'L1' })).lots;
  // @ts-expect-error the same through a service: a gate has no lotName
  void (await resolveScene('g:G1')).gate?.lotName;
  // @ts-expect-error a spot's status is one of three words
  if ((await lotSpots('R1')).spots[0]?.status === 'taken') return;
  // @ts-expect-error an operator answer: a dashboard lot has no revenue field
  void (await operatorApi.dashboard()).lots[0]?.revenue;

  fakeApi({
    'lot.spots': () => spots,
    // @ts-expect-error a page-test fake must answer the route's output
    'plates.list': () => ({ plate: [] }),
  });
}

// The contract brings no Node.js types into the mini-program (server/contract imports zod, core/
// and itself only).
// @ts-expect-error process is not a mini-program global
export const leaked: unknown = process;
