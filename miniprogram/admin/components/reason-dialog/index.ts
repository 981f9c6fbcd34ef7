import { REASON_MAX, reasonProblem } from '../../../services/operator-view';

/** Detail of `confirm`: the reason as typed, trimmed, 1 to 200 characters. */
export interface ReasonConfirmDetail {
  reason: string;
}

// Every operator action on money or a gate carries a reason (the server audits it): this dialog
// asks for one and refuses to confirm without it.
Component({
  properties: {
    show: { type: Boolean, value: false },
    title: { type: String, value: '' },
    confirmText: { type: String, value: '确定' },
    busy: { type: Boolean, value: false },
    /** What the action will do (amounts), shown above the reason before anything is typed. */
    summary: { type: String, value: '' },
    /** A destructive action: the confirm button is red (TDesign theme="danger"). */
    danger: { type: Boolean, value: false },
  },
  data: { reason: '', count: 0, problem: '', max: REASON_MAX },
  observers: {
    show(show: boolean) {
      if (show) this.setData({ reason: '', count: 0, problem: '' });
    },
  },
  methods: {
    onInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const reason = e.detail.value;
      this.setData({ reason, count: reason.length, problem: '' });
    },
    onConfirm() {
      if (this.data.busy) return;
      const problem = reasonProblem(this.data.reason);
      if (problem) {
        this.setData({ problem });
        return;
      }
      const detail: ReasonConfirmDetail = { reason: this.data.reason.trim() };
      this.triggerEvent('confirm', detail);
    },
    onCancel() {
      this.triggerEvent('cancel', {});
    },
  },
});
