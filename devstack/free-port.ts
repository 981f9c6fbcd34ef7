import net from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on now (the system picks it). Another process may
 * take it before the caller binds: for servers that must know their port before they start.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
