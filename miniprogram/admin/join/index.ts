import type { Input } from '../events';
import { codeFrom } from '../../services/invitation-code';
import { operatorApi } from '../../services/operator-api';
import type { InvitationPeek } from '../../services/operator-types';
import { ROLE_TEXT, errorText, timeText } from '../../services/operator-view';

const STATE_TEXT: Record<InvitationPeek['state'], string> = {
  open: '',
  used: '该邀请已被使用',
  revoked: '该邀请已被撤销',
  expired: '该邀请已过期，请联系所有者重新邀请',
};

// The invitee's side of an invitation: opened from its QR code (scene i:<code>) or by typing the
// code. The server takes who accepts from the cloud identity; the invitee only gives a name.
Page({
  data: {
    code: '',
    codeInput: '',
    name: '',
    status: 'enter' as 'enter' | 'loading' | 'ready' | 'done',
    invitation: undefined as
      (InvitationPeek & { roleText: string; expiresText: string }) | undefined,
    blocked: '',
    error: '',
    busy: false,
    done: '',
  },
  onLoad(query: Record<string, string | undefined>) {
    const code = codeFrom(query.code ?? query.scene ?? '');
    if (code) void this.open(code);
  },
  onCodeInput(e: Input) {
    this.setData({ codeInput: e.detail.value });
  },
  onNameInput(e: Input) {
    this.setData({ name: e.detail.value });
  },
  async onLookUp() {
    const code = codeFrom(this.data.codeInput);
    if (!code) {
      this.setData({ error: '邀请码为 10 位字母或数字，请核对' });
      return;
    }
    await this.open(code);
  },
  async open(code: string) {
    this.setData({ code, status: 'loading', error: '' });
    try {
      const inv = await operatorApi.peekInvitation(code);
      const blocked = inv.myRole
        ? `您已是该停车场的${ROLE_TEXT[inv.myRole]}`
        : STATE_TEXT[inv.state];
      this.setData({
        status: 'ready',
        invitation: { ...inv, roleText: ROLE_TEXT[inv.role], expiresText: timeText(inv.expiresAt) },
        blocked,
      });
    } catch (error) {
      this.setData({ status: 'enter', error: errorText(error) });
    }
  },
  async onAccept() {
    if (this.data.busy || !this.data.invitation) return;
    const name = this.data.name.trim();
    if (name === '' || name.length > 20) {
      this.setData({ error: '请填写您的称呼（1 到 20 个字），同事将看到这个名字' });
      return;
    }
    this.setData({ busy: true, error: '' });
    try {
      const result = await operatorApi.acceptInvitation(this.data.code, name);
      this.setData({
        status: 'done',
        done: `您已成为「${result.lotName}」的${ROLE_TEXT[result.role]}`,
      });
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
  onOpenAdmin() {
    void wx.redirectTo({ url: '/admin/index/index' });
  },
});
