import type { Detail, Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import type { SessionActionResult, SessionDetail } from '../../services/operator-types';
import {
  anomalyRows,
  callRows,
  errorText,
  historyRows,
  outcomeText,
  platformRows,
  sessionFacts,
  timeText,
} from '../../services/operator-view';
import { type EndPreview, previewText } from '../../services/operator-preview';

type Action = 'finish' | 'cancel' | 'resolve' | 'open';

const ACTION_TEXT: Record<Action, { title: string; confirm: string; done: string }> = {
  finish: { title: '结束停车', confirm: '结束', done: '结束停车' },
  cancel: { title: '取消停车（不收费）', confirm: '取消停车', done: '取消停车' },
  resolve: { title: '标记异常已处理', confirm: '已处理', done: '异常处理' },
  open: { title: '开闸放行', confirm: '开闸', done: '开闸' },
};

// One session as the server and the platform know it, and what an operator may do to it:
// finish, cancel, open a gate, mark anomalies dealt with — each with a reason, each result shown.
Page({
  data: {
    id: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    plate: '',
    stateLabel: '',
    facts: [] as Array<{ label: string; value: string }>,
    anomalies: [] as ReturnType<typeof anomalyRows>,
    platform: [] as ReturnType<typeof platformRows>,
    queriedAt: '',
    calls: [] as ReturnType<typeof callRows>,
    history: [] as ReturnType<typeof historyRows>,
    canFinish: false,
    canCancel: false,
    cancelNote: '',
    canResolve: false,
    gates: [] as Array<{ id: string; name: string }>,
    dialogShow: false,
    dialogTitle: '',
    dialogConfirm: '',
    dialogSummary: '',
    dialogDanger: false,
    action: 'finish' as Action,
    gateToOpen: '',
    busy: false,
    notice: '',
    actionError: '',
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: decodeURIComponent(query.id ?? '') });
    void this.load();
  },
  async load() {
    try {
      const detail = await operatorApi.session(this.data.id);
      this.show(detail);
      await this.loadCancel(detail);
      await this.loadGates(detail);
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  show(detail: SessionDetail) {
    const s = detail.session;
    this.setData({
      status: 'ready',
      message: '',
      plate: s.plate,
      stateLabel: s.stateLabel,
      facts: sessionFacts(detail),
      anomalies: anomalyRows(detail.anomalies),
      platform: platformRows(detail.platform),
      queriedAt: timeText(detail.queriedAt),
      calls: callRows(detail.calls),
      history: historyRows(detail.history),
      canFinish: s.actions.includes('finish'),
      canCancel: s.actions.includes('cancel'),
      canResolve: s.flagged,
    });
  },
  /** Whether cancel is possible now, and why not: said on the page before any reason is asked. */
  async loadCancel(detail: SessionDetail) {
    if (detail.session.final) {
      this.setData({ cancelNote: '' });
      return;
    }
    const preview = await this.preview('cancel');
    if (!preview) return;
    this.setData({
      canCancel: preview.canCancel,
      cancelNote: preview.canCancel ? '' : `无法取消停车：${preview.cancelWhyNot ?? ''}`,
    });
  },
  async preview(action: 'finish' | 'cancel'): Promise<EndPreview | undefined> {
    try {
      return await operatorApi.preview(this.data.id, action);
    } catch {
      // Without a preview the dialog still asks; the server decides as before.
      return undefined;
    }
  },
  /** The gates a car of this session leaves by: the lot's exits (none at the roadside). */
  async loadGates(detail: SessionDetail) {
    const s = detail.session;
    if (s.spotId !== undefined || s.final) {
      this.setData({ gates: [] });
      return;
    }
    try {
      const { gates } = await operatorApi.gates(s.lotId);
      const exits = gates.filter((g) => g.kind === 'exit');
      const usable = exits.length > 0 ? exits : gates.filter((g) => g.kind !== 'paystation');
      this.setData({ gates: usable.map((g) => ({ id: g.id, name: g.name })) });
    } catch {
      // Without the gate list there is nothing to open; the rest of the page stands.
      this.setData({ gates: [] });
    }
  },
  /**
   * Finish and cancel first ask the server what they would do: the amounts go in the dialog, and
   * an action that is not possible says why instead of asking for a reason.
   */
  async ask(action: Action, gateToOpen = '') {
    const text = ACTION_TEXT[action];
    const gate = this.data.gates.find((g) => g.id === gateToOpen);
    let summary = '';
    if (action === 'finish' || action === 'cancel') {
      const preview = await this.preview(action);
      if (preview && !preview.possible) {
        this.setData({ notice: '', actionError: `无法${text.done}：${preview.whyNot ?? ''}` });
        return;
      }
      summary = preview ? previewText(preview) : '';
    }
    this.setData({
      action,
      gateToOpen,
      dialogShow: true,
      dialogTitle: gate ? `${text.title}：${gate.name}` : text.title,
      dialogConfirm: text.confirm,
      dialogSummary: summary,
      dialogDanger: action === 'finish' || action === 'cancel',
      notice: '',
      actionError: '',
    });
  },
  onFinish() {
    return this.ask('finish');
  },
  onCancelSession() {
    return this.ask('cancel');
  },
  onResolve() {
    return this.ask('resolve');
  },
  onOpenGate(e: Tap<{ id: string }>) {
    return this.ask('open', e.currentTarget.dataset.id);
  },
  onDialogCancel() {
    this.setData({ dialogShow: false });
  },
  async onDialogConfirm(e: Detail<{ reason: string }>) {
    const { action, id, gateToOpen } = this.data;
    const reason = e.detail.reason;
    this.setData({ busy: true });
    try {
      let result: Pick<SessionActionResult, 'outcome'>;
      if (action === 'finish') result = await operatorApi.finish(id, reason);
      else if (action === 'cancel') result = await operatorApi.cancel(id, reason);
      else if (action === 'resolve') result = await operatorApi.resolve(id, reason);
      else result = await operatorApi.openGate(gateToOpen, reason, id);
      this.setData({
        dialogShow: false,
        notice: `${ACTION_TEXT[action].done}：${outcomeText(result.outcome)}`,
      });
      await this.load();
    } catch (error) {
      this.setData({ dialogShow: false, actionError: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
