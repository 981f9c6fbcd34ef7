import { operatorApi } from '../../services/operator-api';
import { auditRow, errorText } from '../../services/operator-view';

const PAGE_SIZE = 20;

// Who did what to the lot, why, and how it ended — refusals included. Newest first.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    rows: [] as Array<ReturnType<typeof auditRow>>,
    nextOffset: undefined as number | undefined,
    loadingMore: false,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  onReachBottom() {
    void this.onMore();
  },
  async load() {
    try {
      const page = await operatorApi.audit(this.data.lotId, 0, PAGE_SIZE);
      this.setData({
        status: 'ready',
        rows: page.items.map(auditRow),
        nextOffset: page.nextOffset,
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  async onMore() {
    const offset = this.data.nextOffset;
    if (offset === undefined || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true, message: '' });
    try {
      const page = await operatorApi.audit(this.data.lotId, offset, PAGE_SIZE);
      this.setData({
        rows: this.data.rows.concat(page.items.map(auditRow)),
        nextOffset: page.nextOffset,
      });
    } catch (error) {
      this.setData({ message: errorText(error) });
    } finally {
      this.setData({ loadingMore: false });
    }
  },
});
