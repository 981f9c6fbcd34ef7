// (e) The gate endpoint refuses a bad HMAC and a replay. Every request here is first signed
// correctly (HMAC-SHA256 over lot, timestamp, nonce and raw body, server/gate-auth) and then one
// part is changed, or it is signed with the wrong lot's secret, or sent again. A refused request
// changes nothing: no session, and its nonce is not used up.
import { randomBytes } from 'node:crypto';
import { gateSignature } from '../../server/gate-auth/gate-signature';
import { COLLECTIONS } from '../../server/store/collections';
import { GATE_SECRET, GATES, LOTS } from '../backend/support/seed';
import { BackendStack } from '../backend/support/stack';

jest.setTimeout(60_000);

/** lot-prepay gets a secret of its own, so that a secret of one lot cannot sign for another. */
const PREPAY_SECRET = 'prepay-lot-own-secret-9876543210';

let stack: BackendStack;
beforeAll(async () => {
  stack = await BackendStack.start();
  stack.db.engine.applyBatch([
    {
      collection: COLLECTIONS.lotSecrets,
      id: LOTS.prepay.id,
      doc: { _id: LOTS.prepay.id, secret: PREPAY_SECRET },
    },
  ]);
}, 60_000);
afterAll(() => stack?.close());

interface Signed {
  lotId: string;
  timestamp: string;
  nonce: string;
  body: string;
  signature: string;
}

