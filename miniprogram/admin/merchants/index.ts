import type { Input, Tap } from '../events';
import { formatFen } from '../../core/money';
import { fenOfYuan, merchantAdminApi, newRequestId } from '../../services/merchant-api';
import type { LotMerchant } from '../../services/merchant-types';
import { errorText } from '../../services/operator-view';

interface Row {
  id: string;
  name: string;
  billingText: string;
  balanceText: string;
}

const rowOf = (m: LotMerchant): Row => ({
  id: m.id,
  name: m.name,
  billingText: m.billing === 'balance' ? '预充值' : '月结',
  balanceText: `余额 ${formatFen(m.balance.balance)}`,
});

// A lot's merchants (issue 14): their balances, and a top-up with a reason (audited). The
// top-up's request id is made once per form, so a retry after a lost answer tops up once.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'ready' | 'error',
    rows: [] as Row[],
    selected: '',
    amount: '',
    reason: '',
    requestId: '',
    busy: false,
    message: '',
    error: '',
  },
  async onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    await this.load();
  },
  async load() {
    try {
      const { merchants } = await merchantAdminApi.list(this.data.lotId);
      this.setData({ status: 'ready', rows: merchants.map(rowOf) });
    } catch (error) {
      this.setData({ status: 'error', error: errorText(error) });
    }
  },
  onSelect(e: Tap<{ id: string }>) {
    this.setData({
      selected: e.currentTarget.dataset.id,
      amount: '',
      reason: '',
      requestId: newRequestId(),
      message: '',
      error: '',
    });
  },
  onAmountInput(e: Input) {
    this.setData({ amount: e.detail.value });
  },
  onReasonInput(e: Input) {
    this.setData({ reason: e.detail.value });
  },
  async onTopUp() {
    if (this.data.busy || !this.data.selected) return;
    const amount = fenOfYuan(this.data.amount);
    const reason = this.data.reason.trim();
    if (amount === undefined) {
      this.setData({ error: '请输入充值金额（元，最多两位小数）' });
      return;
    }
    if (reason === '') {
      this.setData({ error: '请填写充值说明，如 收款单号' });
      return;
    }
    this.setData({ busy: true, error: '', message: '' });
    try {
      const r = await merchantAdminApi.topUp(
        this.data.selected,
        amount,
        this.data.requestId,
        reason,
      );
      this.setData({
        message: `充值成功，${`余额 ${formatFen(r.balance.balance)}`}`,
        selected: '',
        requestId: '',
      });
      await this.load();
    } catch (error) {
      // The same request id stays: trying again cannot top up twice.
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
