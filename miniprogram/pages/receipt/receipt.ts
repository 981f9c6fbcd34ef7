import { sessionDetail } from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import { queryValue, type PageQuery } from '../../services/driver-query';
import { pageOfSession } from '../../services/driver-scene';
import type { Receipt, SessionView } from '../../services/driver-types';
import { lotNameOf } from '../../services/lot-names';
import { navigateTo } from '../../services/driver-wx';
import { receiptViewOf, type ReceiptView } from './view';

// A session's receipt: times, duration, what was charged and returned, handling fee, coupons.
Page({
  data: { view: null as ReceiptView | null, error: '' },
  _session: undefined as SessionView | undefined,

  onLoad(query: PageQuery) {
    void this.load(queryValue(query, 'sessionId'));
  },

  async load(sessionId: string) {
    try {
      const { receipt } = await sessionDetail(sessionId);
      this._session = receipt.session;
      this.setData({ view: receiptViewOf(receipt) });
      void this.nameLot(receipt);
    } catch (error) {
      this.setData({ error: errorText(error) });
    }
  },

  async nameLot(receipt: Receipt) {
    const name = await lotNameOf(receipt.session.lotId);
    if (name) this.setData({ view: receiptViewOf(receipt, name) });
  },

  onContinue() {
    if (this._session) void navigateTo(pageOfSession({ ...this._session, final: false }));
  },
});
