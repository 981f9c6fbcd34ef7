// Hostile input to every route of the `api` function, over HTTP against the real local stack:
// no 5xx, no crash, every refusal a named code with a message, and nothing changed anywhere.
import type { z } from 'zod';
import { API_ROUTES, type ApiRouteName } from '../../cloudfunctions/api/shells';
import { GATES, LOTS, OPERATOR_OPENID, SPOTS, TARIFF } from '../backend/support/seed';
import { BackendStack } from '../backend/support/stack';
import { hostAlive, inBatches, ledger, seedOf, settledSnapshot, snapshot } from './support/checks';
import {
  HOSTILE_STRINGS,
  MEGABYTE,
  type Mutation,
  hostileBodies,
  overTheWire,
} from './support/payloads';

jest.setTimeout(60_000);

const DRIVER = 'o-hostile-driver-00000000001';
const PLATE = '粤B12345';

/** The route table exactly as cloudfunctions/api merges it. */
const ROUTES = API_ROUTES;
type RouteName = ApiRouteName;

/**
 * Codes a refusal of hostile input may carry: the router's own and the lookups' "not found /
 * not yours / not valid" of the services. INTERNAL (an unexpected throw) is never one of them.
 */
const KNOWN_CODES = new Set([
  'INVALID_INPUT',
  'UNKNOWN_ROUTE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SESSION_NOT_FOUND',
  'LOT_NOT_FOUND',
  'GATE_NOT_FOUND',
  'SPOT_NOT_FOUND',
  'TARIFF_NOT_FOUND',
  'NOT_FOUND',
  'PLATE_INVALID',
  'SCENE_INVALID',
  'ALREADY_INSIDE',
  'FLOW_NOT_OFFERED',
  // op.lots.create of a lot whose id and parkingNo are taken; invitations that do not exist.
  'ID_TAKEN',
  'PARKING_NO_TAKEN',
  'MERCHANT_NOT_CONFIGURED',
  'INVITATION_NOT_FOUND',
  // merchant routes (issue 14): a merchant or code that does not exist, a record refused.
  'MERCHANT_NOT_FOUND',
  'MERCHANT_INVALID',
  'CODE_NOT_FOUND',
  'ARREARS_NOT_FOUND',
  // passes and lists (server/passes)
  'PLAN_NOT_FOUND',
  'PASS_NOT_FOUND',
  'ORDER_NOT_FOUND',
  'IMPORT_INVALID',
  'TOO_MANY_PLATES',
]);

let stack: BackendStack;
let sessionId: string;

