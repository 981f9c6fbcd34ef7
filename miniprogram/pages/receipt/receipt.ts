import { sessionDetail } from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import { queryValue, type PageQuery } from '../../services/driver-query';
import { pageOfSession } from '../../services/driver-scene';
import type { SessionView } from '../../services/driver-types';
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
    } catch (error) {
      this.setData({ error: errorText(error) });
    }
  },

  onContinue() {
    if (this._session) void navigateTo(pageOfSession({ ...this._session, final: false }));
  },
});
