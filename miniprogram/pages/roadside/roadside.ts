import {
  arriveBooking,
  cancelBooking,
  confirmPayment,
  leaveBooking,
  lotSpots,
  quoteSession,
  sessionDetail,
} from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import {
  outcomeMessage,
  payAndConfirm,
  paymentSucceeded,
  paymentTiming,
} from '../../services/driver-payment';
import { pageUrl, queryValue, type PageQuery } from '../../services/driver-query';
import type { Quote, SessionView, SpotView } from '../../services/driver-types';
import { ask, navigateTo } from '../../services/driver-wx';
import {
  leaveQuestion,
  leaveResult,
  mySpotView,
  priceLines,
  spotRowView,
  type MyActionKind,
  type MySpotView,
  type SpotRowView,
} from './view';

type Tone = 'info' | 'ok' | 'error';
type ActionTap = WechatMiniprogram.BaseEvent<object, { kind: MyActionKind; session: string }>;
type SpotTap = WechatMiniprogram.BaseEvent<object, { id: string }>;

// A road lot: its spots with their state and price; my booked or parked spot with arrive, cancel
// and leave. Booking a free spot goes through the plate page.
Page({
  data: {
    lotName: '',
    prices: [] as string[],
    spots: [] as SpotRowView[],
    mine: [] as MySpotView[],
    busy: false,
    notice: '',
    tone: 'info' as Tone,
    /** The session just left: its receipt is linked under the result. */
    leftSessionId: '',
  },
  _lotId: '',
  _quotes: {} as Record<string, Quote | undefined>,
  _focus: '',
  _timing: paymentTiming,
  _shown: false,

  onLoad(query: PageQuery) {
    this._lotId = queryValue(query, 'lotId');
    this._focus = queryValue(query, 'spotId');
    void this.load();
  },

  onShow() {
    // Back from booking: show the new state of the spots.
    if (this._shown) void this.load();
    this._shown = true;
  },

  async load() {
    try {
      const { lot, tariff, spots } = await lotSpots(this._lotId);
      const mineSpots = spots.filter(
        (s): s is SpotView & { sessionId: string } => s.mine && !!s.sessionId,
      );
      const details = await Promise.all(mineSpots.map((s) => sessionDetail(s.sessionId)));
      this._quotes = Object.fromEntries(details.map((d) => [d.receipt.session.id, d.quote]));
      this.setData({
        lotName: lot.name,
        prices: priceLines(tariff),
        spots: spots.map((s) => spotRowView(s, this._focus)),
        mine: details.map((d, i) => mySpotView(d, (mineSpots[i] as SpotView).name)),
      });
    } catch (error) {
      this.say(errorText(error), 'error');
    }
  },

  say(notice: string, tone: Tone) {
    this.setData({ notice, tone });
  },

  onBook(e: SpotTap) {
    if (this.data.busy) return;
    void navigateTo(
      pageUrl('/pages/plate/plate', {
        purpose: 'book',
        lotId: this._lotId,
        spotId: e.currentTarget.dataset.id,
      }),
    );
  },

  async onMyAction(e: ActionTap) {
    if (this.data.busy) return;
    const { kind, session } = e.currentTarget.dataset;
    if (kind === 'pay') {
      void navigateTo(pageUrl('/pages/pay/pay', { sessionId: session }));
      return;
    }
    if (
      kind === 'cancel' &&
      !(await ask('取消预订', '取消后车位不再保留，冻结金额全额退回。', '取消预订'))
    ) {
      return;
    }
    if (kind === 'leave' && !(await this.confirmLeave(session))) return;
    this.setData({ busy: true });
    try {
      await this.act(kind, session);
    } catch (error) {
      this.say(errorText(error), 'error');
    } finally {
      this.setData({ busy: false });
    }
    await this.load();
  },

  /** 离开 first says what it will settle (a fresh quote) and asks to confirm. */
  async confirmLeave(sessionId: string): Promise<boolean> {
    let quote = this._quotes[sessionId];
    try {
      quote = await quoteSession({ sessionId });
    } catch {
      // The quote of the page's last load still tells the amounts.
    }
    return ask('结束停车', leaveQuestion(quote), '确认离开');
  },

  left(session: SessionView) {
    this.setData({ leftSessionId: session.id });
    this.say(leaveResult(session), 'ok');
  },

  async act(kind: MyActionKind, sessionId: string) {
    this.say('正在处理…', 'info');
    if (kind === 'arrive') {
      await arriveBooking(sessionId);
      this.say('已确认到达，开始计费', 'ok');
      return;
    }
    if (kind === 'cancel') {
      await cancelBooking(sessionId);
      this.say('预订已取消，冻结金额将原路退回', 'ok');
      return;
    }
    const outcome = await leaveBooking(sessionId);
    if (outcome.kind === 'payment') {
      const paid = await payAndConfirm(
        sessionId,
        outcome.payment,
        () => this.say('正在确认支付结果…', 'info'),
        this._timing,
      );
      if (paid.kind === 'done') this.left(paid.quote.session);
      else this.say(outcomeMessage(paid), paid.kind === 'timeout' ? 'info' : 'error');
    } else if (outcome.kind === 'pending') {
      const quote = await confirmPayment(sessionId);
      if (paymentSucceeded(quote)) this.left(quote.session);
      else this.say('结算确认中，请稍后刷新', 'info');
    } else {
      this.left(outcome.session);
    }
  },

  onReceipt(e: SpotTap) {
    void navigateTo(pageUrl('/pages/receipt/receipt', { sessionId: e.currentTarget.dataset.id }));
  },
});
