import { OPERATOR_RIGHTS, type OperatorAction } from '../../core/parking/operator';
import {
  OPERATOR_ROUTE_NAMES,
  operatorRoutes,
  type OperatorRouteName,
} from '../../server/operator';
import { driverRoutes } from '../../server/parking/api/driver-routes';
import { DEMO_DRIVER_OPENID, DEMO_OWNER_OPENID } from '../../server/seed/demo-data';
import { OperatorStack } from './support/operator-stack';

/**
 * Table-driven: every operator route refuses a plain driver, and an `operator` (not an owner) is
 * refused every route that needs an owner's right; a refused call changes nothing at all.
 */
const OPERATOR = 'oTEST-operator-00000000000001';
const NEWCOMER = 'oTEST-newcomer-00000000000001';
/** Was an operator of both lots; every grant revoked since. */
const FORMER = 'oTEST-former-0000000000000001';
/** Owner of lot-road only. */
const ROAD_OWNER = 'oTEST-road-owner-000000000001';

let stack: OperatorStack;
let sessionId: string;
/** An open invitation to lot-mall. */
let invitationCode: string;

beforeAll(async () => {
  stack = await OperatorStack.start();
  for (const lotId of ['lot-mall', 'lot-road']) {
    await stack.addOperator(DEMO_OWNER_OPENID, lotId, OPERATOR, 'operator');
  }
  for (const lotId of ['lot-mall', 'lot-road']) {
    await stack.addOperator(DEMO_OWNER_OPENID, lotId, FORMER, 'owner');
    await stack.ok(DEMO_OWNER_OPENID, 'op.operators.revoke', { lotId, openid: FORMER });
  }
  await stack.addOperator(DEMO_OWNER_OPENID, 'lot-road', ROAD_OWNER, 'owner');
  const invited = await stack.ok<{ invitation: { code: string } }>(
    DEMO_OWNER_OPENID,
    'op.invitations.create',
    { lotId: 'lot-mall', role: 'operator' },
  );
  invitationCode = invited.invitation.code;
  const entry = await stack.gate('lot-mall', {
    type: 'entry',
    gateId: 'gate-mall-in',
    plate: '粤B12345',
  });
  expect(entry.status).toBe(200);
  sessionId = entry.json.data?.sessionId as string;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A valid input of every route, and the right it needs (undefined: any grant will do). */
function samples(): Record<
  OperatorRouteName,
  { data: Record<string, unknown>; right?: OperatorAction }
> {
  const lot = stack.engine.get('lots', 'lot-mall') as Record<string, unknown>;
  const tariff = stack.engine.get('tariffs', 'tariff-mall') as Record<string, unknown>;
  const { _id: _lotId, ...lotFields } = lot;
  const { _id: _tariffId, ...tariffFields } = tariff;
  const { tariffId: _t, id: _i, parkingNo: _p, name: _n, ...newLotFields } = lotFields;
  return {
    'op.me': { data: {} },
    'op.dashboard': { data: {} },
    'op.lots.list': { data: {} },
    'op.lots.get': { data: { lotId: 'lot-mall' }, right: 'lot.view' },
    'op.lots.upsert': { data: { lot: { ...lotFields, name: '改名停车场' } }, right: 'lot.edit' },
    'op.gates.list': { data: { lotId: 'lot-mall' }, right: 'lot.view' },
    'op.gates.upsert': {
      data: { gate: { id: 'gate-mall-south', lotId: 'lot-mall', kind: 'exit', name: '南门出口' } },
      right: 'place.manage',
    },
    'op.gates.delete': {
      data: { lotId: 'lot-mall', gateId: 'gate-mall-pay' },
      right: 'place.manage',
    },
    'op.spots.delete': {
      data: { lotId: 'lot-road', spotId: 'spot-road-4' },
      right: 'place.manage',
    },
    'op.spots.list': { data: { lotId: 'lot-road' }, right: 'lot.view' },
    'op.spots.upsert': {
      data: { spot: { id: 'spot-road-9', lotId: 'lot-road', code: 'A-009', name: '新泊位' } },
      right: 'place.manage',
    },
    'op.tariffs.get': { data: { lotId: 'lot-mall' }, right: 'lot.view' },
    'op.tariffs.upsert': {
      data: { lotId: 'lot-mall', tariff: { ...tariffFields, freeMinutes: 30 } },
      right: 'tariff.manage',
    },
    'op.qrcodes': { data: { lotId: 'lot-mall' }, right: 'place.manage' },
    'op.sessions.list': { data: { lotId: 'lot-mall' }, right: 'session.view' },
    'op.sessions.get': { data: { sessionId }, right: 'session.view' },
    'op.sessions.finish': { data: { sessionId, reason: '测试' }, right: 'session.finish' },
    'op.sessions.cancel': { data: { sessionId, reason: '测试' }, right: 'session.cancel' },
    'op.sessions.resolve': { data: { sessionId, reason: '测试' }, right: 'session.finish' },
    'op.sessions.preview': { data: { sessionId, action: 'finish' }, right: 'session.finish' },
    'op.gate.open': { data: { gateId: 'gate-mall-out', reason: '测试' }, right: 'gate.open' },
    'op.audit.list': { data: { lotId: 'lot-mall' }, right: 'lot.view' },
    'op.cameras.list': { data: { lotId: 'lot-mall' }, right: 'lot.view' },
    'op.cameras.register': {
      data: { gateId: 'gate-mall-out', serialno: 'SN-FORBIDDEN-1' },
      right: 'place.manage',
    },
    'op.cameras.remove': { data: { cameraId: 'cam000000000000' }, right: 'place.manage' },
    'op.reconciliation': { data: { lotId: 'lot-mall', date: today() }, right: 'reconcile.view' },
    'op.revenue': {
      data: { lotId: 'lot-mall', from: today(), to: today() },
      right: 'revenue.view',
    },
    'op.revenue.export': {
      data: { lotId: 'lot-mall', from: today(), to: today() },
      right: 'revenue.view',
    },
    'op.operators.list': { data: { lotId: 'lot-mall' }, right: 'operator.manage' },
    'op.operators.grant': {
      data: { lotId: 'lot-mall', openid: NEWCOMER, role: 'owner' },
      right: 'operator.manage',
    },
    'op.operators.revoke': {
      data: { lotId: 'lot-mall', openid: DEMO_OWNER_OPENID },
      right: 'operator.manage',
    },
    // Not a per-lot right: an owner of some lot may create one (mayCreateLot); lot.edit stands
    // for "owners only" here.
    'op.lots.create': {
      data: {
        lot: { ...newLotFields, id: 'lot-new', parkingNo: 'NEW-001', name: '新停车场' },
      },
      right: 'lot.edit',
    },
    'op.invitations.create': {
      data: { lotId: 'lot-mall', role: 'owner' },
      right: 'operator.manage',
    },
    'op.invitations.list': { data: { lotId: 'lot-mall' }, right: 'operator.manage' },
    'op.invitations.revoke': { data: { code: invitationCode }, right: 'operator.manage' },
  };
}

/**
 * What a caller with no right on the lot concerned is answered: FORBIDDEN, except that a session
 * of a lot where they may not view sessions is not found, as an id that does not exist, so that
 * its existence does not leak (server/operator/access.ts sessionForRight).
 */
function refusalOutside(name: OperatorRouteName): string {
  const data = samples()[name].data;
  if ('sessionId' in data) return 'SESSION_NOT_FOUND';
  // Likewise an invitation of a lot the caller has no part in (server/operator/invitations.ts).
  if ('code' in data) return 'INVITATION_NOT_FOUND';
  // And a camera (server/operator/cameras.ts).
  if ('cameraId' in data) return 'CAMERA_NOT_FOUND';
  return 'FORBIDDEN';
}

describe('operator routes refuse who may not use them', () => {
  it('has a sample for every route, and only for routes that exist', () => {
    expect(Object.keys(samples()).sort()).toEqual([...OPERATOR_ROUTE_NAMES].sort());
  });

  it.each([...OPERATOR_ROUTE_NAMES])(
    '%s refuses a plain driver with FORBIDDEN and changes nothing',
    async (name) => {
      const before = await stack.settledSnapshot();
      const error = await stack.refused(DEMO_DRIVER_OPENID, name, samples()[name].data);
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toMatch(/权限/);
      expect(stack.snapshot()).toBe(before);
    },
  );

  const ownerOnly = () =>
    OPERATOR_ROUTE_NAMES.filter((name) => {
      const right = samples()[name].right;
      return right !== undefined && !OPERATOR_RIGHTS.operator.includes(right);
    });

  it('knows which routes are for owners only', () => {
    expect(ownerOnly().sort()).toEqual(
      [
        'op.cameras.register',
        'op.cameras.remove',
        'op.gates.delete',
        'op.gates.upsert',
        'op.invitations.create',
        'op.invitations.list',
        'op.invitations.revoke',
        'op.lots.create',
        'op.lots.upsert',
        'op.operators.grant',
        'op.operators.list',
        'op.operators.revoke',
        'op.qrcodes',
        'op.revenue',
        'op.revenue.export',
        'op.spots.delete',
        'op.spots.upsert',
        'op.tariffs.upsert',
      ].sort(),
    );
  });

  it('refuses an operator (not an owner) every owner-only route, changing nothing', async () => {
    for (const name of ownerOnly()) {
      const before = await stack.settledSnapshot();
      const error = await stack.refused(OPERATOR, name, samples()[name].data);
      // An operator of lot-mall is told the invitation is not theirs to revoke, not that it is unknown.
      const expected = name === 'op.invitations.revoke' ? 'FORBIDDEN' : refusalOutside(name);
      expect({ name, code: error.code }).toEqual({ name, code: expected });
      expect(stack.snapshot()).toBe(before);
    }
  });

  it('lets the operator read what an operator may see', async () => {
    for (const name of [
      'op.me',
      'op.dashboard',
      'op.lots.list',
      'op.lots.get',
      'op.gates.list',
      'op.spots.list',
      'op.tariffs.get',
      'op.sessions.list',
      'op.sessions.get',
      'op.audit.list',
      'op.reconciliation',
    ] as const) {
      const result = await stack.api(OPERATOR, name, samples()[name].data);
      expect({ name, ok: result.ok }).toEqual({ name, ok: true });
    }
    const dashboard = await stack.ok<{ lots: Array<Record<string, unknown>> }>(
      OPERATOR,
      'op.dashboard',
    );
    // Revenue is an owner's: the operator's dashboard has no revenue.
    expect(dashboard.lots.every((l) => !('revenueToday' in l))).toBe(true);
  });

  it('refuses an operator of one lot the routes of another lot', async () => {
    await stack.ok(DEMO_OWNER_OPENID, 'op.operators.revoke', {
      lotId: 'lot-mall',
      openid: OPERATOR,
    });
    for (const name of [
      'op.lots.get',
      'op.sessions.list',
      'op.sessions.get',
      'op.gate.open',
      'op.sessions.finish',
    ] as const) {
      const before = await stack.settledSnapshot();
      const error = await stack.refused(OPERATOR, name, samples()[name].data);
      expect({ name, code: error.code }).toEqual({ name, code: refusalOutside(name) });
      expect(stack.snapshot()).toBe(before);
    }
    const me = await stack.ok<{ lots: Array<{ lotId: string }> }>(OPERATOR, 'op.me');
    expect(me.lots.map((l) => l.lotId)).toEqual(['lot-road']);
  });
});

describe('every operator route, for callers who hold no grant for what it touches', () => {
  it('is an operator route, and no driver route is one', () => {
    for (const name of OPERATOR_ROUTE_NAMES) {
      expect({ name, audience: operatorRoutes[name].audience }).toEqual({
        name,
        audience: 'operator',
      });
    }
    for (const [name, definition] of Object.entries(driverRoutes)) {
      expect({ name, audience: definition.audience, op: name.startsWith('op.') }).toEqual({
        name,
        audience: 'driver',
        op: false,
      });
    }
  });

  it.each([...OPERATOR_ROUTE_NAMES])(
    '%s refuses a former operator whose grants were all revoked, changing nothing',
    async (name) => {
      const before = await stack.settledSnapshot();
      const error = await stack.refused(FORMER, name, samples()[name].data);
      expect(error.code).toBe('FORBIDDEN');
      expect(stack.snapshot()).toBe(before);
    },
  );

  /** The same calls aimed at lot-mall where the sample names a place of lot-road. */
  const AT_MALL: Partial<Record<OperatorRouteName, Record<string, unknown>>> = {
    'op.spots.list': { lotId: 'lot-mall' },
    'op.spots.upsert': {
      spot: { id: 'spot-mall-9', lotId: 'lot-mall', code: 'M-009', name: '商场泊位' },
    },
    'op.spots.delete': { lotId: 'lot-mall', spotId: 'spot-road-4' },
  };
  const LOTLESS = ['op.me', 'op.dashboard', 'op.lots.list'];
  /** An owner of any lot may create a lot of their own (test/operator/lots.test.ts). */
  const CREATES_OWN = ['op.lots.create'];

  it.each(OPERATOR_ROUTE_NAMES.filter((n) => !CREATES_OWN.includes(n)))(
    '%s refuses the owner of another lot anything of lot-mall, changing nothing',
    async (name) => {
      const data = AT_MALL[name] ?? samples()[name].data;
      const before = await stack.settledSnapshot();
      // sessionId: the sample's session is inside lot-mall; cameraId: no such camera anywhere.
      if (
        !/mall/.test(JSON.stringify(data)) &&
        !('sessionId' in data) &&
        !('code' in data) &&
        !('cameraId' in data)
      ) {
        // A route that names no lot answers with the caller's own lots only.
        expect(LOTLESS).toContain(name);
        const result = await stack.api(ROAD_OWNER, name, data);
        expect(result.ok).toBe(true);
        expect(JSON.stringify(result)).not.toMatch(/mall/);
      } else {
        const error = await stack.refused(ROAD_OWNER, name, data);
        expect({ name, code: error.code }).toEqual({ name, code: refusalOutside(name) });
      }
      expect(stack.snapshot()).toBe(before);
    },
  );
});
