import type { Input, Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import {
  errorText,
  isChinaDate,
  reconciliationView,
  shiftDate,
} from '../../services/operator-view';

/** The last check sent: an earlier answer arriving late is dropped. */
let latestCheck = 0;

// A lot's day checked against the platform: the day's figures (what moved that China day, as
// revenue counts it) by our records and by the platform's, and each session whose running totals
// disagree (tap it to see why).
Page({
  data: {
    lotId: '',
    date: '',
    status: 'idle' as 'idle' | 'loading' | 'error' | 'ready',
    message: '',
    report: undefined as ReturnType<typeof reconciliationView> | undefined,
  },
  onLoad(query: Record<string, string | undefined>) {
    // Without a date, the server's today (the phone's date may be behind the lot's).
    const date = query.date && isChinaDate(query.date) ? query.date : '';
    this.setData({ lotId: decodeURIComponent(query.lotId ?? ''), date });
    void this.check(date === '');
  },
  async check(serverToday = false) {
    const date = this.data.date.trim();
    if (!serverToday && !isChinaDate(date)) {
      this.setData({ status: 'error', message: '日期格式为 YYYY-MM-DD，如 2026-11-25' });
      return;
    }
    const mine = ++latestCheck;
    this.setData({ status: 'loading', message: '' });
    try {
      const report = await operatorApi.reconciliation(
        this.data.lotId,
        serverToday ? undefined : date,
      );
      if (mine !== latestCheck) return; // a later check is on its way
      this.setData({ status: 'ready', date: report.date, report: reconciliationView(report) });
    } catch (error) {
      if (mine === latestCheck) this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onDateInput(e: Input) {
    this.setData({ date: e.detail.value });
  },
  onCheck() {
    void this.check();
  },
  onShiftDay(e: Tap<{ days: string }>) {
    this.setData({ date: shiftDate(this.data.date.trim(), Number(e.currentTarget.dataset.days)) });
    void this.check();
  },
  onOpenSession(e: Tap<{ id: string; kind: string }>) {
    if (e.currentTarget.dataset.kind === 'pass') return; // a pass sale has no session page
    void wx.navigateTo({
      url: `/admin/session/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}`,
    });
  },
});
