import type { ReasonConfirmDetail } from '../components/reason-dialog/index';
import { arrearsAdminApi } from '../../services/merchant-api';
import { errorText } from '../../services/operator-view';
import {
  ARREARS_TABS,
  type ArrearsState,
  type LotArrearsRow,
  lotArrearsRows,
} from '../../services/operator-views/arrears';

type Tap<T> = { currentTarget: { dataset: T } };

// A lot's roadside arrears (欠费追缴, issue 14): open ones oldest first with their age, paid and
// waived ones with what became of them, searched by plate; an open one is waived with a reason
// (audited on the server). Recovery itself shows in revenue (其中欠费追缴).
Page({
  data: {
    lotId: '',
    tabs: ARREARS_TABS,
    state: 'open' as ArrearsState,
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    rows: [] as LotArrearsRow[],
    total: '',
    search: '',
    notice: '',
    actionError: '',
    busy: false,
    dialogShow: false,
    dialogSummary: '',
    waiving: '',
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  async load() {
    try {
      const { lotId, state, search } = this.data;
      const list = await arrearsAdminApi.list(lotId, state, search);
      const { rows, total } = lotArrearsRows(list);
      this.setData({ status: 'ready', rows, total });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onPickState(e: Tap<{ state?: ArrearsState }>) {
    this.setData({ state: e.currentTarget.dataset.state ?? 'open', notice: '', actionError: '' });
    void this.load();
  },
  onSearch(e: { detail: { value: string } }) {
    this.setData({ search: e.detail.value.trim() });
    void this.load();
  },
  onWaive(e: Tap<{ id?: string }>) {
    const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
    if (!row) return;
    this.setData({
      waiving: row.id,
      dialogSummary: `${row.plate} 欠费 ${row.due}（${row.when}）`,
      dialogShow: true,
      actionError: '',
    });
  },
  onDialogCancel() {
    this.setData({ dialogShow: false, waiving: '' });
  },
  async onDialogConfirm(e: WechatMiniprogram.CustomEvent<ReasonConfirmDetail>) {
    if (this.data.busy || !this.data.waiving) return;
    this.setData({ busy: true });
    try {
      const { outcome, arrears } = await arrearsAdminApi.waive(this.data.waiving, e.detail.reason);
      const text = outcome === 'applied' ? '已减免' : '该欠费此前已减免';
      this.setData({ notice: `${arrears.plate} ${text}` });
      await this.load();
    } catch (error) {
      this.setData({ actionError: errorText(error) });
    } finally {
      this.setData({ busy: false, dialogShow: false, waiving: '' });
    }
  },
});
