import type { Input } from '../events';
import { operatorApi } from '../../services/operator-api';
import { saveExport } from '../../services/operator-export-file';
import {
  type RevenueBar,
  errorText,
  isChinaDate,
  passSalesView,
  revenueBars,
  totalsView,
} from '../../services/operator-view';

/** The last query sent: an earlier answer arriving late is dropped. */
let latestQuery = 0;

// Revenue by China day for a date range: one bar per day (net of handling fees), the parking
// totals below, pass sales (月卡销售) apart, and the range's payments as CSV. Without a lot, every lot the caller owns. The first
// range is the server's (7 days up to its today): a phone's date may be behind the lot's.
Page({
  data: {
    lotId: '',
    from: '',
    to: '',
    status: 'idle' as 'idle' | 'loading' | 'error' | 'ready',
    message: '',
    exporting: false,
    bars: [] as RevenueBar[],
    totals: undefined as ReturnType<typeof totalsView> | undefined,
    passes: undefined as ReturnType<typeof passSalesView> | undefined,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.query(true);
  },
  /** The range typed, or undefined (with the message shown) when a date is malformed. */
  range(): { from: string; to: string } | undefined {
    const from = this.data.from.trim();
    const to = this.data.to.trim();
    if (!isChinaDate(from) || !isChinaDate(to)) {
      this.setData({ status: 'error', message: '日期格式为 YYYY-MM-DD，如 2026-11-25' });
      return undefined;
    }
    return { from, to };
  },
  async query(serverDefault = false) {
    const range: { from?: string; to?: string } | undefined = serverDefault ? {} : this.range();
    if (!range) return;
    const mine = ++latestQuery;
    this.setData({ status: 'loading', message: '' });
    try {
      const revenue = await operatorApi.revenue(range.from, range.to, this.data.lotId || undefined);
      if (mine !== latestQuery) return; // a later query is on its way
      // The server's range fills the fields unless the person has typed one meanwhile.
      const typed = serverDefault && (this.data.from !== '' || this.data.to !== '');
      this.setData({
        status: 'ready',
        ...(!typed && { from: revenue.from, to: revenue.to }),
        bars: revenueBars(revenue.rows),
        totals: totalsView(revenue.totals),
        passes: passSalesView(revenue.passes, revenue.totals),
      });
    } catch (error) {
      if (mine === latestQuery) this.setData({ status: 'error', message: errorText(error) });
    }
  },
  async onExport() {
    if (this.data.exporting) return;
    const range = this.range();
    if (!range) return;
    this.setData({ exporting: true });
    let problem: string | undefined;
    try {
      const file = await operatorApi.exportPayments(
        range.from,
        range.to,
        this.data.lotId || undefined,
      );
      problem = await saveExport(file, errorText);
    } catch (error) {
      problem = errorText(error);
    }
    if (problem) void wx.showToast({ title: problem, icon: 'none' });
    this.setData({ exporting: false });
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
