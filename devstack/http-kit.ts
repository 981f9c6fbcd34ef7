// The small HTTP kit of the local servers (sandbox, CloudBase emulator, preview): a request body
// read with a size limit, and JSON replies.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`body larger than ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

export interface ReadBodyOptions {
  /**
   * What happens to the rest of a body above the limit: 'drain' reads and drops it, so that the
   * server can still answer (a 413); 'destroy' closes the connection at once.
   */
  overLimit?: 'drain' | 'destroy';
}

/** The whole request body; rejects with BodyTooLargeError past `limitBytes`. */
export function readBodyBytes(
  req: IncomingMessage,
  limitBytes: number,
  { overLimit = 'drain' }: ReadBodyOptions = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limitBytes) {
        tooLarge = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limitBytes));
        if (overLimit === 'destroy') req.destroy();
        else req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request body as UTF-8 text; see readBodyBytes. */
export async function readBody(
  req: IncomingMessage,
  limitBytes: number,
  options?: ReadBodyOptions,
): Promise<string> {
  return (await readBodyBytes(req, limitBytes, options)).toString('utf8');
}

/** A JSON reply with its length; `headers` are added to the content type. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * Idle kept-alive connections are left for the client to close: fetch (undici) drops its idle
 * sockets after 4 s, so a server that closes them first (Node's default is 5 s) can reset one
 * just as a request goes out on it, which a loaded machine's late timers make likely (ECONNRESET).
 */
export function keepIdleConnectionsForClients(server: Server): Server {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
