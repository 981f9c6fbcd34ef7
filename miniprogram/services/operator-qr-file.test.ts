import { pngBase64, qrFileName } from './operator-qr-file';

test('the base64 of a PNG data URL, and nothing else', () => {
  expect(pngBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
  expect(pngBase64('data:image/jpeg;base64,AAAA')).toBeUndefined();
  expect(pngBase64('https://example.com/a.png')).toBeUndefined();
});

test('file names stay inside the user data folder', () => {
  expect(qrFileName('gate-mall-in')).toBe('qr-gate-mall-in.png');
  expect(qrFileName('../x')).toBe('qr-___x.png');
});
