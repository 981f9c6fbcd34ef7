import type { Detail } from '../../events';
import type { ReasonConfirmDetail } from '../reason-dialog/index';

/** Detail of `confirm`: the gate to open and the reason given (1 to 200 characters, trimmed). */
export interface GateOpenDetail {
  gateId: string;
  reason: string;
}

// Opening a gate by hand: 开启「name」 asks for the reason the server audits (admin-reason-dialog).
// Shown while `gateId` names a gate; the page closes it when the opening is answered or cancelled.
Component({
  properties: {
    /** The gate to open; empty: hidden. */
    gateId: { type: String, value: '' },
    gateName: { type: String, value: '' },
    busy: { type: Boolean, value: false },
  },
  methods: {
    onConfirm(e: Detail<ReasonConfirmDetail>) {
      const detail: GateOpenDetail = { gateId: this.data.gateId, reason: e.detail.reason };
      this.triggerEvent('confirm', detail);
    },
    onCancel() {
      this.triggerEvent('cancel', {});
    },
  },
});
