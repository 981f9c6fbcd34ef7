import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonToEntries, parseForm, entriesToObject } from '../../../core/allinpay/form';
import { sign, verify } from '../../../core/allinpay/sign';

/**
 * A scripted stand-in for the Allinpay platform in tests: a real HTTP server on 127.0.0.1 (port 0)
 * that records every request and answers as each test says. Not the sandbox of issue 3.
 */

export interface ReceivedRequest {
  endpoint: string;
  path: string;
  contentType: string;
  rawBody: string;
  fields: Record<string, string>;
  /** The request's sign checked with the platform's key. */
  signatureValid: boolean;
}

export type Reply =
  | { status?: number; json: Record<string, unknown> }
  | { status: number; text: string }
  /** Never answer (the socket stays open until the server closes). */
  | 'hang'
  /** Close the connection without an answer. */
  | 'destroy';

export type Script = (request: ReceivedRequest, index: number) => Reply;

export interface FakePlatform {
  baseUrl: string;
  requests: ReceivedRequest[];
  setScript(script: Script): void;
  close(): Promise<void>;
}

/** Signs a JSON answer the way the platform does: over every field it sends (protocol note 2). */
export function signedJson(fields: Record<string, unknown>, key: string): Record<string, unknown> {
  return { ...fields, sign: sign(jsonToEntries(fields), key) };
}

/** A SUCCESS answer echoing the request, signed; `overrides` wins (undefined removes a field). */
export function successAnswer(
  request: ReceivedRequest,
  key: string,
  appid: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const base: Record<string, unknown> = {
    retcode: 'SUCCESS',
    cusid: request.fields.cusid,
    appid,
    trxid: '20240101000000000001',
    reqsn: request.fields.reqsn,
    randomstr: 'platformrandom0000000000000000ab',
    fintime: '20240101120000',
    trxstatus: '0000',
    ...overrides,
  };
  for (const name of Object.keys(base)) if (base[name] === undefined) delete base[name];
  return signedJson(base, key);
}

export async function startFakePlatform(key: string, script: Script): Promise<FakePlatform> {
  let current = script;
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const entries = parseForm(rawBody);
      const path = req.url ?? '';
      const request: ReceivedRequest = {
        endpoint: /\/allinpay\/api\/(\w+)\.php$/.exec(path)?.[1] ?? '',
        path,
        contentType: req.headers['content-type'] ?? '',
        rawBody,
        fields: entriesToObject(entries),
        signatureValid: verify(entries, key),
      };
      requests.push(request);
      const reply = current(request, requests.length - 1);
      if (reply === 'hang') return;
      if (reply === 'destroy') {
        req.socket.destroy();
        return;
      }
      if ('json' in reply) {
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(reply.json));
      } else {
        res.writeHead(reply.status, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(reply.text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setScript(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
