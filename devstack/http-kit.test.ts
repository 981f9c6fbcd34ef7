// The local servers' HTTP kit over a real server on a free port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BodyTooLargeError, readBody, sendJson, type ReadBodyOptions } from './http-kit';

const LIMIT = 1024;

async function withServer(
  options: ReadBodyOptions,
  run: (url: string) => Promise<void>,
): Promise<void> {
  const server = http.createServer((req, res) => {
    readBody(req, LIMIT, options).then(
      (text) => sendJson(res, 200, { length: text.length, text }, { 'x-kit': 'yes' }),
      (error: unknown) =>
        sendJson(res, error instanceof BodyTooLargeError ? 413 : 500, {
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

it('reads a body up to the limit as UTF-8 and answers JSON with its length', async () => {
  await withServer({}, async (url) => {
    const body = '停车'.repeat(100); // 600 bytes
    const res = await fetch(url, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-kit')).toBe('yes');
    const text = await res.text();
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text)).toEqual({ length: 200, text: body });
  });
});

it('past the limit, drains the rest so that the 413 still reaches the client', async () => {
  await withServer({ overLimit: 'drain' }, async (url) => {
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: `body larger than ${LIMIT} bytes` });
  });
});

it('past the limit with destroy, closes the connection', async () => {
  await withServer({ overLimit: 'destroy' }, async (url) => {
    const outcome = await fetch(url, { method: 'POST', body: 'x'.repeat(256 * 1024) }).then(
      (res) => res.status,
      () => 'closed',
    );
    expect(outcome).toBe('closed');
  });
});
