import type { ReasonConfirmDetail } from '../components/reason-dialog/index';
import { errorText } from '../../services/operator-view';
import { passAdminApi } from '../../services/pass-api';
import type { PassPeriod } from '../../services/pass-types';
import { passRow, planRow, splitPlates } from '../../services/pass-view';

type Pending = { action: 'issue' } | { action: 'revoke'; passId: string } | { action: 'plan' };

const PERIODS: Array<{ kind: PassPeriod['kind']; text: string }> = [
  { kind: 'month', text: '月卡' },
  { kind: 'quarter', text: '季卡' },
  { kind: 'year', text: '年卡' },
];

/** Yuan as typed (e.g. 300 or 300.5) to integer fen; undefined when it is not an amount. */
function yuanToFen(text: string): number | undefined {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return undefined;
  return Math.round(Number(text.trim()) * 100);
}

// Pass plans and passes of a lot: plans (a new one), passes by end date, issue one to plates, revoke.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    notice: '',
    actionError: '',
    plans: [] as Array<ReturnType<typeof planRow>>,
    passes: [] as Array<ReturnType<typeof passRow>>,
    planId: '',
    platesText: '',
    periods: PERIODS,
    form: {
      name: '',
      period: 'month',
      price: '',
      spaces: '1',
      maxPlates: '2',
      graceDays: '3',
      online: true,
    },
    busy: false,
    dialogShow: false,
    dialogTitle: '',
    dialogDanger: false,
    pending: undefined as Pending | undefined,
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  async load() {
    try {
      const [plans, passes] = await Promise.all([
        passAdminApi.plans(this.data.lotId),
        passAdminApi.passes(this.data.lotId),
      ]);
      this.setData({
        status: 'ready',
        plans: plans.plans.map(planRow),
        passes: passes.passes.map(passRow),
        planId: this.data.planId || plans.plans[0]?.id || '',
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onPickPlan(e: { currentTarget: { dataset: { id?: string } } }) {
    this.setData({ planId: e.currentTarget.dataset.id ?? '' });
  },
  onPlates(e: { detail: { value: string } }) {
    this.setData({ platesText: e.detail.value });
  },
  onField(e: { currentTarget: { dataset: { field?: string } }; detail: { value: string } }) {
    const field = e.currentTarget.dataset.field;
    if (field) this.setData({ [`form.${field}`]: e.detail.value });
  },
  onPickPeriod(e: { currentTarget: { dataset: { kind?: string } } }) {
    this.setData({ 'form.period': e.currentTarget.dataset.kind ?? 'month' });
  },
  onToggleOnline() {
    this.setData({ 'form.online': !this.data.form.online });
  },
  onIssue() {
    if (!this.data.planId || splitPlates(this.data.platesText).length === 0) {
      this.setData({ actionError: '请选择方案并填写车牌' });
      return;
    }
    this.ask({ action: 'issue' }, '开通月卡', false);
  },
  onRevoke(e: { currentTarget: { dataset: { id?: string } } }) {
    this.ask({ action: 'revoke', passId: e.currentTarget.dataset.id ?? '' }, '作废月卡', true);
  },
  onSavePlan() {
    if (!this.data.form.name.trim() || yuanToFen(this.data.form.price) === undefined) {
      this.setData({ actionError: '请填写方案名称和价格（元）' });
      return;
    }
    this.ask({ action: 'plan' }, '保存月卡方案', false);
  },
  ask(pending: Pending, title: string, danger: boolean) {
    this.setData({
      pending,
      dialogTitle: title,
      dialogDanger: danger,
      dialogShow: true,
      actionError: '',
    });
  },
  onDialogCancel() {
    this.setData({ dialogShow: false, pending: undefined });
  },
  async onDialogConfirm(e: WechatMiniprogram.CustomEvent<ReasonConfirmDetail>) {
    const pending = this.data.pending;
    if (!pending || this.data.busy) return;
    const reason = e.detail.reason;
    const { lotId, form } = this.data;
    this.setData({ busy: true });
    try {
      if (pending.action === 'issue') {
        const plates = splitPlates(this.data.platesText);
        const issued = await passAdminApi.issue(lotId, this.data.planId, plates, reason);
        this.setData({ notice: `已开通，有效期至 ${issued.pass.endText}`, platesText: '' });
      } else if (pending.action === 'revoke') {
        await passAdminApi.revoke(pending.passId, reason);
        this.setData({ notice: '月卡已作废' });
      } else {
        const id = `${lotId}-p${this.data.plans.length + 1}`.slice(0, 30);
        await passAdminApi.savePlan(
          {
            id,
            lotId,
            name: form.name.trim(),
            period: { kind: form.period } as PassPeriod,
            price: yuanToFen(form.price) as number,
            spaces: Number(form.spaces),
            maxPlates: Number(form.maxPlates),
            graceDays: Number(form.graceDays),
            online: form.online,
            active: true,
          },
          reason,
        );
        this.setData({ notice: '方案已保存', 'form.name': '', 'form.price': '' });
      }
      this.setData({ dialogShow: false, pending: undefined });
      await this.load();
    } catch (error) {
      this.setData({ dialogShow: false, pending: undefined, actionError: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
