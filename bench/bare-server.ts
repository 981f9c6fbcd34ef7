import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The baseline of a measured endpoint: a bare Node HTTP server on 127.0.0.1 that reads the body
 * and replies with a fixed answer (`success`, as a notify endpoint does when it has nothing to
 * do; or a camera's reply).
 */
export async function startBareServer(
  reply = 'success',
  contentType = 'text/plain; charset=utf-8',
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
