jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
);
import { all, one, press, renderPage, tap, textOf } from '../../test-support';
import { fakeApi, refuse, settle } from '../testing/fake-api';
import { arrearsPayment, gatedLot, owedArrears, roadLot, session, spot } from '../testing/fixtures';
import type { GateView } from '../../services/driver-types';
import type { MyArrears } from '../../services/merchant-types';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';

const PATH = '/pages/index/index';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

const exitGate: GateView = { id: 'G-OUT', lotId: 'L1', kind: 'exit', name: '1 号出口' };
const entryGate: GateView = { id: 'G-IN', lotId: 'L1', kind: 'entry', name: '1 号入口' };

describe('home page', () => {
  test('shows the live sessions and opens one', async () => {
    fakeApi({
      'sessions.mine': () => ({
        live: [session({ id: 'A1', plate: '粤B12345', stateLabel: '在场' })],
        history: [],
      }),
    });
    const page = renderPage(PATH);
    await settle();
    const card = one(page, '.home__session');
    expect(textOf(card)).toContain('粤B12345');
    expect(textOf(card)).toContain('在场');
    await tap(one(card, '.session-card'));
    expect(wxf.navigated).toEqual(['/pages/pay/pay?sessionId=A1']);
  });

  test('scans an exit gate: with one live session there, straight to its payment', async () => {
    const api = fakeApi({
      'sessions.mine': () => ({ live: [session({ id: 'A1', lotId: 'L1' })], history: [] }),
      'scene.resolve': () => ({
        target: { kind: 'gate', id: 'G-OUT' },
        lot: gatedLot(),
        gate: exitGate,
      }),
    });
    wxf.scans.push({ path: 'pages/index/index?scene=g%3AG-OUT' });
    const page = renderPage(PATH);
    await settle();
    await press(page, '.home__scan');
    await settle();
    // The live card asks its lot's name (l:L1, services/lot-names) besides the scan.
    const scans = api.callsOf('scene.resolve').filter((c) => c.scene !== 'l:L1');
    expect(scans).toEqual([{ scene: 'pages/index/index?scene=g%3AG-OUT' }]);
    expect(wxf.navigated).toEqual(['/pages/pay/pay?sessionId=A1&gateId=G-OUT']);
  });

  test('a launch with a scene of an entry gate opens the plate entry', async () => {
    const api = fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'scene.resolve': () => ({
        target: { kind: 'gate', id: 'G-IN' },
        lot: gatedLot(),
        gate: entryGate,
      }),
    });
    renderPage(PATH, { scene: 'g%3AG-IN' });
    await settle();
    expect(api.callsOf('scene.resolve')).toEqual([{ scene: 'g%3AG-IN' }]);
    expect(wxf.navigated).toEqual(['/pages/plate/plate?purpose=entry&lotId=L1&gateId=G-IN']);
  });

  test('a launch at an exit gate, with a live session there, opens its payment', async () => {
    fakeApi({
      'sessions.mine': () => ({ live: [session({ id: 'A1', lotId: 'L1' })], history: [] }),
      'scene.resolve': () => ({
        target: { kind: 'gate', id: 'G-OUT' },
        lot: gatedLot(),
        gate: exitGate,
      }),
    });
    renderPage(PATH, { scene: 'g%3AG-OUT' });
    await settle();
    expect(wxf.navigated).toEqual(['/pages/pay/pay?sessionId=A1&gateId=G-OUT']);
  });

  test('a printed code (q) of a roadside spot opens the roadside page at that spot', async () => {
    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'scene.resolve': () => ({ target: { kind: 'spot', id: 'S1' }, lot: roadLot(), spot: spot() }),
    });
    renderPage(PATH, { q: 'https%3A%2F%2Fpark.example%2Fp%3Fscene%3Ds%253AS1' });
    await settle();
    expect(wxf.navigated).toEqual(['/pages/roadside/roadside?lotId=R1&spotId=S1']);
  });

  test('an unknown code shows the server message and goes nowhere', async () => {
    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'scene.resolve': () => refuse('SCENE_INVALID', '无法识别的二维码，请扫描停车场的缴费码'),
    });
    wxf.scans.push({ result: 'hello' });
    const page = renderPage(PATH);
    await settle();
    await press(page, '.home__scan');
    await settle();
    expect(textOf(one(page, '.home__error'))).toBe('无法识别的二维码，请扫描停车场的缴费码');
    expect(wxf.navigated).toEqual([]);
    expect(all(page, '.home__session')).toHaveLength(0);
  });

  test('the operator entry shows only to an operator', async () => {
    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'op.me': () => ({
        openid: 'oOWNER',
        canCreateLot: false,
        lots: [
          { lotId: 'L1', lotName: '通联广场停车场', kind: 'gated', role: 'owner', rights: [] },
        ],
      }),
    });
    const operator = renderPage(PATH);
    await settle();
    expect(textOf(one(one(operator, '.home__admin'), '.admin-entry'))).toContain('停车场管理');

    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'op.me': () => refuse('FORBIDDEN', '无权访问'),
    });
    const driver = renderPage(PATH);
    await settle();
    expect(all(one(driver, '.home__admin'), '.admin-entry')).toHaveLength(0);
  });

  test('a closed scanner changes nothing; the history link opens my sessions', async () => {
    const api = fakeApi({ 'sessions.mine': () => ({ live: [], history: [] }) });
    wxf.scans.push('cancel');
    const page = renderPage(PATH);
    await settle();
    await press(page, '.home__scan');
    await settle();
    const asides = ['op.me', 'arrears.mine', 'merchant.mine'];
    expect(api.routes().filter((r) => !asides.includes(r))).toEqual(['sessions.mine']);
    await press(page, '.home__mine');
    expect(wxf.navigated).toEqual(['/pages/sessions/sessions']);
  });

  test('lists the arrears of the remembered plates, amounts in yuan and times in China time', async () => {
    const owed = (id: string, plate: string, due: number, from: number) =>
      owedArrears({
        id,
        sessionId: id,
        spotId: 'S1',
        plate,
        from,
        to: from + 3600,
        due,
        fee: due + 500,
        createdAt: from + 3600,
      });
    const arrears: MyArrears = {
      items: [
        owed('R-1', '粤B12345', 1250, 1_796_000_000),
        owed('R-2', '粤B99999', 300, 1_796_100_000),
      ],
      total: 1550,
    };
    const api = fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'arrears.mine': () => arrears,
    });
    const page = renderPage(PATH);
    await settle();
    expect(api.callsOf('arrears.mine')).toEqual([{}]);
    expect(textOf(one(page, '.home__arrears-total'))).toBe('¥15.50');
    expect(all(page, '.home__arrears-item')).toHaveLength(2);
    const texts = (cls: string) => all(page, cls).map(textOf);
    expect(texts('.home__arrears-plate')).toEqual(['粤B12345', '粤B99999']);
    expect(texts('.home__arrears-due')).toEqual(['¥12.50', '¥3.00']);
    expect(texts('.home__arrears-lot')).toEqual(['中山路路边停车', '中山路路边停车']);
    // 1_796_000_000 is 00:53 UTC: the driver reads China time (UTC+8).
    expect(texts('.home__arrears-when')[0]).toBe('2026-11-30 08:53 至 2026-11-30 09:53');
  });

  test('pays arrears at the cashier: pay, confirm, and the card is gone', async () => {
    const owed = owedArrears();
    let paid = false;
    const api = fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'arrears.mine': () => (paid ? { items: [], total: 0 } : { items: [owed], total: 1250 }),
      'arrears.pay': () => arrearsPayment(owed),
      'arrears.confirm': () => {
        paid = true;
        return { reqsn: 'R0001', status: 'paid', arrears: { ...owed, state: 'paid' } };
      },
    });
    wxf.cashier.push('ok');
    const page = renderPage(PATH);
    await settle();
    expect(textOf(one(page, '.home__arrears-pay'))).toBe('缴纳 ¥12.50');
    await press(page, '.home__arrears-pay');
    await settle();
    expect(api.callsOf('arrears.pay')).toEqual([{ arrearsId: 'R-1' }]);
    expect(wxf.payments).toHaveLength(1);
    expect(api.callsOf('arrears.confirm')).toEqual([{ reqsn: 'R0001' }]);
    expect(textOf(one(page, '.home__arrears-notice'))).toBe('欠费已缴清');
    expect(all(page, '.home__arrears')).toHaveLength(0);
  });

  test('a cancelled cashier takes nothing and keeps the arrears', async () => {
    const owed = owedArrears({ id: 'R-2', sessionId: 'R-2', fee: 800, due: 300 });
    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'arrears.mine': () => ({ items: [owed], total: 300 }),
      'arrears.pay': () => arrearsPayment(owed, 'R0002'),
      'arrears.confirm': () => ({ reqsn: 'R0002', status: 'accepted', arrears: owed }),
    });
    wxf.cashier.push('cancel');
    const page = renderPage(PATH);
    await settle();
    await press(page, '.home__arrears-pay');
    await settle();
    expect(textOf(one(page, '.home__arrears-notice'))).toBe('您已取消支付，未扣款');
    expect(all(page, '.home__arrears-item')).toHaveLength(1);
  });

  test('no arrears, or a refusal, shows no arrears card', async () => {
    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'arrears.mine': () => ({ items: [], total: 0 }),
    });
    const none = renderPage(PATH);
    await settle();
    expect(all(none, '.home__arrears')).toHaveLength(0);

    fakeApi({
      'sessions.mine': () => ({ live: [], history: [] }),
      'arrears.mine': () => refuse('BUSY', '系统繁忙'),
    });
    const refused = renderPage(PATH);
    await settle();
    expect(all(refused, '.home__arrears')).toHaveLength(0);
    expect(all(refused, '.home__error')).toHaveLength(0);
  });
});
