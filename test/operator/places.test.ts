import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { DEMO_DRIVER_OPENID, DEMO_OWNER_OPENID } from '../../server/seed/demo-data';
import { COLLECTIONS } from '../../server/store/collections';
import { OperatorStack } from './support/operator-stack';

/** The owner's side: grants, lots, gates, spots, tariffs, QR codes and operators. */
const COLLEAGUE = 'oTEST-colleague-000000000001';

let stack: OperatorStack;

beforeAll(async () => {
  stack = await OperatorStack.start();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** The dark and light modules of a QR code image of `size` modules (margin 2, as op.qrcodes draws it). */
function qrModulesOf(dataUrl: string, size: number): boolean[][] {
  expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
  const png = PNG.sync.read(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
  const dark = (x: number, y: number) => (png.data[(y * png.width + x) * 4] as number) < 128;
  const scale = png.width / (size + 4);
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) =>
      dark(Math.floor((c + 2.5) * scale), Math.floor((r + 2.5) * scale)),
    ),
  );
}

function expectedModules(text: string): boolean[][] {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => Boolean(qr.modules.get(r, c))),
  );
}

function stored(collection: string, id: string) {
  const doc = stack.engine.get(collection, id) as Record<string, unknown> | undefined;
  if (!doc) throw new Error(`no ${collection}/${id}`);
  const { _id: _ignored, ...fields } = doc;
  return fields;
}

describe('op.me', () => {
  it("gives the owner's lots, roles and rights", async () => {
    const me = await stack.ok<{
      lots: Array<{ lotId: string; role: string; lotName: string; rights: string[] }>;
    }>(DEMO_OWNER_OPENID, 'op.me');
    expect(me.lots.map((l) => [l.lotId, l.role])).toEqual([
      ['lot-mall', 'owner'],
      ['lot-office', 'owner'],
      ['lot-road', 'owner'],
    ]);
    expect(me.lots[0]!.lotName).toBe('深圳湾商场停车场');
    expect(me.lots[0]!.rights).toContain('revenue.view');
  });
});

describe('lots', () => {
  it('lists and reads the lots the caller may view', async () => {
    const list = await stack.ok<{ lots: Array<{ id: string; role: string }> }>(
      DEMO_OWNER_OPENID,
      'op.lots.list',
    );
    expect(list.lots.map((l) => l.id)).toEqual(['lot-mall', 'lot-office', 'lot-road']);
    const one = await stack.ok<{ lot: { parkingNo: string }; role: string }>(
      DEMO_OWNER_OPENID,
      'op.lots.get',
      {
        lotId: 'lot-road',
      },
    );
    expect(one).toMatchObject({ lot: { parkingNo: 'SZROAD001' }, role: 'owner' });
  });

  it('updates a lot and audits it', async () => {
    const lot = stored(COLLECTIONS.lots, 'lot-mall');
    const updated = await stack.ok<{ lot: { name: string; graceSeconds: number } }>(
      DEMO_OWNER_OPENID,
      'op.lots.upsert',
      {
        lot: { ...lot, name: '深圳湾商场 P1', graceSeconds: 600 },
        reason: '改名',
      },
    );
    expect(updated.lot).toMatchObject({ name: '深圳湾商场 P1', graceSeconds: 600 });
    expect(stored(COLLECTIONS.lots, 'lot-mall')).toMatchObject({
      name: '深圳湾商场 P1',
      graceSeconds: 600,
    });
    expect(stack.engine.find(COLLECTIONS.audit, { action: 'lot.update' })).toHaveLength(1);
  });

  it('refuses a broken lot, a new lot, another kind and a taken parkingNo, changing nothing', async () => {
    const lot = stored(COLLECTIONS.lots, 'lot-mall');
    const before = await stack.settledSnapshot();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...lot, parkingNo: 'BAD_NO' }, 'INVALID_INPUT'],
      [{ ...lot, prepay: { freezeAmount: 12.5, freezeSeconds: 3600 } }, 'INVALID_INPUT'],
      [{ ...lot, id: 'lot-new', parkingNo: 'NEW001' }, 'FORBIDDEN'],
      [{ ...lot, kind: 'roadside', entryPrepay: false }, 'LOT_KIND_FIXED'],
      [{ ...lot, parkingNo: 'SZROAD001' }, 'PARKING_NO_TAKEN'],
      [{ ...lot, tariffId: 'tariff-none' }, 'TARIFF_NOT_FOUND'],
      [{ ...lot, cusid: '999999999999999' }, 'MERCHANT_NOT_CONFIGURED'],
    ];
    for (const [candidate, code] of cases) {
      const error = await stack.refused(DEMO_OWNER_OPENID, 'op.lots.upsert', { lot: candidate });
      expect({ parkingNo: candidate.parkingNo, code: error.code }).toEqual({
        parkingNo: candidate.parkingNo,
        code,
      });
    }
    const invalid = await stack.refused(DEMO_OWNER_OPENID, 'op.lots.upsert', {
      lot: { ...lot, parkingNo: 'BAD_NO' },
    });
    expect(invalid.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'parkingNo' })]),
    );
    expect(stack.snapshot()).toBe(before);
  });
});

