import {
  confirmPayment,
  exitChoices,
  payExit,
  quoteSession,
  type QuoteTarget,
} from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import {
  outcomeMessage,
  payAndConfirm,
  paymentSucceeded,
  paymentTiming,
  type PaymentStatus,
} from '../../services/driver-payment';
import { pageUrl, plateFromQuery, queryValue, type PageQuery } from '../../services/driver-query';
import type { PaymentStart, Quote } from '../../services/driver-types';
import { navigateTo } from '../../services/driver-wx';
import { type CarChoice, carChoicesOf, payViewOf } from './view';
import { askSubscribe } from '../../services/subscribe';

type Tone = 'info' | 'ok' | 'error';

const STATUS_TEXT: Record<PaymentStatus, string> = {
  cashier: '请在微信支付中完成付款…',
  confirming: '正在确认支付结果，请稍候…',
};

// Exit payment: the fee with its breakdown, one pay button, then a live status until the money is
// confirmed and the gate may open. While a payment runs the button is off (no second payment).
Page({
  data: {
    loaded: false,
    busy: false,
    opened: false,
    notice: '',
    tone: 'info' as Tone,
    view: null as ReturnType<typeof payViewOf> | null,
    /** More than one car of the driver at this lot: which one is leaving. */
    choices: [] as CarChoice[],
  },
  _target: undefined as QuoteTarget | undefined,
  _gateId: undefined as string | undefined,
  _choices: [] as Quote[],
  _sessionId: '',
  _payable: undefined as PaymentStart | undefined,
  _timing: paymentTiming,

  onLoad(query: PageQuery) {
    const sessionId = queryValue(query, 'sessionId');
    const gateId = queryValue(query, 'gateId');
    const plate = plateFromQuery(query);
    this._gateId = gateId || undefined;
    if (sessionId) this._target = { sessionId };
    else if (gateId && plate) this._target = { gateId, ...plate };
    void (gateId && !sessionId && !plate ? this.loadChoices(gateId) : this.load());
  },

  /** Scanned at an exit with several cars here: list them (plates), the driver picks one. */
  async loadChoices(gateId: string) {
    try {
      const { choices } = await exitChoices(gateId);
      if (choices.length === 1) {
        this.show(choices[0] as Quote);
        return;
      }
      if (choices.length === 0) {
        this.setData({ loaded: true });
        this.say('未找到您在本停车场的在场车辆，请返回输入车牌', 'error');
        return;
      }
      this._choices = choices;
      this.setData({ loaded: true, choices: carChoicesOf(choices) });
      this.say('您在本停车场有多辆车，请选择要离场的车辆', 'info');
    } catch (error) {
      this.say(errorText(error), 'error');
    }
  },

  onChoose(e: { currentTarget: { dataset: { id?: string } } }) {
    const chosen = this._choices.find((q) => q.session.id === e.currentTarget.dataset.id);
    if (!chosen) return;
    this.setData({ choices: [], notice: '' });
    this.show(chosen);
  },

  async load() {
    if (!this._target) {
      this.say('缺少停车信息，请重新扫码', 'error');
      return;
    }
    try {
      this.show(await quoteSession(this._target));
    } catch (error) {
      this.say(errorText(error), 'error');
    }
  },

  show(
    quote: Quote & { payment?: PaymentStart },
    opened = false,
    openedText = '支付成功，道闸正在开启',
  ) {
    this._sessionId = quote.session.id;
    this._payable = quote.next === 'confirm' ? quote.payment : undefined;
    this._target = { sessionId: quote.session.id };
    const view = payViewOf(quote);
    this.setData({ loaded: true, view, opened: opened && view.mayLeave });
    if (opened && view.mayLeave) this.say(openedText, 'ok');
    else if (view.mayLeave) this.say(view.mayLeaveText, 'ok');
    // Paid, but not out within the leave window: say why something is due again.
    else if (quote.mayLeave.reason === 'grace_expired') this.say(quote.mayLeave.text, 'info');
  },

  say(notice: string, tone: Tone) {
    this.setData({ notice, tone });
  },

  async onAction() {
    const view = this.data.view;
    if (this.data.busy || !view || !view.actionKind) return;
    this.setData({ busy: true });
    try {
      // Still inside the tap: the receipt and a refused payment's notice may be asked for.
      if (view.actionKind !== 'confirm') await askSubscribe(['parkingReceipt', 'paymentFailed']);
      if (view.actionKind === 'confirm') await this.confirm();
      else if (view.actionKind === 'resume' && this._payable) await this.runCashier(this._payable);
      else await this.pay();
    } catch (error) {
      this.say(errorText(error), 'error');
    } finally {
      this.setData({ busy: false });
    }
  },

  async pay() {
    // A freeze left before the call: a `paid` outcome then is a settlement, not a payment.
    const fromFreeze = (this.data.view?.frozenLeftFen ?? 0) > 0;
    this.say('正在生成账单…', 'info');
    const outcome = await payExit(this._sessionId, this._gateId);
    if (outcome.kind === 'payment') {
      await this.runCashier(outcome.payment);
    } else if (outcome.kind === 'pending') {
      await this.confirm();
    } else {
      // Settled from a freeze, or nothing due: no WeChat payment at all, and not worded as one.
      const text =
        outcome.kind === 'nothing_due'
          ? '无需缴费，道闸正在开启'
          : fromFreeze
            ? '已从预付冻结金额中结算，道闸正在开启'
            : undefined;
      this.show(await quoteSession({ sessionId: this._sessionId }), true, text);
    }
  },

  /** A pay already out: ask the platform; if its sheet is still payable, offer that one. */
  async confirm() {
    this.say(STATUS_TEXT.confirming, 'info');
    const quote = await confirmPayment(this._sessionId);
    if (paymentSucceeded(quote)) {
      this.show(quote, true);
    } else if (quote.payment) {
      this.show(quote);
      this.say('尚未完成支付，可点击支付', 'info');
    } else {
      this.show(quote);
      this.say('支付结果确认中，请勿重复支付，稍后再刷新', 'info');
    }
  },

  async runCashier(payment: PaymentStart) {
    const outcome = await payAndConfirm(
      this._sessionId,
      payment,
      (status) => this.say(STATUS_TEXT[status], 'info'),
      this._timing,
    );
    if (outcome.kind === 'done') {
      this.show(outcome.quote, true);
      return;
    }
    if (outcome.quote) this.show(outcome.quote);
    this.say(outcomeMessage(outcome), outcome.kind === 'timeout' ? 'info' : 'error');
  },

  onReceipt() {
    if (this._sessionId) {
      void navigateTo(pageUrl('/pages/receipt/receipt', { sessionId: this._sessionId }));
    }
  },
});
