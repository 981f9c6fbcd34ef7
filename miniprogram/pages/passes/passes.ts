import { errorText } from '../../services/driver-format';
import { passApi } from '../../services/pass-api';
import { payForPass } from '../../services/pass-payment';
import type { PassStarted } from '../../services/pass-types';
import { passRow, planRow, receiptRow, splitPlates } from '../../services/pass-view';
import { askSubscribe } from '../../services/subscribe';

// 我的月卡: the driver's passes (days left, plates), renew, the receipts of pass payments, and
// with `lotId` the plans of that lot on sale (buy).
Page({
  data: {
    lotId: '',
    lotName: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    notice: '',
    passes: [] as Array<ReturnType<typeof passRow>>,
    receipts: [] as Array<ReturnType<typeof receiptRow>>,
    plans: [] as Array<ReturnType<typeof planRow>>,
    planId: '',
    platesText: '',
    busy: false,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  async load() {
    try {
      const mine = await passApi.mine();
      const onSale = this.data.lotId ? await passApi.plansOnSale(this.data.lotId) : undefined;
      this.setData({
        status: 'ready',
        passes: mine.passes.map(passRow),
        receipts: mine.orders.map(receiptRow),
        plans: (onSale?.plans ?? []).map(planRow),
        lotName: onSale?.lot.name ?? '',
        planId: this.data.planId || onSale?.plans[0]?.id || '',
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onPickPlan(event: { currentTarget: { dataset: { id?: string } } }) {
    this.setData({ planId: event.currentTarget.dataset.id ?? '' });
  },
  onPlates(event: { detail: { value: string } }) {
    this.setData({ platesText: event.detail.value });
  },
  async onBuy() {
    const plates = splitPlates(this.data.platesText);
    if (!this.data.planId || plates.length === 0) {
      this.setData({ notice: '请选择月卡并填写车牌' });
      return;
    }
    await this.pay(() => passApi.buy(this.data.planId, plates));
  },
  async onRenew(event: { currentTarget: { dataset: { id?: string } } }) {
    const passId = event.currentTarget.dataset.id ?? '';
    await this.pay(() => passApi.renew(passId));
  },
  async pay(start: () => Promise<PassStarted>) {
    if (this.data.busy) return;
    this.setData({ busy: true, notice: '' });
    try {
      // Still inside the tap: the receipt and the expiry reminder may be asked for (only here).
      await askSubscribe(['passReceipt', 'passExpiring']);
      const outcome = await payForPass(await start());
      const notice =
        outcome.kind === 'done'
          ? `支付成功，月卡有效期至 ${outcome.receipt.pass?.endText ?? ''}`
          : outcome.kind === 'cancelled'
            ? '已取消支付'
            : '支付结果确认中，请稍后下拉刷新查看';
      this.setData({ notice });
      await this.load();
    } catch (error) {
      this.setData({ notice: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