beforeAll(async () => {
  stack = await BackendStack.start();
  // A car inside the pay-at-exit lot whose driver started paying: an order in the sandbox's books.
  const entry = await stack.gate(LOTS.payAtExit.id, {
    type: 'entry',
    gateId: GATES.exitIn.id,
    plate: PLATE,
  });
  sessionId = (entry.json as { data: { sessionId: string } }).data.sessionId;
  await stack.advanceClock(3600);
  await stack.ok(DRIVER, 'exit.pay', { sessionId });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const NO_LOT = 'lot-hostile-none';
const NO_INVITATION = '0000000000';
const NO_MERCHANT = 'm-hostile-none';

/**
 * A well-formed input of every route. What a route would change refers to nothing there is (a
 * lot nobody operates, a session that does not exist), so that a hostile value the input schema
 * lets through is refused further on instead of writing: the tests prove that nothing changes.
 */
function samples(): Record<RouteName, Record<string, unknown>> {
  const { _id: _lot, ...lot } = stack.docs<Record<string, unknown>>('lots', {
    _id: LOTS.payAtExit.id,
  })[0]!;
  return {
    'scene.resolve': { scene: `g:${GATES.exitIn.id}` },
    'lot.spots': { lotId: LOTS.road1.id },
    'plate.derive': { lotId: LOTS.payAtExit.id },
    'plates.list': {},
    'plates.forget': { plate: '粤B99999' },
    'session.quote': { gateId: GATES.exitOut.id, plate: PLATE },
    'entry.prepay': { gateId: GATES.exitIn.id, plate: PLATE },
    'entry.checkIn': { gateId: GATES.exitIn.id, plate: PLATE },
    'exit.pay': { sessionId },
    'exit.choices': { gateId: GATES.exitOut.id },
    'booking.create': { spotId: SPOTS[0]!.id, plate: PLATE },
    'booking.cancel': { sessionId },
    'booking.arrive': { sessionId },
    'booking.leave': { sessionId },
    'payment.confirm': { sessionId },
    'sessions.mine': { limit: 5 },
    'session.detail': { sessionId },

    'op.me': {},
    'op.dashboard': {},
    'op.lots.list': {},
    'op.lots.get': { lotId: LOTS.payAtExit.id },
    'op.lots.upsert': { lot: { ...lot, id: NO_LOT }, reason: '测试' },
    'op.gates.list': { lotId: LOTS.payAtExit.id },
    'op.gates.upsert': {
      gate: { id: 'g-hostile', lotId: NO_LOT, kind: 'exit', name: '南门出口' },
      reason: '测试',
    },
    'op.gates.delete': { lotId: NO_LOT, gateId: GATES.exitOut.id },
    'op.spots.list': { lotId: LOTS.road1.id },
    'op.spots.upsert': {
      spot: { id: 's-hostile', lotId: NO_LOT, code: 'A-099', name: '新泊位' },
    },
    'op.spots.delete': { lotId: NO_LOT, spotId: SPOTS[0]!.id },
    'op.tariffs.get': { lotId: LOTS.payAtExit.id },
    'op.tariffs.upsert': { lotId: NO_LOT, tariff: { ...TARIFF } },
    'op.qrcodes': { lotId: NO_LOT },
    'op.sessions.list': { lotId: LOTS.payAtExit.id, plate: PLATE, state: 'open', limit: 5 },
    'op.sessions.get': { sessionId },
    'op.sessions.finish': { sessionId: 'S0hostile0none', reason: '测试' },
    'op.sessions.cancel': { sessionId: 'S0hostile0none', reason: '测试' },
    'op.sessions.resolve': { sessionId: 'S0hostile0none', reason: '测试' },
    'op.sessions.preview': { sessionId: 'S0hostile0none', action: 'finish' },
    'op.gate.open': { gateId: 'g-hostile-none', reason: '测试' },
    'op.audit.list': { lotId: LOTS.payAtExit.id, limit: 5 },
    'op.cameras.list': { lotId: LOTS.payAtExit.id },
    'op.cameras.register': { gateId: 'g-hostile-none', serialno: 'SN-HOSTILE-1' },
    'op.cameras.remove': { cameraId: 'cam000000000000' },
    'op.reconciliation': { lotId: LOTS.payAtExit.id, date: today() },
    'op.revenue': { lotId: LOTS.payAtExit.id, from: today(), to: today() },
    'op.revenue.export': { lotId: LOTS.payAtExit.id, from: today(), to: today() },
    'op.operators.list': { lotId: LOTS.payAtExit.id },
    'op.operators.grant': { lotId: NO_LOT, openid: 'o-hostile-newcomer', role: 'operator' },
    'op.operators.revoke': { lotId: NO_LOT, openid: OPERATOR_OPENID },
    // An existing lot's id and parkingNo: one mutation at a time still finds one of them taken.
    'op.lots.create': { lot: { ...lot, id: LOTS.payAtExit.id }, reason: '测试' },
    'op.invitations.create': { lotId: NO_LOT, role: 'operator', hours: 24 },
    'op.invitations.list': { lotId: LOTS.payAtExit.id },
    'op.invitations.revoke': { code: NO_INVITATION },
    'invitation.get': { code: NO_INVITATION },
    'invitation.accept': { code: NO_INVITATION, name: '张三' },
    'merchant.mine': {},
    'merchant.sessions': { merchantId: NO_MERCHANT, plate: '粤B' },
    'merchant.give': { merchantId: NO_MERCHANT, offerId: 'two-hours', plate: PLATE },
    'merchant.discounts': { merchantId: NO_MERCHANT, date: today() },
    'merchant.codes.create': {
      merchantId: NO_MERCHANT,
      offerId: 'two-hours',
      kind: 'once',
      hours: 2,
    },
    'merchant.invitation.get': { code: NO_INVITATION },
    'merchant.invitation.accept': { code: NO_INVITATION, name: '李四' },
    'discount.redeem': { code: NO_INVITATION, plate: PLATE },
    'op.merchants.list': { lotId: NO_LOT },
    'op.merchants.upsert': {
      merchant: {
        id: NO_MERCHANT,
        lotId: NO_LOT,
        name: '无此商户',
        billing: 'balance',
        offers: [
          { id: 'two-hours', label: '免 2 小时', discount: { kind: 'free_minutes', minutes: 120 } },
        ],
        limits: { perDay: 0, perPlatePerDay: 0, staticQrPerDay: 0 },
        active: true,
      },
    },
    'op.merchants.topup': {
      merchantId: NO_MERCHANT,
      amount: 1000,
      requestId: 'hostile-topup-1',
      reason: '测试',
    },
    'op.merchants.invite': { merchantId: NO_MERCHANT, role: 'clerk', hours: 24 },
    'op.merchants.daily': { lotId: NO_LOT, from: today(), to: today() },
    'op.merchants.statement': { merchantId: NO_MERCHANT, from: today(), to: today() },
    'arrears.mine': {},
    'arrears.check': { lotId: NO_LOT, plate: PLATE },
    'arrears.pay': { arrearsId: 'S0000000000000000000000000000' },
    'arrears.confirm': { reqsn: 'R0000000000000000000000000000' },
    'op.arrears.list': { lotId: NO_LOT, state: 'open' },
    'op.arrears.waive': { sessionId: 'S0000000000000000000000000000', reason: '测试' },

    'passes.plans': { lotId: LOTS.payAtExit.id },
    'passes.mine': {},
    'passes.buy': { planId: 'plan-hostile-none', plates: [PLATE] },
    'passes.renew': { passId: 'Phostilenone' },
    'passes.confirm': { reqsn: 'Rhostilenone' },
    'passes.receipt': { reqsn: 'Rhostilenone' },
    'op.passPlans.list': { lotId: LOTS.payAtExit.id },
    'op.passPlans.upsert': {
      plan: {
        id: 'plan-hostile',
        lotId: NO_LOT,
        name: '月卡',
        period: { kind: 'month' },
        price: 30000,
        spaces: 1,
        maxPlates: 2,
        graceDays: 3,
        online: true,
      },
      reason: '测试',
    },
    'op.passes.list': { lotId: LOTS.payAtExit.id, limit: 5 },
    'op.passes.issue': { lotId: NO_LOT, planId: 'plan-hostile', plates: [PLATE], reason: '测试' },
    'op.passes.revoke': { passId: 'Phostilenone', reason: '测试' },
    'op.lists.list': { lotId: LOTS.payAtExit.id, kind: 'white' },
    'op.lists.add': { lotId: NO_LOT, kind: 'black', plate: PLATE, reason: '测试' },
    'op.lists.remove': { lotId: NO_LOT, kind: 'black', plate: PLATE, reason: '测试' },
    'op.lists.import': { lotId: NO_LOT, kind: 'white', csv: PLATE, reason: '测试' },
  };
}

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

async function post(body: string): Promise<Reply> {
  const res = await fetch(`${stack.hostUrl}/invoke/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

type Result =
  | { ok: true; data: unknown }
  | { ok: false; error: { code: string; message: string; details?: unknown } };

/** The call's result, checked to be the router's shape (or a failure naming the case). */
function resultOf(reply: Reply, what: string): Result {
  if (reply.status >= 500 || reply.status !== 200) {
    throw new Error(`${what}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
  }
  const result = (reply.json as { result?: Result } | undefined)?.result;
  if (!result || typeof result.ok !== 'boolean') {
    throw new Error(`${what}: not an api result: ${reply.text.slice(0, 300)}`);
  }
  if (!result.ok) {
    const { code, message, details } = result.error ?? {};
    if (typeof code !== 'string' || !KNOWN_CODES.has(code)) {
      throw new Error(`${what}: refused with an unexpected code ${code}: ${message}`);
    }
    if (typeof message !== 'string' || message.trim() === '') {
      throw new Error(`${what}: refused with ${code} and no message`);
    }
    if (code === 'INVALID_INPUT') {
      const list = details as Array<{ field?: unknown; rule?: unknown }>;
      if (
        !Array.isArray(list) ||
        list.length === 0 ||
        !list.every((d) => typeof d.field === 'string' && typeof d.rule === 'string')
      ) {
        throw new Error(`${what}: INVALID_INPUT without [{ field, rule }] details`);
      }
    }
  }
  return result;
}

interface Case {
  caller: string;
  mutation: Mutation;
}

/** Sends every case; returns a list of problems (empty when all is well). */
async function sendAll(name: RouteName, cases: Case[]): Promise<string[]> {
  const definition = ROUTES[name] as { audience: string; input: z.ZodType };
  const problems: string[] = [];
  await inBatches(
    cases.map(({ caller, mutation }) => async () => {
      const what = `${name} as ${caller === DRIVER ? 'driver' : 'operator'}, ${mutation.label}`;
      try {
        const result = resultOf(
          await post(
            JSON.stringify({ openid: caller, data: { route: name, data: mutation.body } }),
          ),
          what,
        );
        const forbidden = definition.audience === 'operator' && caller === DRIVER;
        const schemaAccepts = definition.input.safeParse(overTheWire(mutation.body) ?? {}).success;
        if (forbidden) {
          if (result.ok || result.error.code !== 'FORBIDDEN') {
            problems.push(`${what}: not refused with FORBIDDEN`);
          }
        } else if (!schemaAccepts && (result.ok || result.error.code !== 'INVALID_INPUT')) {
          problems.push(
            `${what}: the input schema refuses it, the route answered ${JSON.stringify(result).slice(0, 200)}`,
          );
        }
      } catch (error) {
        problems.push((error as Error).message);
      }
    }),
    3,
  );
  return problems;
}

const NAMES = Object.keys(ROUTES) as RouteName[];

describe('every api route under hostile input', () => {
  it('has a sample for every route of the api table, and only for those', () => {
    expect(Object.keys(samples()).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)('%s: refuses hostile bodies cleanly and changes nothing', async (name) => {
    const sample = samples()[name];
    const bodies = hostileBodies(sample, { seed: seedOf(name), numRuns: 6 });
    const operator = ROUTES[name].audience === 'operator';
    const cases: Case[] = operator
      ? [
          ...bodies.map((mutation) => ({ caller: OPERATOR_OPENID, mutation })),
          ...bodies.slice(0, 3).map((mutation) => ({ caller: DRIVER, mutation })),
        ]
      : bodies.map((mutation) => ({ caller: DRIVER, mutation }));
    const db = await settledSnapshot(stack);
    const books = await ledger(stack);
    const problems = await sendAll(name, cases);
    expect(problems).toEqual([]);
    await hostAlive(stack);
    expect(snapshot(stack)).toBe(db);
    expect(await ledger(stack)).toBe(books);
  });
});

describe('money and minutes of a real lot and tariff', () => {
  it('refuses NaN (null over JSON), negative, float, string, array, object and huge fen or minutes, naming the field', async () => {
    // Over JSON, NaN and ±Infinity arrive as null (which capPer24h reads as "no cap").
    const bad: unknown[] = [-1, 1.5, '500', 1e12, [500], { $gt: 0 }, true, NaN];
    const { _id: _t, ...tariff } = stack.docs<Record<string, unknown>>('tariffs', {
      _id: TARIFF.id,
    })[0]!;
    const { _id: _l, ...lot } = stack.docs<Record<string, unknown>>('lots', {
      _id: LOTS.payAtExit.id,
    })[0]!;
    const period = (tariff.periods as Array<Record<string, unknown>>)[0]!;
    const prepay = lot.prepay as Record<string, unknown>;
    const cases: Array<{
      route: RouteName;
      field: string;
      v: unknown;
      data: Record<string, unknown>;
    }> = [];
    for (const v of bad) {
      for (const field of [
        'freeMinutes',
        'unitMinutes',
        'capPer24h',
        'bookingFee',
        'bookingHoldMinutes',
      ]) {
        if (field === 'capPer24h' && overTheWire(v) === null) continue;
        cases.push({
          route: 'op.tariffs.upsert',
          field,
          v,
          data: { lotId: LOTS.payAtExit.id, tariff: { ...tariff, [field]: v } },
        });
      }
      cases.push({
        route: 'op.tariffs.upsert',
        field: 'periods.0.pricePerUnit',
        v,
        data: {
          lotId: LOTS.payAtExit.id,
          tariff: { ...tariff, periods: [{ ...period, pricePerUnit: v }] },
        },
      });
      cases.push({
        route: 'op.tariffs.upsert',
        field: 'noShow.amount',
        v,
        data: {
          lotId: LOTS.payAtExit.id,
          tariff: { ...tariff, noShow: { kind: 'fixed', amount: v } },
        },
      });
      for (const field of ['road', 'graceSeconds', 'staleSeconds', 'settleBeforeEndSeconds']) {
        cases.push({ route: 'op.lots.upsert', field, v, data: { lot: { ...lot, [field]: v } } });
      }
      for (const field of ['freezeAmount', 'freezeSeconds']) {
        cases.push({
          route: 'op.lots.upsert',
          field: `prepay.${field}`,
          v,
          data: { lot: { ...lot, prepay: { ...prepay, [field]: v } } },
        });
      }
    }
    const db = await settledSnapshot(stack);
    const problems: string[] = [];
    await inBatches(
      cases.map(({ route, field, v, data }) => async () => {
        const what = `${route} ${field} = ${JSON.stringify(v)}`;
        try {
          const result = resultOf(
            await post(JSON.stringify({ openid: OPERATOR_OPENID, data: { route, data } })),
            what,
          );
          const fields = result.ok
            ? []
            : ((result.error.details ?? []) as Array<{ field: string }>).map((d) => d.field);
          if (
            result.ok ||
            result.error.code !== 'INVALID_INPUT' ||
            // The field at fault is named (or the record holding it, e.g. a whole period).
            !fields.some((f) => f === field || field.startsWith(`${f}.`))
          ) {
            problems.push(`${what}: ${JSON.stringify(result).slice(0, 200)}`);
          }
        } catch (error) {
          problems.push((error as Error).message);
        }
      }),
      3,
    );
    expect(problems).toEqual([]);
    expect(snapshot(stack)).toBe(db);
  });
});

describe('hostile text the input schemas let through', () => {
  it('is refused by the services (scene, plate) or matches nothing, changing nothing', async () => {
    const scenes = [
      '%',
      '%E0%A4%A',
      '%ED%A0%80',
      '?scene=%',
      '?scene=&scene=g:g-exit-in',
      `https://h/p?scene=${'%25'.repeat(300)}3A`,
      encodeURIComponent(encodeURIComponent(encodeURIComponent(encodeURIComponent('g:g-exit-in')))),
      `g:${'a'.repeat(31)}`,
      'g:../../etc/passwd',
      `g:${GATES.exitIn.id}\u0000`,
      's:\ud800',
      'x:lot-exit',
      'x'.repeat(2048),
      ...HOSTILE_STRINGS.filter((t) => t.trim() !== ''),
    ];
    const plates = HOSTILE_STRINGS.filter((t) => t.length > 0 && t.length <= 16).slice(0, 10);
    const calls: Array<[RouteName, Record<string, unknown>]> = [
      ...scenes.map((scene): [RouteName, Record<string, unknown>] => ['scene.resolve', { scene }]),
      ...plates.flatMap((plate): Array<[RouteName, Record<string, unknown>]> => [
        ['plates.forget', { plate }],
        ['session.quote', { lotId: LOTS.payAtExit.id, plate }],
        ['entry.checkIn', { gateId: GATES.exitIn.id, plate }],
        ['entry.prepay', { gateId: GATES.prepayIn.id, plate }],
        ['booking.create', { spotId: SPOTS[0]!.id, plate }],
      ]),
    ];
    const operatorCalls: Array<[RouteName, Record<string, unknown>]> = plates.map((plate) => [
      'op.sessions.list',
      { lotId: LOTS.payAtExit.id, plate },
    ]);
    const db = await settledSnapshot(stack);
    const books = await ledger(stack);
    const problems: string[] = [];
    await inBatches(
      [
        ...calls.map(([route, data]) => [DRIVER, route, data] as const),
        ...operatorCalls.map(([route, data]) => [OPERATOR_OPENID, route, data] as const),
      ].map(([openid, route, data]) => async () => {
        const what = `${route} ${JSON.stringify(data).slice(0, 80)}`;
        try {
          const result = resultOf(
            await post(JSON.stringify({ openid, data: { route, data } })),
            what,
          );
          if (result.ok && !['plates.forget', 'op.sessions.list'].includes(route)) {
            problems.push(`${what}: accepted`);
          }
          if (result.ok && route === 'op.sessions.list') {
            const found = result.data as { items?: unknown[]; total?: number };
            if (!Array.isArray(found.items) || found.items.length > 0 || found.total !== 0) {
              problems.push(`${what}: matched sessions`);
            }
          }
        } catch (error) {
          problems.push((error as Error).message);
        }
      }),
      3,
    );
    expect(problems).toEqual([]);
    await hostAlive(stack);
    expect(snapshot(stack)).toBe(db);
    expect(await ledger(stack)).toBe(books);
  });
});

describe('the api event itself under hostile input', () => {
  it('refuses a missing, mistyped or unknown route with UNKNOWN_ROUTE, changing nothing', async () => {
    const db = await settledSnapshot(stack);
    const books = await ledger(stack);
    const routes: unknown[] = [
      undefined,
      null,
      42,
      true,
      [],
      ['exit.pay'],
      { $gt: '' },
      { $ne: null },
      '',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'op.*',
      'exit.pay ',
      'EXIT.PAY',
      MEGABYTE,
      ...HOSTILE_STRINGS,
    ];
    const problems: string[] = [];
    await inBatches(
      routes.map((route) => async () => {
        const what = `route ${JSON.stringify(route)?.slice(0, 40)}`;
        try {
          const result = resultOf(
            await post(JSON.stringify({ openid: DRIVER, data: { route, data: {} } })),
            what,
          );
          if (result.ok || result.error.code !== 'UNKNOWN_ROUTE') {
            problems.push(`${what}: answered ${JSON.stringify(result).slice(0, 200)}`);
          } else if (result.error.message.length > 200) {
            problems.push(`${what}: the message repeats the whole route`);
          }
        } catch (error) {
          problems.push((error as Error).message);
        }
      }),
      3,
    );
    expect(problems).toEqual([]);
    expect(snapshot(stack)).toBe(db);
    expect(await ledger(stack)).toBe(books);
  });

  it('treats a hostile openid as a stranger: no operator rights, nothing of anyone else', async () => {
    const db = await settledSnapshot(stack);
    const openids = [
      '{"$gt":""}',
      "'; DROP TABLE operators; --",
      '../../etc/passwd',
      '<script>alert(1)</script>',
      'a\u0000b',
      '\ud800',
      `${OPERATOR_OPENID} `,
      OPERATOR_OPENID.toUpperCase(),
    ];
    for (const openid of openids) {
      const me = resultOf(
        await post(JSON.stringify({ openid, data: { route: 'op.me', data: {} } })),
        `op.me as ${JSON.stringify(openid)}`,
      );
      expect({ openid, code: me.ok ? 'ok' : me.error.code }).toEqual({ openid, code: 'FORBIDDEN' });
      const mine = resultOf(
        await post(JSON.stringify({ openid, data: { route: 'sessions.mine', data: {} } })),
        `sessions.mine as ${JSON.stringify(openid)}`,
      );
      expect(mine.ok).toBe(true);
      expect(JSON.stringify(mine)).not.toContain(sessionId);
    }
    expect(snapshot(stack)).toBe(db);
  });

  it('answers bodies the host cannot read with a 4xx, never a 5xx, and stays up', async () => {
    const db = await settledSnapshot(stack);
    const bodies = [
      '',
      'null',
      '[]',
      '"api"',
      '{',
      '{"openid":"o-x","data":{"route":"exit.pay","data":{"sessionId":NaN}}}',
      '{"openid":"o-x","data":{"route":"sessions.mine","data":{"limit":Infinity}}}',
      `{"openid":"o-x","data":{"route":"sessions.mine","data":{"limit":-Infinity}}}`,
      JSON.stringify({ openid: 'o-x', data: [] }),
      JSON.stringify({ openid: 'o-x', data: 'exit.pay' }),
      JSON.stringify({ openid: { $gt: '' }, data: { route: 'op.me' } }),
      JSON.stringify({ openid: '', data: { route: 'op.me' } }),
      JSON.stringify({ data: { route: 'op.me' } }),
      JSON.stringify({ openid: 'x'.repeat(129), data: { route: 'op.me' } }),
      '\u0000\u0001\u0002',
      Buffer.from([0xff, 0xfe, 0xfd]).toString('latin1'),
    ];
    for (const body of bodies) {
      const reply = await post(body);
      expect({ body: body.slice(0, 60), status: reply.status }).toEqual({
        body: body.slice(0, 60),
        status: 400,
      });
    }
    await hostAlive(stack);
    expect(snapshot(stack)).toBe(db);
    // Still serving real calls.
    expect((await stack.api(DRIVER, 'plates.list', {})).ok).toBe(true);
  });
});
