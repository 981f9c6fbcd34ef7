import { merchantPageOf, merchantSceneOf } from '../../services/merchant-scene';
import { sessionCardView, type SessionCardView } from '../../components/session-card/view';
import { type ArrearsItemView, arrearsView } from '../../services/arrears-view';
import { payArrearsForNotice } from '../../services/arrears-payment';
import { myArrears, mySessions, resolveScene } from '../../services/driver-api';
import { errorText } from '../../services/driver-format';
import {
  destinationOf,
  pageOfSession,
  sceneFromLaunch,
  sceneFromScan,
} from '../../services/driver-scene';
import { inviteCodeOfScene } from '../../services/invitation-code';
import type { SessionView } from '../../services/driver-types';
import { navigateTo, scanCode, toast } from '../../services/driver-wx';

// Home: scan a code, see the live session, open the history. Also the page a QR code launches
// (`scene` of a mini-program code, `q` of a printed code).
Page({
  data: {
    live: [] as SessionCardView[],
    arrears: [] as ArrearsItemView[],
    arrearsTotal: '',
    /** The arrears being paid ('' when none), and what the last payment came to. */
    payingId: '',
    arrearsNotice: '',
    arrearsTone: 'ok' as 'ok' | 'info' | 'error',
    busy: false,
    error: '',
  },
  _live: [] as SessionView[],

  onLoad(query: Record<string, string | undefined>) {
    const scene = sceneFromLaunch(query);
    if (scene) void this.openScene(scene);
  },

  onShow() {
    void this.loadLive();
    void this.loadArrears();
  },

  async loadLive() {
    try {
      const { live } = await mySessions({ limit: 10 });
      this._live = live;
      this.setData({ live: live.map(sessionCardView) });
    } catch {
      // The home page still works without the list: scanning needs none of it.
    }
  },

  /** Roadside stays left unpaid by the driver's remembered plates (paid here, onPayArrears). */
  async loadArrears() {
    try {
      const view = arrearsView(await myArrears());
      this.setData({ arrears: view.items, arrearsTotal: view.total });
    } catch {
      // Like the live list: the home page works without it.
    }
  },

  async onPayArrears(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (this.data.payingId !== '' || !id) return;
    this.setData({ payingId: id, arrearsNotice: '' });
    const { text, tone } = await payArrearsForNotice(id, errorText);
    this.setData({ payingId: '', arrearsNotice: text, arrearsTone: tone });
    await this.loadArrears();
  },

  async onScan() {
    if (this.data.busy) return;
    const scanned = await scanCode();
    if (!scanned) return;
    await this.openScene(sceneFromScan(scanned));
  },

  async openScene(scene: string) {
    // An invitation to run a lot (operator area) is accepted on its own page.
    const invite = inviteCodeOfScene(scene);
    if (invite) return void navigateTo(`/admin/join/index?code=${invite}`);
    // A merchant's QR: staff invitation or a discount for the driver's car (issue 14).
    const merchant = merchantSceneOf(scene);
    if (merchant) return void navigateTo(merchantPageOf(merchant));
    this.setData({ busy: true, error: '' });
    try {
      // Fresh live sessions: at an exit, the driver's one session there skips the plate entry.
      const [found] = await Promise.all([resolveScene(scene), this.loadLive()]);
      await navigateTo(destinationOf(found, this._live));
    } catch (error) {
      this.setData({ error: errorText(error) });
      toast(errorText(error));
    } finally {
      this.setData({ busy: false });
    }
  },

  onOpenSession(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    const session = this._live.find((s) => s.id === e.detail.id);
    if (session) void navigateTo(pageOfSession(session));
  },

  onMySessions() {
    void navigateTo('/pages/sessions/sessions');
  },
  onMyPasses() {
    void navigateTo('/pages/passes/passes');
  },
});
