import { formatFen } from '../../core/money';
import { formatChinaShort } from '../../core/parking-time';
import { merchantApi } from '../../services/merchant-api';
import type { GiveResult, GivenDiscount, MyMerchant } from '../../services/merchant-types';
import { errorText } from '../../services/operator-view';

type Input = WechatMiniprogram.CustomEvent<{ value: string }>;
type Tap<D extends WechatMiniprogram.IAnyObject = { id: string }> = WechatMiniprogram.TouchEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  D
>;

const STATE_TEXT: Record<GivenDiscount['state'], string> = {
  waiting: '待入场',
  pending: '在场',
  charged: '已结算',
  returned: '已退回',
};

/** A manager's cost of a discount: known once the stay is settled (¥0.00 before would mislead). */
function costText(d: GivenDiscount): string {
  if (d.cost === undefined) return '';
  return d.state === 'charged' || d.state === 'returned' ? formatFen(d.cost) : '待结算';
}

function resultText(r: GiveResult): string {
  if (r.outcome === 'waiting') return `${r.plate} 未在场，今日入场后自动使用「${r.offerLabel}」`;
  if (r.outcome === 'already') return `${r.plate} 本次停车已发放过本店优惠`;
  return `已为 ${r.plate} 发放「${r.offerLabel}」`;
}

// A merchant's staff give a discount to a plate (issue 14): pick an offer, type the plate or pick
// a car in the lot, give. The server checks who the caller is and the merchant's limits; the page
// shows its message. A manager also sees what each discount cost, the day's cost and the balance.
Page({
  data: {
    status: 'loading' as 'loading' | 'none' | 'ready',
    merchant: undefined as MyMerchant | undefined,
    balanceText: '',
    offerId: '',
    plate: '',
    busy: false,
    result: '',
    error: '',
    items: [] as Array<{
      id: string;
      plate: string;
      offerLabel: string;
      stateText: string;
      costText: string;
    }>,
    count: 0,
    dayCost: '',
    sessions: [] as Array<{ sessionId: string; plate: string; inText: string; given: boolean }>,
  },
  async onLoad(query: Record<string, string | undefined>) {
    try {
      const { merchants } = await merchantApi.mine();
      const merchant = merchants.find((m) => m.merchantId === query.merchantId) ?? merchants[0];
      if (!merchant) {
        this.setData({ status: 'none' });
        return;
      }
      this.setData({
        status: 'ready',
        merchant,
        offerId: merchant.offers[0]?.id ?? '',
        balanceText: merchant.balance ? `余额 ${formatFen(merchant.balance.balance)}` : '',
      });
      await this.refresh();
    } catch (error) {
      this.setData({ status: 'none', error: errorText(error) });
    }
  },
  onOffer(e: Tap) {
    this.setData({ offerId: e.currentTarget.dataset.id });
  },
  onPlateInput(e: Input) {
    this.setData({ plate: e.detail.value });
  },
  onPickSession(e: Tap<{ plate: string }>) {
    this.setData({ plate: e.currentTarget.dataset.plate, result: '', error: '' });
  },
  async onGive() {
    const merchant = this.data.merchant;
    if (this.data.busy || !merchant) return;
    const plate = this.data.plate.trim().toUpperCase();
    if (plate === '') {
      this.setData({ error: '请输入车牌号', result: '' });
      return;
    }
    this.setData({ busy: true, error: '', result: '' });
    try {
      const r = await merchantApi.give(merchant.merchantId, this.data.offerId, plate);
      this.setData({ result: resultText(r), plate: '' });
      await this.refresh();
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
  async refresh() {
    const merchant = this.data.merchant;
    if (!merchant) return;
    const [day, live] = await Promise.all([
      merchantApi.discounts(merchant.merchantId),
      // The list only helps to pick a plate: typing one still works without it.
      merchantApi.sessions(merchant.merchantId).catch(() => ({ items: [] })),
    ]);
    this.setData({
      items: day.items.map((d) => ({
        id: d.id,
        plate: d.plate,
        offerLabel: d.offerLabel,
        stateText: STATE_TEXT[d.state],
        costText: costText(d),
      })),
      count: day.count,
      dayCost: day.cost === undefined ? '' : formatFen(day.cost),
      sessions: live.items.map((s) => ({
        sessionId: s.sessionId,
        plate: s.plate,
        inText: `${formatChinaShort(s.inTime)} 入场`,
        given: s.given,
      })),
      ...(day.balance && { balanceText: `余额 ${formatFen(day.balance.balance)}` }),
    });
  },
});
