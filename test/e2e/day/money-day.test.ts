import { formatFen } from '../../../core/money';
import type { Txn } from '../../../sandbox/ledger';
import { DEMO_OWNER_OPENID } from '../../../server/seed/demo-data';
import { COLLECTIONS } from '../../../server/store/collections';
import { dayBookOf, platformDays } from '../../support/platform-days';
import { eventually } from '../../support/eventually';
import { describeInChromium, expectText, expectTextContaining } from '../browser';
import {
  advanceClock,
  callApi,
  onTop,
  openPreview,
  payAtSandboxCashier,
  sandboxChinaDate,
  startFlowWorld,
  type FlowWorld,
} from '../flows/flow-stack';
import { dayShots } from './day-kit';

jest.setTimeout(120_000);

// A late evening and the small hours at the mall: two entry prepays, one finished by the
// operator before midnight and one after. Then the owner's revenue page (its default range),
// the reconciliation of each day and the export show what the sandbox's ledger holds for each
// China day, to the fen.

const HOUR = 3600;
const driver = (tag: string) => `o-e2e-money-day-${tag}`.padEnd(28, '0');

const shot = dayShots('money-day');

describeInChromium('a day of money at the mall, across midnight', () => {
  let world: FlowWorld;
  const days = { first: '', second: '' };

  beforeAll(async () => {
    world = await startFlowWorld({ chinaHour: 22.5 });
    days.first = await sandboxChinaDate(world);
    const engine = world.stack.emulator.database.engine;
    const prepay = async (tag: string, plate: string) => {
      const started = await callApi<{
        session: { id: string };
        payment: { requestPayment: Record<string, string> };
      }>(world, driver(tag), 'entry.prepay', { gateId: 'gate-mall-in', plate });
      await payAtSandboxCashier(world, started.payment.requestPayment);
      const id = started.session.id;
      await eventually(
        () => (engine.get(COLLECTIONS.sessions, id) as { state?: string })?.state === 'frozen',
        `${tag} frozen`,
      );
      return id;
    };
    const late = await prepay('a', '粤B60001');
    const early = await prepay('b', '粤B60002');
    await advanceClock(world, 45 * 60);
    await callApi(world, DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: early,
      reason: '午夜前结算',
    });
    await advanceClock(world, 2 * HOUR);
    days.second = await sandboxChinaDate(world);
    await callApi(world, DEMO_OWNER_OPENID, 'op.sessions.finish', {
      sessionId: late,
      reason: '午夜后结算',
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function ledgerDays() {
    const res = await fetch(`${world.stack.urls.sandbox}/_sandbox/transactions?limit=1000`);
    const { transactions } = (await res.json()) as { transactions: Txn[] };
    return platformDays(transactions.filter((t) => t.request.parkingNo === 'SZMALL001'));
  }

  it('shows revenue, reconciliation and the export of each day as the ledger has them', async () => {
    expect(days.second).not.toBe(days.first);
    const books = await ledgerDays();
    const first = dayBookOf(books, days.first);
    const second = dayBookOf(books, days.second);
    expect(first.charged).toBeGreaterThan(0);
    expect(second.charged).toBeGreaterThan(0);

    const { page, errors } = await openPreview(world);
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#pv-identity').selectOption('operator'),
    ]);
    // Revenue's default range is the server's 7 days up to its today (the sandbox's second day).
    await page.goto(`${world.previewUrl}?page=admin/revenue/index&lotId=lot-mall`);
    await expectText(page.locator('#pv-title'), '营收');
    const to = onTop(page, 'admin-revenue__to').locator('input');
    await eventually(async () => (await to.inputValue()) === days.second, 'the range shown');
    const amounts = onTop(page, 'admin-revenue__amount');
    await expectText(amounts.last(), formatFen(second.charged - second.aip));
    await expectText(amounts.nth(5), formatFen(first.charged - first.aip));
    await expectText(
      onTop(page, 'admin-revenue__charged'),
      formatFen(first.charged + second.charged),
    );
    await expectText(onTop(page, 'admin-revenue__fee'), formatFen(first.aip + second.aip));
    await shot(page, '1-revenue');

    for (const [n, date, book] of [
      [2, days.first, first],
      [3, days.second, second],
    ] as const) {
      await page.goto(
        `${world.previewUrl}?page=admin/reconciliation/index&lotId=lot-mall&date=${date}`,
      );
      await expectText(onTop(page, 'admin-recon__verdict'), '账目一致');
      const row = `${formatFen(book.charged)}${formatFen(book.returned)}${formatFen(book.aip)}`;
      await expectText(onTop(page, 'admin-recon__ours'), `我方${row}`);
      await expectText(onTop(page, 'admin-recon__platform'), `平台${row}`);
      await expectTextContaining(onTop(page, 'admin-recon__meta'), date);
      await shot(page, `${n}-reconciliation-${date}`);
    }

    for (const [date, book] of [
      [days.first, first],
      [days.second, second],
    ] as const) {
      const file = await callApi<{ csv: string; lines: number }>(
        world,
        DEMO_OWNER_OPENID,
        'op.revenue.export',
        { lotId: 'lot-mall', from: date, to: date },
      );
      const lines = file.csv.slice(1).trimEnd().split('\r\n');
      const yuan = (fen: number) => formatFen(fen).replace('¥', '');
      expect(lines.at(-1)).toBe(
        `合计（${file.lines} 笔）,,,,,,,,${yuan(book.charged)},${yuan(book.returned)},${yuan(book.aip)},${yuan(book.charged - book.aip)}`,
      );
    }
    expect(errors).toEqual([]);
  });
});
