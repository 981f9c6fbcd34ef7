import type { MerchantSaveDetail } from '../components/merchant-editor/index';
import type { Input, Tap } from '../events';
import { formatFen } from '../../core/money';
import { fenOfYuan, merchantAdminApi, newRequestId } from '../../services/merchant-api';
import type {
  LotMerchant,
  MerchantDailyRow,
  MerchantInvitationMade,
  MerchantRole,
} from '../../services/merchant-types';
import { saveExport } from '../../services/operator-export-file';
import { QrSaveError, previewQr } from '../../services/operator-qr-file';
import { errorText, timeText } from '../../services/operator-view';

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

const ROLES: Array<{ role: MerchantRole; text: string }> = [
  { role: 'clerk', text: '店员' },
  { role: 'manager', text: '管理员（可看费用和余额）' },
];
/** As the server names them (core/parking/merchant.ts MERCHANT_ROLE_TEXT). */
const ROLE_TEXT: Record<MerchantRole, string> = { clerk: '商户店员', manager: '商户管理员' };
/** An invitation is valid for 3 days (the server's default). */
const INVITE_HOURS = 72;

const dayOf = (d: MerchantDailyRow) => ({
  key: `${d.date}|${d.merchantId}`,
  date: d.date,
  merchantName: d.merchantName,
  given: d.given,
  charged: d.charged,
  costText: formatFen(d.cost),
});

type Made = MerchantInvitationMade & { roleText: string; expiresText: string };

// A lot's merchants (issue 14): their balances, a top-up with a reason (audited; its request id
// is made once per form, so a retry after a lost answer tops up once), an invitation for a
// merchant's staff (a one-time code and its QR), and what each merchant's discounts cost per day.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'ready' | 'error',
    rows: [] as Row[],
    /** The merchant editor: shown, on which merchant ({} for a new one), saving, refused. */
    editorShown: false,
    editing: {} as Partial<LotMerchant>,
    saving: false,
    saveError: '',
    exporting: false,
    selected: '',
    amount: '',
    reason: '',
    requestId: '',
    busy: false,
    roles: ROLES,
    role: 'clerk' as MerchantRole,
    inviting: false,
    made: undefined as Made | undefined,
    shownDaily: false,
    from: '',
    to: '',
    days: [] as Array<ReturnType<typeof dayOf>>,
    message: '',
    error: '',
  },
  async onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    await this.load();
  },
  _merchants: [] as LotMerchant[],
  async load() {
    try {
      const [{ merchants }, daily] = await Promise.all([
        merchantAdminApi.list(this.data.lotId),
        // Per day needs the revenue right: without it the page still tops up and invites.
        merchantAdminApi.daily(this.data.lotId).catch(() => undefined),
      ]);
      this._merchants = merchants;
      this.setData({
        status: 'ready',
        rows: merchants.map(rowOf),
        shownDaily: daily !== undefined,
        from: daily?.from ?? '',
        to: daily?.to ?? '',
        // Newest day first.
        days: (daily?.items ?? []).map(dayOf).reverse(),
      });
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
      made: undefined,
      message: '',
      error: '',
    });
  },
  onNewMerchant() {
    this.setData({ editorShown: true, editing: {}, saveError: '', message: '', selected: '' });
  },
  onEditMerchant() {
    const merchant = this._merchants.find((m) => m.id === this.data.selected);
    if (merchant)
      this.setData({ editorShown: true, editing: merchant, saveError: '', message: '' });
  },
  onEditorCancel() {
    this.setData({ editorShown: false, saveError: '' });
  },
  async onEditorSave(e: WechatMiniprogram.CustomEvent<MerchantSaveDetail>) {
    if (this.data.saving) return;
    this.setData({ saving: true, saveError: '' });
    try {
      const { merchant, created } = await merchantAdminApi.upsert(
        e.detail.merchant,
        e.detail.reason,
      );
      this.setData({
        editorShown: false,
        message: `${created ? '已新增' : '已保存'}商户「${merchant.name}」`,
      });
      await this.load();
    } catch (error) {
      this.setData({ saveError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },
  /** The selected merchant's statement of the days shown below (the daily range). */
  async onExportStatement() {
    const { selected, from, to } = this.data;
    if (this.data.exporting || !selected || !from || !to) return;
    this.setData({ exporting: true, error: '', message: '' });
    let problem: string | undefined;
    try {
      const file = await merchantAdminApi.statement(selected, from, to);
      problem = await saveExport(file, errorText);
      if (!problem)
        this.setData({ message: `已导出对账单：${file.lines} 笔，合计 ${formatFen(file.cost)}` });
    } catch (error) {
      problem = errorText(error);
    }
    this.setData({ exporting: false, ...(problem && { error: problem }) });
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
  onPickRole(e: Tap<{ role: MerchantRole }>) {
    this.setData({ role: e.currentTarget.dataset.role });
  },
  async onInvite() {
    if (this.data.inviting || !this.data.selected) return;
    this.setData({ inviting: true, error: '', message: '' });
    try {
      const made = await merchantAdminApi.invite(this.data.selected, this.data.role, INVITE_HOURS);
      const roleText = ROLE_TEXT[this.data.role];
      this.setData({
        made: { ...made, roleText, expiresText: timeText(made.expiresAt) },
        message: `已生成${roleText}邀请，请让对方在小程序中扫码`,
      });
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ inviting: false });
    }
  },
  async onPreviewInvite() {
    const made = this.data.made;
    if (!made) return;
    try {
      await previewQr(made.image, `merchant-invite-${made.code}`);
    } catch (error) {
      const title = error instanceof QrSaveError ? error.message : '无法打开图片';
      wx.showToast({ title, icon: 'none' });
    }
  },
});
