import type { Input, Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import type { SessionFilter } from '../../services/operator-types';
import {
  STATE_FILTERS,
  type SessionRow,
  errorText,
  sessionRow,
  statesOf,
} from '../../services/operator-view';

const PAGE_SIZE = 20;

// A lot's sessions, newest entry first, filtered by state group, plate and anomaly flag, a page
// at a time. Returning from a session's detail reloads the list (an action may have moved it).
Page({
  data: {
    lotId: '',
    filters: STATE_FILTERS.map((f) => ({ key: f.key, label: f.label })),
    filterKey: 'all',
    plate: '',
    flaggedOnly: false,
    rows: [] as SessionRow[],
    total: 0,
    nextOffset: undefined as number | undefined,
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    loadingMore: false,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({
      lotId: decodeURIComponent(query.lotId ?? ''),
      flaggedOnly: query.flagged === '1',
    });
  },
  onShow() {
    void this.search();
  },
  onReachBottom() {
    void this.onMore();
  },
  filter(offset: number): SessionFilter {
    const states = statesOf(this.data.filterKey);
    const plate = this.data.plate.trim().toUpperCase();
    return {
      lotId: this.data.lotId,
      ...(states && { state: states }),
      ...(plate !== '' && { plate }),
      ...(this.data.flaggedOnly && { flagged: true }),
      offset,
      limit: PAGE_SIZE,
    };
  },
  async search() {
    this.setData({ status: 'loading' });
    try {
      const list = await operatorApi.sessions(this.filter(0));
      this.setData({
        status: 'ready',
        message: '',
        rows: list.items.map(sessionRow),
        total: list.total,
        nextOffset: list.nextOffset,
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error), rows: [] });
    }
  },
  async onMore() {
    const offset = this.data.nextOffset;
    if (offset === undefined || this.data.loadingMore || this.data.status !== 'ready') return;
    this.setData({ loadingMore: true });
    try {
      const list = await operatorApi.sessions(this.filter(offset));
      this.setData({
        rows: this.data.rows.concat(list.items.map(sessionRow)),
        total: list.total,
        nextOffset: list.nextOffset,
        message: '',
      });
    } catch (error) {
      this.setData({ message: errorText(error) });
    } finally {
      this.setData({ loadingMore: false });
    }
  },
  onPickFilter(e: Tap<{ key: string }>) {
    this.setData({ filterKey: e.currentTarget.dataset.key });
    void this.search();
  },
  onToggleFlagged() {
    this.setData({ flaggedOnly: !this.data.flaggedOnly });
    void this.search();
  },
  onPlateInput(e: Input) {
    this.setData({ plate: e.detail.value });
  },
  onSearch() {
    void this.search();
  },
  onOpen(e: Tap<{ id: string }>) {
    void wx.navigateTo({
      url: `/admin/session/index?id=${encodeURIComponent(e.currentTarget.dataset.id)}`,
    });
  },
});
