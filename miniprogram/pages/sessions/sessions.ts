import { sessionCardView, type SessionCardView } from '../../components/session-card/view';
import { mySessions } from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import { pageOfSession } from '../../services/driver-scene';
import type { SessionView } from '../../services/driver-types';
import { navigateTo } from '../../services/driver-wx';

const PAGE_SIZE = 20;

// My sessions: the live ones first (where I can still act), then the history, page by page.
Page({
  data: {
    loaded: false,
    live: [] as SessionCardView[],
    history: [] as SessionCardView[],
    more: false,
    loading: false,
    error: '',
  },
  _sessions: {} as Record<string, SessionView>,
  _before: undefined as number | undefined,

  onShow() {
    void this.load(true);
  },

  async load(fresh: boolean) {
    if (this.data.loading) return;
    this.setData({ loading: true, error: '' });
    try {
      const page = await mySessions({
        limit: PAGE_SIZE,
        ...(!fresh && this._before !== undefined && { before: this._before }),
      });
      if (fresh) this._sessions = {};
      for (const s of [...page.live, ...page.history]) this._sessions[s.id] = s;
      this._before = page.nextBefore;
      const history = page.history.map(sessionCardView);
      this.setData({
        loaded: true,
        live: fresh ? page.live.map(sessionCardView) : this.data.live,
        history: fresh ? history : [...this.data.history, ...history],
        more: page.nextBefore !== undefined,
      });
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ loading: false });
    }
  },

  onMore() {
    void this.load(false);
  },

  onOpen(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    const session = this._sessions[e.detail.id];
    if (session) void navigateTo(pageOfSession(session));
  },
});