let plateNo = 0;
const nextPlate = () => `粤F5${String(1000 + ++plateNo)}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function signed(
  body: unknown,
  { lotId = LOTS.payAtExit.id, secret = GATE_SECRET, timestamp = String(nowSeconds()) } = {},
): Signed {
  const raw = JSON.stringify(body);
  const nonce = randomBytes(12).toString('hex');
  return {
    lotId,
    timestamp,
    nonce,
    body: raw,
    signature: gateSignature(secret, { lotId, timestamp, nonce, body: raw }),
  };
}

async function send(request: Signed) {
  const res = await fetch(`${stack.hostUrl}/gate`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-gate-lot': request.lotId,
      'x-gate-timestamp': request.timestamp,
      'x-gate-nonce': request.nonce,
      'x-gate-signature': request.signature,
    },
    body: request.body,
  });
  return {
    status: res.status,
    json: (await res.json()) as { ok: boolean; error?: { code: string } },
  };
}

const entryAt = (plate: string) => ({ type: 'entry', gateId: GATES.exitIn.id, plate });
const sessionsOf = (plate: string) => stack.docs(COLLECTIONS.sessions, { plate });
const nonceUsed = (r: Signed) =>
  stack.db.engine.get(COLLECTIONS.gateNonces, `${r.lotId}:${r.nonce}`);

describe('a bad HMAC is refused with 401 and changes nothing', () => {
  const flip = (hex: string) => `${hex[0] === '0' ? '1' : '0'}${hex.slice(1)}`;
  const cases: Array<[string, (plate: string) => Signed, string]> = [
    [
      'the body changed after signing (another plate)',
      (plate) => ({ ...signed(entryAt('粤F59999')), body: JSON.stringify(entryAt(plate)) }),
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'the body changed after signing (whitespace added)',
      (plate) => {
        const r = signed(entryAt(plate));
        return { ...r, body: `${r.body} ` };
      },
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'the timestamp changed after signing',
      (plate) => {
        const r = signed(entryAt(plate));
        return { ...r, timestamp: String(Number(r.timestamp) - 1) };
      },
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'the nonce changed after signing',
      (plate) => ({ ...signed(entryAt(plate)), nonce: randomBytes(12).toString('hex') }),
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'one bit of the signature changed',
      (plate) => {
        const r = signed(entryAt(plate));
        return { ...r, signature: flip(r.signature) };
      },
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'signed with a wrong secret',
      (plate) => signed(entryAt(plate), { secret: 'not-the-secret' }),
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      "signed with another lot's secret for its own lot",
      (plate) => signed(entryAt(plate), { secret: PREPAY_SECRET }),
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'signed for one lot and sent as another (lot header changed)',
      (plate) => ({
        ...signed({ ...entryAt(plate), gateId: GATES.prepayIn.id }, { secret: GATE_SECRET }),
        lotId: LOTS.prepay.id,
      }),
      'GATE_AUTH_BAD_SIGNATURE',
    ],
    [
      'a signature cut short',
      (plate) => {
        const r = signed(entryAt(plate));
        return { ...r, signature: r.signature.slice(0, 32) };
      },
      'GATE_AUTH_MISSING',
    ],
    [
      'a correct signature made 10 minutes ago',
      (plate) => signed(entryAt(plate), { timestamp: String(nowSeconds() - 600) }),
      'GATE_AUTH_STALE',
    ],
    [
      'a correct signature dated 10 minutes ahead',
      (plate) => signed(entryAt(plate), { timestamp: String(nowSeconds() + 600) }),
      'GATE_AUTH_STALE',
    ],
  ];

  it.each(cases)('%s', async (_what, make, code) => {
    const plate = nextPlate();
    const request = make(plate);
    const count = stack.docs(COLLECTIONS.sessions).length;
    const reply = await send(request);
    expect(reply).toMatchObject({ status: 401, json: { ok: false, error: { code } } });
    expect(stack.docs(COLLECTIONS.sessions)).toHaveLength(count);
    expect(sessionsOf(plate)).toHaveLength(0);
    expect(nonceUsed(request)).toBeUndefined();
  });

  it('leaves the nonce of a refused request usable by the real controller', async () => {
    const plate = nextPlate();
    const good = signed(entryAt(plate));
    expect(await send({ ...good, signature: flip(good.signature) })).toMatchObject({ status: 401 });
    expect(await send(good)).toMatchObject({ status: 200, json: { ok: true } });
    expect(sessionsOf(plate)).toHaveLength(1);
  });

  it("accepts the other lot's own secret, which shows the refusals are about the secret", async () => {
    const plate = nextPlate();
    const own = signed(
      { type: 'entry', gateId: GATES.prepayIn.id, plate },
      { lotId: LOTS.prepay.id, secret: PREPAY_SECRET },
    );
    expect(await send(own)).toMatchObject({ status: 200, json: { ok: true } });
  });
});

describe('a replay is refused with 409 and changes nothing', () => {
  it.each([
    ['an entry', (plate: string) => entryAt(plate)],
    [
      'a may_leave question',
      (plate: string) => ({ type: 'may_leave', gateId: GATES.exitOut.id, plate }),
    ],
  ])('%s sent again byte for byte', async (_what, body) => {
    const plate = nextPlate();
    if (body(plate).type !== 'entry') await send(signed(entryAt(plate)));
    const request = signed(body(plate));
    const first = await send(request);
    expect(first).toMatchObject({ status: 200, json: { ok: true } });
    const after = JSON.stringify(sessionsOf(plate));
    for (let i = 0; i < 2; i += 1) {
      const replay = await send(request);
      expect(replay).toMatchObject({
        status: 409,
        json: { ok: false, error: { code: 'GATE_REPLAY' } },
      });
    }
    expect(JSON.stringify(sessionsOf(plate))).toBe(after);
  });

  it('an exit sent again after the car left does not record a second exit', async () => {
    const plate = nextPlate();
    await send(signed(entryAt(plate)));
    const exit = signed({ type: 'exit', gateId: GATES.exitOut.id, plate });
    const first = await send(exit);
    const after = JSON.stringify(sessionsOf(plate));
    const replay = await send(exit);
    expect(replay).toMatchObject({ status: 409, json: { error: { code: 'GATE_REPLAY' } } });
    expect(first.status).not.toBe(409);
    expect(JSON.stringify(sessionsOf(plate))).toBe(after);
  });

  it('the same request sent five times at once is accepted once', async () => {
    const plate = nextPlate();
    const request = signed(entryAt(plate));
    const replies = await Promise.all(Array.from({ length: 5 }, () => send(request)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(sessionsOf(plate)).toHaveLength(1);
  });

  it('a nonce once used is refused even with a new body correctly signed', async () => {
    const plate = nextPlate();
    const first = signed(entryAt(plate));
    expect(await send(first)).toMatchObject({ status: 200 });
    const body = JSON.stringify({ ...entryAt(nextPlate()) });
    const again = {
      ...first,
      body,
      signature: gateSignature(GATE_SECRET, { ...first, body }),
    };
    expect(await send(again)).toMatchObject({
      status: 409,
      json: { error: { code: 'GATE_REPLAY' } },
    });
    expect(stack.docs(COLLECTIONS.sessions, { plate: JSON.parse(body).plate })).toHaveLength(0);
  });
});
