import { DEMO_DRIVER_OPENID, DEMO_OWNER_OPENID } from '../../server/seed/demo-data';
import { COLLECTIONS } from '../../server/store/collections';
import { OperatorStack } from './support/operator-stack';

/**
 * An owner sets up a lot over HTTP: creates it, edits its settings (the audit says old → new in
 * Chinese), and brings in people by invitation, each invitation used once.
 */
let stack: OperatorStack;

beforeAll(async () => {
  stack = await OperatorStack.start();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

interface AuditItem {
  action: string;
  outcome: string;
  reason: string;
  byName?: string;
  subject?: string;
  changes?: Array<{ label: string; from: string; to: string }>;
}

const audit = async (lotId: string) =>
  (await stack.ok<{ items: AuditItem[] }>(DEMO_OWNER_OPENID, 'op.audit.list', { lotId })).items;

function mallFields() {
  const {
    _id,
    tariffId: _t,
    ...lot
  } = stack.engine.get(COLLECTIONS.lots, 'lot-mall') as Record<string, unknown>;
  return lot;
}

const NEW_LOT = {
  id: 'lot-harbour',
  parkingNo: 'HARBOUR-01',
  name: '海港停车场',
  kind: 'gated',
  entryPrepay: false,
};

describe('op.lots.create', () => {
  it('creates a lot with a starter tariff; the creator owns it; the audit lists every setting', async () => {
    const created = await stack.ok<{ lot: { id: string; tariffId: string } }>(
      DEMO_OWNER_OPENID,
      'op.lots.create',
      { lot: { ...mallFields(), ...NEW_LOT } },
    );
    expect(created.lot).toMatchObject({ id: 'lot-harbour', tariffId: 'lot-harbour' });
    const me = await stack.ok<{ lots: Array<{ lotId: string; role: string }> }>(
      DEMO_OWNER_OPENID,
      'op.me',
    );
    expect(me.lots).toContainEqual(
      expect.objectContaining({ lotId: 'lot-harbour', role: 'owner' }),
    );
    const tariff = await stack.ok<{ tariff: { periods: unknown[] } }>(
      DEMO_OWNER_OPENID,
      'op.tariffs.get',
      { lotId: 'lot-harbour' },
    );
    expect(tariff.tariff.periods).toHaveLength(1);
    const [entry] = await audit('lot-harbour');
    expect(entry).toMatchObject({
      action: 'lot.create',
      outcome: 'applied',
      subject: '海港停车场',
    });
    expect(entry!.changes).toContainEqual({ label: '名称', from: '（无）', to: '海港停车场' });
    expect(entry!.changes).toContainEqual({ label: '入场预付', from: '（无）', to: '关闭' });
    expect(entry!.byName).not.toMatch(/oDEMO/);
  });

  it('refuses a taken id or parkingNo, and a caller who owns no lot, changing nothing', async () => {
    const before = await stack.settledSnapshot();
    const taken = await stack.refused(DEMO_OWNER_OPENID, 'op.lots.create', {
      lot: { ...mallFields(), ...NEW_LOT },
    });
    expect(taken.code).toBe('ID_TAKEN');
    const sameNo = await stack.refused(DEMO_OWNER_OPENID, 'op.lots.create', {
      lot: { ...mallFields(), ...NEW_LOT, id: 'lot-harbour-2' },
    });
    expect(sameNo.code).toBe('PARKING_NO_TAKEN');
    const bad = await stack.refused(DEMO_OWNER_OPENID, 'op.lots.create', {
      lot: { ...mallFields(), ...NEW_LOT, id: 'lot-x', parkingNo: 'X_1', noPlateProvince: 'ab' },
    });
    expect(bad.code).toBe('INVALID_INPUT');
    const fields = (bad.details as Array<{ field: string }>).map((d) => d.field);
    // Every bad field at once.
    expect(fields).toEqual(expect.arrayContaining(['parkingNo', 'noPlateProvince']));
    const driver = await stack.refused(DEMO_DRIVER_OPENID, 'op.lots.create', {
      lot: { ...mallFields(), ...NEW_LOT, id: 'lot-y', parkingNo: 'Y-1' },
    });
    expect(driver.code).toBe('FORBIDDEN');
    expect(stack.snapshot()).toBe(before);
  });
});

describe('editing settings', () => {
  it('saves entry prepay, freeze, leave window, stale limit, province and road; the audit says old → new', async () => {
    const { lot } = await stack.ok<{ lot: Record<string, unknown> }>(
      DEMO_OWNER_OPENID,
      'op.lots.get',
      { lotId: 'lot-harbour' },
    );
    const edited = {
      ...lot,
      entryPrepay: true,
      prepay: { freezeAmount: 3000, freezeSeconds: 2 * 86_400 },
      graceSeconds: 1200,
      staleSeconds: 3 * 86_400,
      noPlateProvince: '港',
      road: 9,
    };
    await stack.ok(DEMO_OWNER_OPENID, 'op.lots.upsert', { lot: edited, reason: '开业调整' });
    expect(stack.engine.get(COLLECTIONS.lots, 'lot-harbour')).toMatchObject({
      entryPrepay: true,
      graceSeconds: 1200,
      noPlateProvince: '港',
    });
    const entry = (await audit('lot-harbour')).find((e) => e.action === 'lot.update');
    expect(entry).toMatchObject({ action: 'lot.update', reason: '开业调整' });
    expect(entry!.changes).toEqual(
      expect.arrayContaining([
        { label: '入场预付', from: '关闭', to: '开启' },
        {
          label: '冻结金额',
          from: `¥${((lot.prepay as { freezeAmount: number }).freezeAmount / 100).toFixed(2)}`,
          to: '¥30.00',
        },
        { label: '冻结时长', from: expect.any(String), to: '2 天' },
        { label: '缴费后离场时限', from: expect.any(String), to: '20 分钟' },
        { label: '超时标记', from: expect.any(String), to: '3 天' },
        { label: '无牌车省份简称', from: lot.noPlateProvince as string, to: '港' },
      ]),
    );
    // Only what changed is listed.
    expect(entry!.changes!.map((c) => c.label)).not.toContain('名称');
  });

  it('records a tariff edit with old → new prices and period starts', async () => {
    const { tariff } = await stack.ok<{ tariff: Record<string, unknown> }>(
      DEMO_OWNER_OPENID,
      'op.tariffs.get',
      { lotId: 'lot-harbour' },
    );
    await stack.ok(DEMO_OWNER_OPENID, 'op.tariffs.upsert', {
      lotId: 'lot-harbour',
      tariff: {
        ...tariff,
        freeMinutes: 30,
        periods: [
          { name: '白天', start: '08:00', pricePerUnit: 600 },
          { name: '夜间', start: '21:00', pricePerUnit: 200 },
        ],
      },
    });
    // Newest first; two records of one second may come in either order.
    const entry = (await audit('lot-harbour')).find((e) => e.action === 'tariff.upsert');
    expect(entry!.changes).toEqual(
      expect.arrayContaining([
        { label: '免费时长', from: '15 分钟', to: '30 分钟' },
        {
          label: '时段',
          from: '全天 00:00 起 ¥5.00',
          to: '白天 08:00 起 ¥6.00；夜间 21:00 起 ¥2.00',
        },
      ]),
    );
  });
});

describe('invitations', () => {
  const INVITEE = 'oTEST-invitee-000000000000001';
  const SECOND = 'oTEST-second-0000000000000001';

  const invite = (role = 'operator', hours?: number) =>
    stack.ok<{ invitation: { code: string; state: string }; scene: string; image: string }>(
      DEMO_OWNER_OPENID,
      'op.invitations.create',
      { lotId: 'lot-harbour', role, ...(hours !== undefined && { hours }) },
    );

  it('is accepted once, by the cloud identity, with the name the invitee gives', async () => {
    const made = await invite();
    expect(made.scene).toBe(`i:${made.invitation.code}`);
    expect(made.scene.length).toBeLessThanOrEqual(32);
    expect(made.image).toMatch(/^data:image\/png;base64,/);
    const peek = await stack.ok<{ lotName: string; role: string; state: string }>(
      INVITEE,
      'invitation.get',
      { code: made.invitation.code.toLowerCase() },
    );
    expect(peek).toMatchObject({ lotName: '海港停车场', role: 'operator', state: 'open' });

    const accepted = await stack.ok<{ outcome: string; lotId: string }>(
      INVITEE,
      'invitation.accept',
      { code: made.invitation.code, name: '王小明' },
    );
    expect(accepted).toMatchObject({ outcome: 'applied', lotId: 'lot-harbour' });
    // A repeat by the same person finds it done.
    const repeat = await stack.ok<{ outcome: string }>(INVITEE, 'invitation.accept', {
      code: made.invitation.code,
      name: '王小明',
    });
    expect(repeat.outcome).toBe('already');

    const before = await stack.settledSnapshot();
    const second = await stack.refused(SECOND, 'invitation.accept', {
      code: made.invitation.code,
      name: '李四',
    });
    expect(second.code).toBe('INVITATION_USED');
    expect(stack.snapshot()).toBe(before);

    const list = await stack.ok<{ operators: Array<{ name: string; role: string }> }>(
      DEMO_OWNER_OPENID,
      'op.operators.list',
      { lotId: 'lot-harbour' },
    );
    expect(list.operators).toContainEqual(
      expect.objectContaining({ name: '王小明', role: 'operator' }),
    );
    const entry = (await audit('lot-harbour')).find((e) => e.action === 'invitation.accept');
    expect(entry).toMatchObject({
      action: 'invitation.accept',
      byName: '王小明',
      subject: '王小明 成为操作员',
      changes: [{ label: '角色', from: '无', to: '操作员' }],
    });
    // The new operator may now see the lot's sessions.
    await stack.ok(INVITEE, 'op.sessions.list', { lotId: 'lot-harbour' });
  });

  it('expires', async () => {
    const made = await invite('operator', 1);
    await stack.advanceClock(3601);
    const before = await stack.settledSnapshot();
    const late = await stack.refused(SECOND, 'invitation.accept', {
      code: made.invitation.code,
      name: '李四',
    });
    expect(late.code).toBe('INVITATION_EXPIRED');
    expect(stack.snapshot()).toBe(before);
    const list = await stack.ok<{ invitations: Array<{ code: string; state: string }> }>(
      DEMO_OWNER_OPENID,
      'op.invitations.list',
      { lotId: 'lot-harbour' },
    );
    expect(list.invitations.find((i) => i.code === made.invitation.code)?.state).toBe('expired');
  });

  it('can be revoked while open, and is then refused', async () => {
    const made = await invite('owner');
    const revoked = await stack.ok<{ outcome: string }>(
      DEMO_OWNER_OPENID,
      'op.invitations.revoke',
      {
        code: made.invitation.code,
      },
    );
    expect(revoked.outcome).toBe('applied');
    const again = await stack.ok<{ outcome: string }>(DEMO_OWNER_OPENID, 'op.invitations.revoke', {
      code: made.invitation.code,
    });
    expect(again.outcome).toBe('already');
    const refused = await stack.refused(SECOND, 'invitation.accept', {
      code: made.invitation.code,
      name: '李四',
    });
    expect(refused.code).toBe('INVITATION_REVOKED');
    const me = await stack.ok<{ lots: unknown[] }>(SECOND, 'op.me').catch(() => ({ lots: [] }));
    expect(me.lots).toEqual([]);
  });

  it('refuses the owner himself, leaving the invitation open for whom it was meant', async () => {
    const made = await invite();
    const before = await stack.settledSnapshot();
    const self = await stack.refused(DEMO_OWNER_OPENID, 'invitation.accept', {
      code: made.invitation.code,
      name: '老板',
    });
    expect(self.code).toBe('ALREADY_OPERATOR');
    expect(self.message).toMatch(/所有者/);
    expect(stack.snapshot()).toBe(before);
    await stack.ok(SECOND, 'invitation.accept', { code: made.invitation.code, name: '李四' });
  });

  it('refuses an unknown code and a name that is not plain text', async () => {
    expect(
      (await stack.refused(SECOND, 'invitation.accept', { code: '0000000000', name: '李四' })).code,
    ).toBe('INVITATION_NOT_FOUND');
    const made = await invite();
    const bad = await stack.refused(SECOND, 'invitation.accept', {
      code: made.invitation.code,
      name: '  ',
    });
    expect(bad.code).toBe('INVALID_INPUT');
  });
});