describe('gates and spots', () => {
  it('adds and renames a gate, with its scene', async () => {
    const added = await stack.ok<{ gate: { scene: string }; created: boolean }>(
      DEMO_OWNER_OPENID,
      'op.gates.upsert',
      {
        gate: { id: 'gate-mall-south', lotId: 'lot-mall', kind: 'exit', name: '南门出口' },
      },
    );
    expect(added).toEqual({
      gate: {
        id: 'gate-mall-south',
        lotId: 'lot-mall',
        kind: 'exit',
        name: '南门出口',
        scene: 'g:gate-mall-south',
      },
      created: true,
    });
    const renamed = await stack.ok<{ created: boolean }>(DEMO_OWNER_OPENID, 'op.gates.upsert', {
      gate: { id: 'gate-mall-south', lotId: 'lot-mall', kind: 'exit', name: '南门出口 2' },
    });
    expect(renamed.created).toBe(false);
    const list = await stack.ok<{ gates: Array<{ id: string; name: string }> }>(
      DEMO_OWNER_OPENID,
      'op.gates.list',
      {
        lotId: 'lot-mall',
      },
    );
    expect(list.gates).toHaveLength(4);
    expect(list.gates.find((g) => g.id === 'gate-mall-south')?.name).toBe('南门出口 2');
  });

  it('refuses a gate in a roadside lot, a spot in a gated lot, a taken id or spot code', async () => {
    const before = await stack.settledSnapshot();
    const gateInRoad = await stack.refused(DEMO_OWNER_OPENID, 'op.gates.upsert', {
      gate: { id: 'gate-road', lotId: 'lot-road', kind: 'entry', name: '入口' },
    });
    expect(gateInRoad.code).toBe('WRONG_LOT_KIND');
    const spotInMall = await stack.refused(DEMO_OWNER_OPENID, 'op.spots.upsert', {
      spot: { id: 'spot-mall', lotId: 'lot-mall', code: 'B-001', name: '泊位' },
    });
    expect(spotInMall.code).toBe('WRONG_LOT_KIND');
    const takenId = await stack.refused(DEMO_OWNER_OPENID, 'op.spots.upsert', {
      spot: { id: 'gate-mall-in', lotId: 'lot-road', code: 'B-001', name: '泊位' },
    });
    expect(takenId.code).toBe('ID_TAKEN');
    const takenCode = await stack.refused(DEMO_OWNER_OPENID, 'op.spots.upsert', {
      spot: { id: 'spot-road-9', lotId: 'lot-road', code: 'A-001', name: '泊位' },
    });
    expect(takenCode.code).toBe('SPOT_CODE_TAKEN');
    const badName = await stack.refused(DEMO_OWNER_OPENID, 'op.spots.upsert', {
      spot: { id: 'spot-road-9', lotId: 'lot-road', code: 'A-009', name: '' },
    });
    expect(badName.code).toBe('INVALID_INPUT');
    expect(stack.snapshot()).toBe(before);
  });

  it('adds a spot', async () => {
    const added = await stack.ok<{ spot: { scene: string }; created: boolean }>(
      DEMO_OWNER_OPENID,
      'op.spots.upsert',
      {
        spot: { id: 'spot-road-9', lotId: 'lot-road', code: 'A-009', name: '科苑路 A-009 泊位' },
      },
    );
    expect(added).toMatchObject({ spot: { scene: 's:spot-road-9' }, created: true });
    const list = await stack.ok<{ spots: unknown[] }>(DEMO_OWNER_OPENID, 'op.spots.list', {
      lotId: 'lot-road',
    });
    expect(list.spots).toHaveLength(5);
  });
});

