jest.mock('../../services/transport', () =>
  jest.requireActual('../../pages/testing/shared-transport').sharedTransportModule(),
);
import { listen, one, renderComponent, tap, textOf } from '../../test-support';
import { fakeApi, settle } from '../../pages/testing/fake-api';
import { gatedLot } from '../../pages/testing/fixtures';
import { forgetLotNames } from '../../services/lot-names';
import { sessionCardView } from './view';
import type { SessionView } from '../../services/driver-types';

const PATH = '/components/session-card/index';
const T0 = 1_767_225_600; // 2026-01-01 08:00 China time

const view = (over: Partial<SessionView>): SessionView => ({
  id: 'S1',
  lotId: 'L1',
  plate: '粤B12345',
  flow: 'exit_pay',
  state: 'open',
  stateLabel: '在场',
  final: false,
  pending: false,
  inTime: T0,
  ...over,
  amounts: {
    paid: 0,
    frozen: 0,
    finished: 0,
    returned: 0,
    frozenLeft: 0,
    bookingFee: 0,
    handlingFee: 0,
    coupons: 0,
    ...over.amounts,
  },
});

beforeEach(() => forgetLotNames());

describe('session-card', () => {
  test('names the lot of the session, asked once per lot', async () => {
    const api = fakeApi({
      'scene.resolve': () => ({ target: { kind: 'lot', id: 'L1' }, lot: gatedLot() }),
    });
    const first = renderComponent(PATH, { card: sessionCardView(view({})) });
    const second = renderComponent(PATH, { card: sessionCardView(view({ id: 'S2' })) });
    await settle();
    expect(textOf(one(first, '.session-card__meta'))).toBe('通联广场停车场 · 2026-01-01 08:00');
    expect(textOf(one(second, '.session-card__meta'))).toBe('通联广场停车场 · 2026-01-01 08:00');
    expect(api.callsOf('scene.resolve')).toEqual([{ scene: 'l:L1' }]);
  });

  test('a closed session paid partly by a coupon shows what the driver paid', () => {
    const closed = sessionCardView(
      view({
        state: 'closed',
        stateLabel: '已离场',
        final: true,
        amounts: { paid: 3000, coupons: 500 } as never,
      }),
    );
    expect(closed.amount).toBe('实付 ¥25.00');
  });

  test('shows plate, state, place, time and amount; a tap emits open with the id', async () => {
    const card = renderComponent(PATH, {
      card: sessionCardView(
        view({
          flow: 'entry_prepay',
          state: 'frozen',
          stateLabel: '已预付',
          amounts: { frozenLeft: 5000 } as never,
        }),
      ),
    });
    expect(textOf(one(card, '.session-card__plate'))).toBe('粤B12345');
    expect(textOf(one(card, '.session-card__state'))).toBe('已预付');
    expect(textOf(one(card, '.session-card__meta'))).toBe('停车场（入场预付） · 2026-01-01 08:00');
    expect(textOf(one(card, '.session-card__amount'))).toBe('冻结 ¥50.00');
    const opens = listen<{ id: string }>(card, 'open');
    await tap(one(card, '.session-card'));
    expect(opens).toEqual([{ id: 'S1' }]);
  });
});

describe('sessionCardView', () => {
  test('a closed session shows what was paid, at the time it left, greyed', () => {
    const closed = sessionCardView(
      view({
        state: 'closed',
        stateLabel: '已离场',
        final: true,
        outTime: T0 + 3600,
        amounts: { paid: 300, finished: 700 } as never,
      }),
    );
    expect(closed).toMatchObject({
      amount: '实付 ¥10.00',
      when: '2026-01-01 09:00',
      tone: 'default',
    });
  });

  test('a payment being confirmed is a warning; paid is ok; nothing paid shows no amount', () => {
    expect(sessionCardView(view({ state: 'awaiting_payment', pending: true })).tone).toBe(
      'warning',
    );
    expect(sessionCardView(view({ state: 'paid', amounts: { paid: 500 } as never }))).toMatchObject(
      {
        tone: 'success',
        amount: '已付 ¥5.00',
      },
    );
    expect(sessionCardView(view({ flow: 'roadside_booking' }))).toMatchObject({
      tone: 'primary',
      amount: '',
      flowLabel: '路边车位',
    });
  });
});
