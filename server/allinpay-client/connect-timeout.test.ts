import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConnectTimeoutHttpAgent } from './connect-timeout-agent';
import { createAllinpayClient, OutcomeUnknownError } from './index';
import { startUnacceptingListener } from './testing/unaccepting-listener';

const KEY = 'ab56b4d92b40713acc5af89985d4b786';

it('a connection that is never established is a connect timeout: outcome unknown', async () => {
  const listener = await startUnacceptingListener();
  const client = createAllinpayClient({
    baseUrl: `http://127.0.0.1:${listener.port}`,
    cusid: '990440153996000',
    appid: '00000000',
    key: KEY,
    connectTimeoutMs: 100,
    timeoutMs: 60_000,
  });
  try {
    const error = (await client
      .cancel({ cancelTime: 1_700_000_000, reqsn: 'R1', feeCancel: 1 })
      .catch((e: unknown) => e)) as OutcomeUnknownError;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reason).toBe('connect_timeout');
    expect(error.extra.networkCode).toBe('ECONNECT_TIMEOUT');
  } finally {
    client.close();
    listener.close();
  }
});

it('a connected, kept-alive socket outlives the connect timeout', async () => {
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new ConnectTimeoutHttpAgent(30, { keepAlive: true });
  const get = () =>
    new Promise<{ body: string; reused: boolean }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, agent }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => resolve({ body, reused: req.reusedSocket }));
      });
      req.on('error', reject);
    });
  try {
    expect(await get()).toEqual({ body: 'ok', reused: false });
    await sleep(80);
    expect(await get()).toEqual({ body: 'ok', reused: true });
  } finally {
    agent.destroy();
    server.closeAllConnections();
    server.close();
  }
});
