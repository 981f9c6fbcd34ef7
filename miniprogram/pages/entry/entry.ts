import { type ArrearsItemView, arrearsView } from '../../services/arrears-view';
import { payArrearsForNotice } from '../../services/arrears-payment';
import {
  checkArrears,
  checkIn,
  confirmPayment,
  createBooking,
  prepayEntry,
  resolveScene,
} from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import {
  outcomeMessage,
  payAndConfirm,
  paymentSucceeded,
  paymentTiming,
} from '../../services/driver-payment';
import { pageUrl, plateFromQuery, queryValue, type PageQuery } from '../../services/driver-query';
import type { PlateChoice, SessionStart, SessionView } from '../../services/driver-types';
import { reLaunch, redirectTo } from '../../services/driver-wx';
import { entryDoneLines, entryTermsOf, type EntryMode } from './view';
import { askSubscribe } from '../../services/subscribe';

type Tone = 'info' | 'ok' | 'error';

// Entry at a gate (prepay by freeze, or a plain check-in) and the booking of a roadside spot:
// says what is frozen, until when and what comes back, then starts it with one tap.
Page({
  data: {
    loaded: false,
    mode: 'checkin' as EntryMode,
    lotName: '',
    place: '',
    plate: '',
    title: '',
    actionLabel: '',
    terms: [] as string[],
    busy: false,
    done: false,
    doneTitle: '',
    doneLines: [] as string[],
    notice: '',
    tone: 'info' as Tone,
    /** The plate's open arrears owed to this lot's operator, shown before the driver commits. */
    arrears: [] as ArrearsItemView[],
    arrearsTotal: '',
    /** The lot books no spot until they are paid (Lot.arrearsPolicy `require`). */
    arrearsBlocked: false,
    payingId: '',
  },
  _gateId: '',
  _spotId: '',
  _lotId: '',
  _plate: undefined as PlateChoice | undefined,
  _session: undefined as SessionView | undefined,
  _timing: paymentTiming,

  onLoad(query: PageQuery) {
    this._gateId = queryValue(query, 'gateId');
    this._spotId = queryValue(query, 'spotId');
    this._lotId = queryValue(query, 'lotId');
    this._plate = plateFromQuery(query);
    void this.load();
  },

  async load() {
    const scene = this._spotId ? `s:${this._spotId}` : this._gateId ? `g:${this._gateId}` : '';
    if (!scene || !this._plate) {
      this.say('缺少入场信息，请重新扫码', 'error');
      return;
    }
    try {
      const found = await resolveScene(scene);
      const mode: EntryMode = this._spotId ? 'book' : found.lot.entryPrepay ? 'prepay' : 'checkin';
      const terms = entryTermsOf(mode, found.lot, found.tariff);
      this._lotId = found.lot.id;
      this.setData({
        loaded: true,
        mode,
        lotName: found.lot.name,
        place: found.spot?.name ?? found.gate?.name ?? '',
        plate: 'plate' in this._plate ? this._plate.plate : '无牌车（专属车牌）',
        ...terms,
      });
      await this.loadArrears();
    } catch (error) {
      this.say(errorText(error), 'error');
    }
  },

  /** Arrears first (issue 14): paid here, or the driver goes on when the lot allows it. */
  async loadArrears() {
    if (!this._plate) return;
    try {
      const check = await checkArrears(this._lotId, this._plate);
      const view = arrearsView(check);
      this.setData({
        arrears: view.items,
        arrearsTotal: view.total,
        arrearsBlocked: this.data.mode === 'book' && check.bookingBlocked,
      });
    } catch {
      // The server checks again at the booking; the page works without the list.
    }
  },

  async onPayArrears(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.payingId !== '' || !id) return;
    this.setData({ payingId: id });
    const { text, tone } = await payArrearsForNotice(id, errorText);
    this.setData({ payingId: '' });
    this.say(text, tone === 'ok' ? 'ok' : tone);
    await this.loadArrears();
  },

  say(notice: string, tone: Tone) {
    this.setData({ notice, tone });
  },

  async onAction() {
    if (this.data.busy || this.data.done || !this._plate) return;
    if (this.data.arrearsBlocked) {
      this.say('本停车场要求先缴清欠费再预订，请先缴纳上方欠费', 'error');
      return;
    }
    this.setData({ busy: true });
    try {
      // Still inside the tap: a booking's release reminder, the receipt, a refused payment.
      if (this.data.mode === 'book') {
        await askSubscribe(['bookingReleasing', 'parkingReceipt', 'paymentFailed']);
      } else if (this.data.mode !== 'checkin') {
        await askSubscribe(['parkingReceipt', 'paymentFailed']);
      }
      await this.start(this._plate);
    } catch (error) {
      this.say(errorText(error), 'error');
    } finally {
      this.setData({ busy: false });
    }
  },

  async start(plate: PlateChoice) {
    this.say('正在处理…', 'info');
    if (this.data.mode === 'checkin') {
      const { session } = await checkIn(this._gateId, plate);
      this.finish(session);
      return;
    }
    const started: SessionStart =
      this.data.mode === 'book'
        ? await createBooking(this._spotId, plate)
        : await prepayEntry(this._gateId, plate);
    this._session = started.session;
    const payment = started.payment;
    if (!payment) {
      // Asked again after it was paid: nothing to pay, or the payment is being confirmed.
      const quote = await confirmPayment(started.session.id);
      if (paymentSucceeded(quote)) this.finish(quote.session);
      else this.say('支付结果确认中，请勿重复支付，稍后再试', 'info');
      return;
    }
    const outcome = await payAndConfirm(
      started.session.id,
      payment,
      (status) =>
        this.say(status === 'cashier' ? '请在微信支付中完成预付…' : '正在确认预付结果…', 'info'),
      this._timing,
    );
    if (outcome.kind === 'done') this.finish(outcome.quote.session);
    else this.say(outcomeMessage(outcome), outcome.kind === 'timeout' ? 'info' : 'error');
  },

  finish(session: SessionView) {
    this._session = session;
    const title =
      this.data.mode === 'book'
        ? '预订成功'
        : this.data.mode === 'prepay'
          ? '预付成功，道闸正在开启'
          : '已登记入场，道闸正在开启';
    this.setData({ done: true, doneTitle: title, doneLines: entryDoneLines(session), notice: '' });
  },

  onSeeSpot() {
    void redirectTo(
      pageUrl('/pages/roadside/roadside', { lotId: this._lotId, spotId: this._spotId }),
    );
  },

  onHome() {
    void reLaunch('/pages/index/index');
  },
});