describe('deleting gates and spots', () => {
  it('removes a spot nobody stands on, once, and audits it', async () => {
    const removed = await stack.ok<{ outcome: string }>(DEMO_OWNER_OPENID, 'op.spots.delete', {
      lotId: 'lot-road',
      spotId: 'spot-road-9',
      reason: '撤销泊位',
    });
    expect(removed.outcome).toBe('applied');
    expect(stack.engine.get(COLLECTIONS.spots, 'spot-road-9')).toBeUndefined();
    const again = await stack.ok<{ outcome: string }>(DEMO_OWNER_OPENID, 'op.spots.delete', {
      lotId: 'lot-road',
      spotId: 'spot-road-9',
    });
    expect(again.outcome).toBe('already');
    expect(stack.engine.find(COLLECTIONS.audit, { action: 'spot.delete' })).toHaveLength(1);
  });

  it('refuses to remove a gate a live session entered by, or a gate of another lot', async () => {
    const inside = await stack.gate('lot-mall', {
      type: 'entry',
      gateId: 'gate-mall-in',
      plate: '粤B77777',
    });
    expect(inside.status).toBe(200);
    const before = await stack.settledSnapshot();
    const inUse = await stack.refused(DEMO_OWNER_OPENID, 'op.gates.delete', {
      lotId: 'lot-mall',
      gateId: 'gate-mall-in',
    });
    expect(inUse.code).toBe('PLACE_IN_USE');
    const elsewhere = await stack.refused(DEMO_OWNER_OPENID, 'op.gates.delete', {
      lotId: 'lot-road',
      gateId: 'gate-mall-south',
    });
    expect(elsewhere.code).toBe('GATE_NOT_FOUND');
    expect(stack.snapshot()).toBe(before);
    const removed = await stack.ok<{ outcome: string }>(DEMO_OWNER_OPENID, 'op.gates.delete', {
      lotId: 'lot-mall',
      gateId: 'gate-mall-south',
    });
    expect(removed.outcome).toBe('applied');
  });
});

describe('tariffs', () => {
  it('reads and changes the tariff of a lot', async () => {
    const current = await stack.ok<{
      tariff: Record<string, unknown>;
      view: { periods: unknown[] };
    }>(DEMO_OWNER_OPENID, 'op.tariffs.get', { lotId: 'lot-road' });
    expect(current.tariff.id).toBe('tariff-road');
    expect(current.view.periods).toHaveLength(2);
    const changed = await stack.ok<{ tariff: { freeMinutes: number } }>(
      DEMO_OWNER_OPENID,
      'op.tariffs.upsert',
      {
        lotId: 'lot-road',
        tariff: { ...current.tariff, freeMinutes: 10 },
        reason: '新政策',
      },
    );
    expect(changed.tariff.freeMinutes).toBe(10);
    expect(stored(COLLECTIONS.tariffs, 'tariff-road')).toMatchObject({ freeMinutes: 10 });
  });

  it('points a lot at a new tariff', async () => {
    const current = stored(COLLECTIONS.tariffs, 'tariff-mall');
    await stack.ok(DEMO_OWNER_OPENID, 'op.tariffs.upsert', {
      lotId: 'lot-mall',
      tariff: { ...current, id: 'tariff-mall-2027', name: '2027 标准' },
    });
    expect(stored(COLLECTIONS.lots, 'lot-mall')).toMatchObject({ tariffId: 'tariff-mall-2027' });
  });

  it('refuses a broken tariff, naming the field, and changes nothing', async () => {
    const current = stored(COLLECTIONS.tariffs, 'tariff-road');
    const before = await stack.settledSnapshot();
    const error = await stack.refused(DEMO_OWNER_OPENID, 'op.tariffs.upsert', {
      lotId: 'lot-road',
      tariff: { ...current, periods: [{ name: '白天', start: '25:00', pricePerUnit: 300 }] },
    });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toEqual([expect.objectContaining({ field: 'periods.0.start' })]);
    expect(stack.snapshot()).toBe(before);
  });
});

