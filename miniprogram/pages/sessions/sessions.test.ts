jest.mock('../../services/transport', () =>
  jest.requireActual('../testing/shared-transport').sharedTransportModule(),
);
import { all, one, press, renderPage, tap, textOf, type AnyComponent } from '../../test-support';
import { fakeApi, inTurn, refuse, settle } from '../testing/fake-api';
import { T0, session } from '../testing/fixtures';
import { fakeWx, type WxFakes } from '../testing/wx-fakes';

const PATH = '/pages/sessions/sessions';
let wxf: WxFakes;
beforeEach(() => (wxf = fakeWx()));
afterEach(() => wxf.restore());

const closed = (id: string, plate: string, paid: number) =>
  session({
    id,
    plate,
    state: 'closed',
    stateLabel: '已离场',
    final: true,
    outTime: T0 + 3600,
    amounts: { paid } as never,
  });
const cardText = (node: AnyComponent) => textOf(one(node, '.session-card'));

describe('my sessions page', () => {
  test('live sessions first, then history; more pages on demand', async () => {
    const api = fakeApi({
      'sessions.mine': inTurn(
        {
          live: [session({ id: 'A1', plate: '粤B12345', stateLabel: '在场' })],
          history: [closed('H1', '京A88888', 1000)],
          nextBefore: T0 - 10,
        },
        { live: [], history: [closed('H2', '京A88888', 500)] },
      ),
    });
    const page = renderPage(PATH);
    await settle();
    expect(all(page, '.sessions__live').map(cardText)).toEqual([
      expect.stringContaining('粤B12345'),
    ]);
    expect(cardText(one(page, '.sessions__history'))).toContain('实付 ¥10.00');
    await press(page, '.sessions__more');
    await settle();
    expect(api.callsOf('sessions.mine')).toEqual([{ limit: 20 }, { limit: 20, before: T0 - 10 }]);
    expect(all(page, '.sessions__history').map(cardText)).toEqual([
      expect.stringContaining('¥10.00'),
      expect.stringContaining('¥5.00'),
    ]);
    expect(all(page, '.sessions__more')).toHaveLength(0);
  });

  test('a live session opens where the driver can act, a closed one its receipt', async () => {
    fakeApi({
      'sessions.mine': () => ({
        live: [
          session({ id: 'A1' }),
          session({ id: 'B1', lotId: 'R1', spotId: 'S1', flow: 'roadside_booking' }),
        ],
        history: [closed('H1', '京A88888', 1000)],
      }),
    });
    const page = renderPage(PATH);
    await settle();
    for (const node of all(page, '.sessions__live')) await tap(one(node, '.session-card'));
    await tap(one(one(page, '.sessions__history'), '.session-card'));
    expect(wxf.navigated).toEqual([
      '/pages/pay/pay?sessionId=A1',
      '/pages/roadside/roadside?lotId=R1&spotId=S1',
      '/pages/receipt/receipt?sessionId=H1',
    ]);
  });

  test('nothing yet, and a failure, are said', async () => {
    fakeApi({ 'sessions.mine': () => ({ live: [], history: [] }) });
    const empty = renderPage(PATH);
    await settle();
    expect(textOf(one(empty, '.sessions__empty'))).toBe('还没有停车记录');
    fakeApi({ 'sessions.mine': () => refuse('UNAUTHENTICATED', '请在微信中打开') });
    const failed = renderPage(PATH);
    await settle();
    expect(textOf(one(failed, '.sessions__error'))).toBe('请在微信中打开');
  });
});
