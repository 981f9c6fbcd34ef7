import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '../../../core/allinpay/sign';

/** A tiny merchant notify_url: records every POST and answers what the test says. */

export interface Received {
  /** Arrival order, from 1. */
  seq: number;
  path: string;
  body: string;
  fields: Record<string, string>;
  /** The signature checks out with the receiver's key. */
  valid: boolean;
  reply: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** What to answer (default `success`). */
  setReply(reply: (r: Omit<Received, 'reply'>) => string): void;
  forReqsn(reqsn: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(key: string): Promise<Receiver> {
  const received: Received[] = [];
  let reply: (r: Omit<Received, 'reply'>) => string = () => 'success';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entries = [...new URLSearchParams(body).entries()];
      const base = {
        seq: received.length + 1,
        path: req.url ?? '/',
        body,
        fields: Object.fromEntries(entries),
        valid: verify(entries, key),
      };
      const answer = reply(base);
      received.push({ ...base, reply: answer });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/notify`,
    received,
    setReply(next) {
      reply = next;
    },
    forReqsn: (reqsn) => received.filter((r) => r.fields.reqsn === reqsn),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
