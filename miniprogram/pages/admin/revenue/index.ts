import type { Input } from '../events';
import { operatorApi } from '../../../services/operator-api';
import {
  type RevenueBar,
  chinaDate,
  errorText,
  isChinaDate,
  nowUnix,
  revenueBars,
  shiftDate,
  totalsView,
} from '../../../services/operator-view';

const DEFAULT_DAYS = 7;

// Revenue by China day for a date range: one bar per day (net of handling fees), the totals
// below. Without a lot, every lot the caller owns.
Page({
  data: {
    lotId: '',
    from: '',
    to: '',
    status: 'idle' as 'idle' | 'loading' | 'error' | 'ready',
    message: '',
    bars: [] as RevenueBar[],
    totals: undefined as ReturnType<typeof totalsView> | undefined,
  },
  onLoad(query: Record<string, string | undefined>) {
    const to = chinaDate(nowUnix());
    this.setData({
      lotId: decodeURIComponent(query.lotId ?? ''),
      to,
      from: shiftDate(to, 1 - DEFAULT_DAYS),
    });
    void this.query();
  },
  async query() {
    const from = this.data.from.trim();
    const to = this.data.to.trim();
    if (!isChinaDate(from) || !isChinaDate(to)) {
      this.setData({ status: 'error', message: '日期格式为 YYYY-MM-DD，如 2026-11-25' });
      return;
    }
    this.setData({ status: 'loading', message: '' });
    try {
      const revenue = await operatorApi.revenue(from, to, this.data.lotId || undefined);
      this.setData({
        status: 'ready',
        bars: revenueBars(revenue.rows),
        totals: totalsView(revenue.totals),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onFromInput(e: Input) {
    this.setData({ from: e.detail.value });
  },
  onToInput(e: Input) {
    this.setData({ to: e.detail.value });
  },
  onQuery() {
    void this.query();
  },
});
