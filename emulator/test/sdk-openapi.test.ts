// cloud.openapi through the real wx-server-sdk inside a function run by the host: the calls the
// emulator records and WeChat's answers to subscribeMessage.send (errCode 0 once per 允许, 43101
// otherwise), read back over HTTP as the preview reads them.
import { startDatabaseEmulator, type DatabaseEmulator } from '../database/server';
import { startFunctionHost, type FunctionHost } from '../functions/host';
import { FIXTURES, invoke, postJson, removeTempDataDirs, tempDataDir } from './helpers';

jest.setTimeout(60_000);

const DRIVER = 'o-openapi-driver-0000000000001';
const RECEIPT = {
  id: 'tmpl-receipt',
  title: '月卡购买成功通知',
  fields: { thing1: '月卡', amount2: '支付金额', time3: '有效期至' },
};
const message = (overrides: Record<string, unknown> = {}) => ({
  touser: DRIVER,
  templateId: RECEIPT.id,
  page: 'pages/passes/passes',
  data: {
    thing1: { value: '30天卡 粤B60001' },
    amount2: { value: '¥300.00' },
    time3: { value: '2026-01-31 09:00' },
  },
  ...overrides,
});

type Outcome = { ok: boolean; result?: Record<string, unknown>; errCode?: number; errMsg?: string };
type Call = {
  seq: number;
  at: number;
  api: string;
  origin?: string;
  params: Record<string, unknown>;
  errcode: number;
  errmsg: string;
};

describe('cloud.openapi through wx-server-sdk', () => {
  let db: DatabaseEmulator;
  let host: FunctionHost;
  let clock = Date.UTC(2026, 0, 1, 1, 0, 0);

  beforeAll(async () => {
    db = await startDatabaseEmulator({
      dataDir: tempDataDir(),
      openapi: { templates: [RECEIPT], now: () => clock },
    });
    host = await startFunctionHost({
      databaseUrl: db.url,
      functionsDir: FIXTURES,
      timers: false,
      defaultTimeoutMs: 20_000,
      log: () => {},
    });
  });
  afterAll(async () => {
    await host?.close();
    await db?.close();
    removeTempDataDirs();
  });

  const send = async (args: Record<string, unknown>) =>
    (await invoke(host.url, 'openapi', { api: 'subscribeMessage.send', args })) as Outcome;
  const calls = async (query = '') => {
    const res = await fetch(`${db.url}/openapi/calls${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { calls: Call[] }).calls;
  };
  const subscribe = (results: Record<string, string>, openid = DRIVER) =>
    postJson(`${db.url}/openapi/subscriptions`, { openid, results });

  it('answers 43101 to a message the user never accepted, and records the call', async () => {
    const refused = await send(message());
    expect(refused).toMatchObject({ ok: false, errCode: 43101 });
    expect(refused.errMsg).toMatch(/user refuse to accept the msg/);
    const [call] = await calls(`?touser=${DRIVER}`);
    expect(call).toEqual({
      seq: 1,
      at: clock,
      api: 'subscribeMessage.send',
      // The call site the host tags the request with: the fixture's own line.
      origin: expect.stringMatching(/cloudfunctions\/openapi\/index\.ts:\d+/),
      params: {
        touser: DRIVER,
        template_id: RECEIPT.id,
        page: 'pages/passes/passes',
        data: message().data,
      },
      errcode: 43101,
      errmsg: 'user refuse to accept the msg',
    });
  });

  it('lets one message through per 允许, then answers 43101 again', async () => {
    const granted = await subscribe({ [RECEIPT.id]: 'accept' });
    expect(granted).toEqual({ status: 200, body: { ok: true, allowed: { [RECEIPT.id]: 1 } } });
    clock += 60_000;
    const sent = await send(message());
    expect(sent).toEqual({
      ok: true,
      result: { msgid: expect.any(Number), errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' },
    });
    expect(await send(message())).toMatchObject({ ok: false, errCode: 43101 });
    // Somebody else's 允许 is not this driver's.
    await subscribe({ [RECEIPT.id]: 'accept' }, 'o-someone-else');
    expect(await send(message())).toMatchObject({ ok: false, errCode: 43101 });
    const mine = await calls(`?touser=${DRIVER}`);
    expect(mine.map((c) => c.errcode)).toEqual([43101, 0, 43101, 43101]);
    expect(mine[1]!.at).toBe(clock);
    expect((await calls('?after=3')).map((c) => c.seq)).toEqual([4]);
  });

  it('refuses what WeChat refuses: unknown template, bad fields, no openid', async () => {
    await subscribe({ [RECEIPT.id]: 'accept' });
    expect(await send(message({ templateId: 'tmpl-unknown' }))).toMatchObject({ errCode: 40037 });
    const long = {
      ...message().data,
      thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' },
    };
    expect(await send(message({ data: long }))).toMatchObject({ errCode: 47003 });
    const { time3: _missing, ...partial } = message().data;
    expect(await send(message({ data: partial }))).toMatchObject({ errCode: 47003 });
    expect(await send(message({ touser: '' }))).toMatchObject({ errCode: 40003 });
    // None of those used up the 允许.
    expect(await send(message())).toMatchObject({ ok: true });
    // An API the emulator does not play is recorded and fails as a system error.
    const other = (await invoke(host.url, 'openapi', {
      api: 'wxacode.getUnlimited',
      args: { scene: 'g=1' },
    })) as Outcome;
    expect(other).toMatchObject({ ok: false, errCode: -1 });
    expect((await calls('?api=wxacode.getUnlimited'))[0]!.params).toEqual({ scene: 'g=1' });
  });

  it('checks what it is told over HTTP', async () => {
    expect((await subscribe({ 'tmpl-unknown': 'accept' })).status).toBe(400);
    expect((await postJson(`${db.url}/openapi/subscriptions`, { results: {} })).status).toBe(400);
    expect((await fetch(`${db.url}/openapi/calls?after=-1`)).status).toBe(400);
    const templates = await (await fetch(`${db.url}/openapi/templates`)).json();
    expect(templates).toEqual({ templates: [RECEIPT] });
  });
});
