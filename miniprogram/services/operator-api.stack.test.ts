/**
 * @jest-environment node
 */
// The operator services and what the pages make of their answers, against the real local stack
// (sandbox, CloudBase emulator, the `api` function) with the demo seed: the page tests use a fake
// transport, this proves the fake's answers are the real ones' shape.
import { formatFen } from '../core/money';
import { ApiCallError } from './api-result';
import { isOperator } from './operator-access';
import { operatorApi } from './operator-api';
import { tariffForm, tariffFromForm } from './operator-forms';
import { pngBase64 } from './operator-qr-file';
import { setTransport } from './transport';
import {
  auditRow,
  dashboardCards,
  errorText,
  historyRows,
  platformRows,
  reconciliationView,
  revenueBars,
  sessionFacts,
  sessionRow,
  statesOf,
  tariffRows,
} from './operator-view';

// Node-only helpers of the backend tests, loaded untyped: the mini-program's type-check has no
// Node typings.
declare const require: (id: string) => unknown;
interface Stack {
  api(openid: string, route: string, data: Record<string, unknown>): Promise<unknown>;
  ok<T>(openid: string, route: string, data: Record<string, unknown>): Promise<T>;
  pay(requestPayment: Record<string, string>): Promise<void>;
  session(id: string): { state: string };
  advanceClock(seconds: number): Promise<void>;
  clockNow(): Promise<number>;
  close(): Promise<void>;
}
const { OperatorStack, eventually } = require('../../test/operator/support/operator-stack') as {
  OperatorStack: { start(): Promise<Stack> };
  eventually<T>(check: () => T | false | undefined, what: string): Promise<T>;
};

const OWNER = 'oDEMO-owner-0000000000000000';
const DRIVER = 'oTEST-op-pages-driver-000001';

let stack: Stack;
let caller = OWNER;
let sessionId = '';
/** What the finish charged, for the reports. */
let charged = 0;

const chinaDate = (unix: number) => new Date((unix + 8 * 3600) * 1000).toISOString().slice(0, 10);

beforeAll(async () => {
  stack = await OperatorStack.start();
  setTransport((name, payload) => {
    const { route, data } = payload as { route: string; data: Record<string, unknown> };
    if (name !== 'api') throw new Error(`unexpected function ${name}`);
    return stack.api(caller, route, data);
  });
  const started = await stack.ok<{
    session: { id: string };
    payment: { requestPayment: Record<string, string> };
  }>(DRIVER, 'entry.prepay', { gateId: 'gate-mall-in', plate: '粤B24680' });
  sessionId = started.session.id;
  await stack.pay(started.payment.requestPayment);
  await eventually(() => stack.session(sessionId).state === 'frozen', 'the prepay frozen');
  await stack.advanceClock(2 * 3600);
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

test('a driver is no operator: FORBIDDEN, and no entry', async () => {
  caller = DRIVER;
  try {
    await expect(operatorApi.me()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(isOperator()).resolves.toBe(false);
  } finally {
    caller = OWNER;
  }
  await expect(isOperator()).resolves.toBe(true);
});

test('the dashboard and the lot as the home and lot pages show them', async () => {
  const cards = dashboardCards(await operatorApi.dashboard());
  expect(cards.map((c) => c.lotId)).toEqual(['lot-mall', 'lot-office', 'lot-road']);
  expect(cards[0]).toMatchObject({ kindText: '封闭停车场', live: 1, hasRevenue: true });
  const tariff = await operatorApi.tariff('lot-mall');
  expect(tariffRows(tariff.view)).toContainEqual({
    label: '白天 08:00–20:00',
    value: '¥5.00 / 60 分钟',
  });
  // The form gives back the very tariff the server holds; the server takes it.
  const form = tariffFromForm(tariff.tariff, tariffForm(tariff.tariff));
  expect(form).toEqual({ ok: true, value: tariff.tariff });
  if (form.ok) await expect(operatorApi.saveTariff('lot-mall', form.value)).resolves.toBeDefined();
  const qr = await operatorApi.qrcodes('lot-mall');
  expect(qr.codes.map((c) => c.id)).toEqual(['gate-mall-in', 'gate-mall-out', 'gate-mall-pay']);
  expect(qr.codes.every((c) => pngBase64(c.image) !== undefined)).toBe(true);
});

test('the live session is listed, read with the platform, finished with a reason and audited', async () => {
  const list = await operatorApi.sessions({ lotId: 'lot-mall', state: statesOf('live') });
  const row = list.items.map(sessionRow).find((r) => r.id === sessionId);
  expect(row).toMatchObject({ plate: '粤B24680', stateLabel: '已预付', flowText: '入场预付' });

  // The fee depends on the time of day: what the driver is quoted is what the operator sees.
  const quote = await stack.ok<{ due: number }>(DRIVER, 'session.quote', { sessionId });
  expect(quote.due).toBeGreaterThan(0);
  const detail = await operatorApi.session(sessionId);
  const facts = Object.fromEntries(sessionFacts(detail).map((f) => [f.label, f.value]));
  expect(facts).toMatchObject({ 车牌: '粤B24680', 冻结: '¥50.00', 当前应付: formatFen(quote.due) });
  expect(platformRows(detail.platform)).toEqual([
    expect.objectContaining({ kindText: '预付', ok: true }),
  ]);
  expect(historyRows(detail.history).map((h) => h.change)).toContain('待预付 → 已预付');

  const ended = await operatorApi.finish(sessionId, '车主手机没电，人工结算');
  expect(ended.outcome).toBe('applied');
  expect(ended.session.stateLabel).toBe('已离场');
  charged = ended.session.amounts.finished;
  expect(charged).toBe(quote.due);
  // A repeat finds the work done.
  await expect(operatorApi.finish(sessionId, '重复点击')).resolves.toMatchObject({
    outcome: 'already',
  });
  // A refusal reaches the page as the server's code and message.
  const refusal = await operatorApi.session('NoSuchSession0').catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(ApiCallError);
  expect(errorText(refusal)).toBe('停车记录不存在');

  const audit = await operatorApi.audit('lot-mall');
  expect(audit.items.map(auditRow)).toContainEqual(
    expect.objectContaining({
      action: '结束停车',
      reason: '车主手机没电，人工结算',
      outcome: '已执行',
    }),
  );
});

test('reconciliation and revenue of the day agree with the finish', async () => {
  const today = chinaDate(await stack.clockNow());
  const report = reconciliationView(await operatorApi.reconciliation('lot-mall', today));
  expect(report).toMatchObject({
    matched: true,
    verdict: '账目一致',
    ours: { charged: formatFen(charged) },
    platform: { charged: formatFen(charged) },
  });
  const revenue = await operatorApi.revenue(today, today, 'lot-mall');
  const bars = revenueBars(revenue.rows);
  expect(bars).toHaveLength(1);
  expect(bars[0]).toMatchObject({ chargedText: formatFen(charged), percent: 100 });
});
