import type { Input, Tap } from '../events';
import { operatorApi } from '../../../services/operator-api';
import type { OperatorRole } from '../../../services/operator-types';
import { ROLE_TEXT, errorText, outcomeText } from '../../../services/operator-view';

// The shape core/parking/primitives.ts accepts.
const OPENID = /^[A-Za-z0-9_-]{1,32}$/;

function confirm(content: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '请确认',
      content,
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

// The people who run a lot (owner only): grant a role by openid, revoke one. The server keeps
// the lot from losing its last owner.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    operators: [] as Array<{ openid: string; roleText: string; self: boolean }>,
    openid: '',
    role: 'operator' as OperatorRole,
    roles: (['operator', 'owner'] as const).map((role) => ({ role, text: ROLE_TEXT[role] })),
    busy: false,
    notice: '',
    actionError: '',
  },
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
    void this.load();
  },
  async load() {
    try {
      const { operators } = await operatorApi.operators(this.data.lotId);
      this.setData({
        status: 'ready',
        operators: operators.map((o) => ({
          openid: o.openid,
          roleText: ROLE_TEXT[o.role],
          self: o.self,
        })),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onOpenidInput(e: Input) {
    this.setData({ openid: e.detail.value });
  },
  onPickRole(e: Tap<{ role: OperatorRole }>) {
    this.setData({ role: e.currentTarget.dataset.role });
  },
  async onGrant() {
    const openid = this.data.openid.trim();
    if (!OPENID.test(openid)) {
      this.setData({ actionError: '请填写对方的 openid（在对方“我的”页面可复制）', notice: '' });
      return;
    }
    await this.act(async () => {
      const result = await operatorApi.grant(this.data.lotId, openid, this.data.role);
      this.setData({ openid: '' });
      return `授权${ROLE_TEXT[this.data.role]}：${outcomeText(result.outcome)}`;
    });
  },
  async onRevoke(e: Tap<{ openid: string }>) {
    const openid = e.currentTarget.dataset.openid;
    if (!(await confirm(`撤销 ${openid} 对本停车场的管理权限？`))) return;
    await this.act(async () => {
      const result = await operatorApi.revoke(this.data.lotId, openid);
      return `撤销：${outcomeText(result.outcome)}`;
    });
  },
  async act(run: () => Promise<string>) {
    if (this.data.busy) return;
    this.setData({ busy: true, notice: '', actionError: '' });
    try {
      const notice = await run();
      this.setData({ notice });
      await this.load();
    } catch (error) {
      this.setData({ actionError: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