describe('op.qrcodes', () => {
  it('gives every gate a scene, its URL and a PNG of a QR code', async () => {
    const result = await stack.ok<{
      mode: string;
      codes: Array<{ kind: string; id: string; scene: string; url: string; image: string }>;
    }>(DEMO_OWNER_OPENID, 'op.qrcodes', { lotId: 'lot-mall' });
    expect(result.mode).toBe('local');
    expect(result.codes.map((c) => c.scene)).toEqual(
      expect.arrayContaining(['g:gate-mall-in', 'g:gate-mall-out', 'g:gate-mall-pay']),
    );
    const entry = result.codes.find((c) => c.id === 'gate-mall-in')!;
    expect(entry.url).toBe('https://parking.test/p?scene=g%3Agate-mall-in');
    // The picture is the QR code of that URL: every module read from the pixels matches.
    const expected = expectedModules(entry.url);
    expect(qrModulesOf(entry.image, expected.length)).toEqual(expected);
    // The scanned URL resolves to the gate through the driver route.
    const resolved = await stack.ok<{ kind: string; gate?: { id: string } }>(
      DEMO_DRIVER_OPENID,
      'scene.resolve',
      {
        scene: entry.url,
      },
    );
    expect(JSON.stringify(resolved)).toContain('gate-mall-in');
  });

  it('gives every spot of a roadside lot a code', async () => {
    const result = await stack.ok<{ codes: Array<{ kind: string; scene: string }> }>(
      DEMO_OWNER_OPENID,
      'op.qrcodes',
      {
        lotId: 'lot-road',
      },
    );
    expect(result.codes.every((c) => c.kind === 'spot' && c.scene.startsWith('s:'))).toBe(true);
    expect(result.codes.length).toBeGreaterThanOrEqual(4);
  });
});

describe('operators', () => {
  it('grants, lists and revokes, and never removes the last owner', async () => {
    const stranger = await stack.refused(DEMO_OWNER_OPENID, 'op.operators.grant', {
      lotId: 'lot-road',
      openid: COLLEAGUE,
      role: 'operator',
      reason: '新同事',
    });
    expect(stranger.code).toBe('NOT_AN_OPERATOR');
    await stack.addOperator(DEMO_OWNER_OPENID, 'lot-road', COLLEAGUE, 'operator');
    const repeat = await stack.ok<{ outcome: string }>(DEMO_OWNER_OPENID, 'op.operators.grant', {
      lotId: 'lot-road',
      openid: COLLEAGUE,
      role: 'operator',
    });
    expect(repeat.outcome).toBe('already');
    const list = await stack.ok<{ operators: Array<{ openid: string; role: string }> }>(
      DEMO_OWNER_OPENID,
      'op.operators.list',
      { lotId: 'lot-road' },
    );
    // Owners first; each by the name they gave (or role and openid tail).
    expect(list.operators.map((o) => [o.openid, o.role])).toEqual([
      [DEMO_OWNER_OPENID, 'owner'],
      [COLLEAGUE, 'operator'],
    ]);
    expect(list.operators.map((o) => (o as { name?: string }).name)).toEqual([
      '所有者（尾号 0000）',
      `同事${COLLEAGUE.slice(-4)}`,
    ]);

    const before = await stack.settledSnapshot();
    const lastOwner = await stack.refused(DEMO_OWNER_OPENID, 'op.operators.revoke', {
      lotId: 'lot-road',
      openid: DEMO_OWNER_OPENID,
    });
    expect(lastOwner.code).toBe('LAST_OWNER');
    const demote = await stack.refused(DEMO_OWNER_OPENID, 'op.operators.grant', {
      lotId: 'lot-road',
      openid: DEMO_OWNER_OPENID,
      role: 'operator',
    });
    expect(demote.code).toBe('LAST_OWNER');
    // Only the audit of the two refusals was written.
    const after = JSON.parse(stack.snapshot()) as Record<string, unknown[]>;
    const prior = JSON.parse(before) as Record<string, unknown[]>;
    expect(after[COLLECTIONS.operators]).toEqual(prior[COLLECTIONS.operators]);
    expect(after[COLLECTIONS.audit]!.length - prior[COLLECTIONS.audit]!.length).toBe(2);

    // With a second owner, the first may step down.
    await stack.ok(DEMO_OWNER_OPENID, 'op.operators.grant', {
      lotId: 'lot-road',
      openid: COLLEAGUE,
      role: 'owner',
    });
    await stack.ok(COLLEAGUE, 'op.operators.revoke', {
      lotId: 'lot-road',
      openid: DEMO_OWNER_OPENID,
    });
    const me = await stack.ok<{ lots: Array<{ lotId: string }> }>(DEMO_OWNER_OPENID, 'op.me');
    expect(me.lots.map((l) => l.lotId)).toEqual(['lot-mall', 'lot-office']);
    expect(
      (await stack.refused(DEMO_OWNER_OPENID, 'op.lots.get', { lotId: 'lot-road' })).code,
    ).toBe('FORBIDDEN');
  });
});
