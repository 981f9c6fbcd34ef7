import type { Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import {
  FORBIDDEN_TEXT,
  dashboardCards,
  errorText,
  isForbidden,
} from '../../services/operator-view';

// The operator's home: today at a glance per lot. Shown to operators only; anyone else who
// arrives here sees the server's refusal in plain words.
Page({
  data: {
    status: 'loading' as 'loading' | 'forbidden' | 'error' | 'ready',
    message: '',
    date: '',
    cards: [] as ReturnType<typeof dashboardCards>,
    ownsAny: false,
    canCreateLot: false,
  },
  onShow() {
    void this.load();
  },
  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  async load() {
    try {
      const me = await operatorApi.me();
      const dashboard = await operatorApi.dashboard();
      this.setData({
        status: 'ready',
        message: '',
        date: dashboard.date,
        cards: dashboardCards(dashboard),
        ownsAny: me.lots.some((lot) => lot.role === 'owner'),
        canCreateLot: me.canCreateLot === true,
      });
    } catch (error) {
      this.setData(
        isForbidden(error)
          ? { status: 'forbidden', message: FORBIDDEN_TEXT }
          : { status: 'error', message: errorText(error) },
      );
    }
  },
  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },
  onOpenLot(e: Tap<{ lot: string }>) {
    void wx.navigateTo({
      url: `/admin/lot/index?lotId=${encodeURIComponent(e.currentTarget.dataset.lot)}`,
    });
  },
  /** The flagged sessions of a lot, straight from its anomaly count. */
  onOpenAnomalies(e: Tap<{ lot: string }>) {
    const lotId = encodeURIComponent(e.currentTarget.dataset.lot);
    void wx.navigateTo({ url: `/admin/sessions/index?lotId=${lotId}&flagged=1` });
  },
  onCreateLot() {
    void wx.navigateTo({ url: '/admin/lot-settings/index' });
  },
  onOpenRevenue() {
    void wx.navigateTo({ url: '/admin/revenue/index' });
  },
});
