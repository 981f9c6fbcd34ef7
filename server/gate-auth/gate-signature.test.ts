import { createHmac } from 'node:crypto';
import { checkGateSignature, gateSignature, readGateHeaders } from './gate-signature';

const secret = 'lot-secret-0123456789';
const body = '{"plate":"粤B12345","event":"exit"}';
const now = 1_764_000_000;

function headersFor(timestamp: number, nonce = 'nonce-0001', b = body) {
  return {
    'X-Gate-Lot': 'lot1',
    'x-gate-timestamp': String(timestamp),
    'x-gate-nonce': nonce,
    'x-gate-signature': gateSignature(secret, {
      lotId: 'lot1',
      timestamp: String(timestamp),
      nonce,
      body: b,
    }),
  };
}

describe('gate signature', () => {
  it('is HMAC-SHA256 over lot, timestamp, nonce and body (known answer)', () => {
    const expected = createHmac('sha256', secret)
      .update(`lot1\n${now}\nnonce-0001\n${body}`)
      .digest('hex');
    expect(
      gateSignature(secret, { lotId: 'lot1', timestamp: String(now), nonce: 'nonce-0001', body }),
    ).toBe(expected);
  });

  it('accepts a fresh, correctly signed request', () => {
    const auth = readGateHeaders(headersFor(now))!;
    expect(checkGateSignature(auth, body, secret, now + 10)).toBeUndefined();
  });

  it('refuses a stale or future timestamp', () => {
    expect(checkGateSignature(readGateHeaders(headersFor(now - 301))!, body, secret, now)).toBe(
      'GATE_AUTH_STALE',
    );
    expect(checkGateSignature(readGateHeaders(headersFor(now + 301))!, body, secret, now)).toBe(
      'GATE_AUTH_STALE',
    );
  });

  it('refuses a changed body, a wrong secret and a changed nonce', () => {
    const auth = readGateHeaders(headersFor(now))!;
    expect(checkGateSignature(auth, body.replace('exit', 'entry'), secret, now)).toBe(
      'GATE_AUTH_BAD_SIGNATURE',
    );
    expect(checkGateSignature(auth, body, 'other-secret', now)).toBe('GATE_AUTH_BAD_SIGNATURE');
    expect(checkGateSignature({ ...auth, nonce: 'nonce-0002' }, body, secret, now)).toBe(
      'GATE_AUTH_BAD_SIGNATURE',
    );
  });

  it('says nothing usable is there when a header is missing or malformed', () => {
    const good = headersFor(now);
    expect(readGateHeaders({ ...good, 'x-gate-nonce': undefined })).toBeUndefined();
    expect(readGateHeaders({ ...good, 'x-gate-nonce': 'short' })).toBeUndefined();
    expect(readGateHeaders({ ...good, 'x-gate-timestamp': '12a' })).toBeUndefined();
    expect(readGateHeaders({ ...good, 'x-gate-signature': 'zz' })).toBeUndefined();
  });
});
