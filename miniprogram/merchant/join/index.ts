import { merchantJoinApi } from '../../services/merchant-api';
import { errorText } from '../../services/operator-view';

type Input = WechatMiniprogram.CustomEvent<{ value: string }>;

const ROLE_TEXT: Record<string, string> = { manager: '商户管理员', clerk: '商户店员' };
const BLOCKED: Record<string, string> = {
  open: '',
  used: '该邀请已被使用',
  revoked: '该邀请已被撤销',
  expired: '该邀请已过期，请联系停车场重新邀请',
};

// A merchant's staff invitation (scene m:<code>): the server takes who accepts from the cloud
// identity; the invitee only gives a name.
Page({
  data: {
    code: '',
    status: 'loading' as 'loading' | 'ready' | 'done' | 'failed',
    merchantName: '',
    roleText: '',
    blocked: '',
    name: '',
    busy: false,
    done: '',
    error: '',
  },
  async onLoad(query: Record<string, string | undefined>) {
    const code = query.code ?? '';
    this.setData({ code });
    try {
      const inv = await merchantJoinApi.peek(code);
      this.setData({
        status: 'ready',
        merchantName: inv.merchantName,
        roleText: ROLE_TEXT[inv.role] ?? inv.role,
        blocked: BLOCKED[inv.state] ?? '',
      });
    } catch (error) {
      this.setData({ status: 'failed', error: errorText(error) });
    }
  },
  onNameInput(e: Input) {
    this.setData({ name: e.detail.value });
  },
  async onAccept() {
    if (this.data.busy) return;
    const name = this.data.name.trim();
    if (name === '' || name.length > 20) {
      this.setData({ error: '请填写您的称呼（1 到 20 个字）' });
      return;
    }
    this.setData({ busy: true, error: '' });
    try {
      const r = await merchantJoinApi.accept(this.data.code, name);
      this.setData({
        status: 'done',
        done: `您已成为「${r.merchantName}」的${ROLE_TEXT[r.role] ?? r.role}`,
      });
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
  onOpenGive() {
    void wx.redirectTo({ url: '/merchant/give/index' });
  },
});
