// The signed gate headers are what the server's gate authentication accepts (and only for the
// body and secret they were made with).
import { checkGateSignature, readGateHeaders } from '../server/gate-auth/gate-signature';
import { DEMO_GATE_SECRET } from '../server/seed/demo-data';
import { signedGateHeaders } from './stack-client';

const now = () => Math.floor(Date.now() / 1000);

it('signs with the demo secret by default; the server reads and accepts them', () => {
  const raw = JSON.stringify({ event: 'entry', plate: '粤B12345' });
  const headers = signedGateHeaders('lot-1', raw);
  expect(headers['content-type']).toBe('application/json');
  const auth = readGateHeaders(headers);
  expect(auth).toMatchObject({ lotId: 'lot-1' });
  expect(checkGateSignature(auth!, raw, DEMO_GATE_SECRET, now())).toBeUndefined();
  expect(checkGateSignature(auth!, `${raw} `, DEMO_GATE_SECRET, now())).toBe(
    'GATE_AUTH_BAD_SIGNATURE',
  );
});

it('takes the secret, nonce and timestamp it is given', () => {
  const headers = signedGateHeaders('lot-2', '{}', {
    secret: 'another-secret',
    nonce: 'nonce-0001',
    timestamp: '1700000000',
  });
  const auth = readGateHeaders(headers)!;
  expect(auth).toMatchObject({ nonce: 'nonce-0001', timestamp: '1700000000' });
  expect(checkGateSignature(auth, '{}', 'another-secret', 1_700_000_000)).toBeUndefined();
  expect(checkGateSignature(auth, '{}', DEMO_GATE_SECRET, 1_700_000_000)).toBe(
    'GATE_AUTH_BAD_SIGNATURE',
  );
});
