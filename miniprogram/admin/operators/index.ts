import type { Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import { QrSaveError, previewQr } from '../../services/operator-qr-file';
import type { InvitationMade, OperatorRole } from '../../services/operator-types';
import {
  ROLE_TEXT,
  errorText,
  invitationRow,
  outcomeText,
  timeText,
} from '../../services/operator-view';

function confirm(content: string, confirmText = '确定'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '请确认',
      content,
      confirmText,
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

const VALIDITY = [
  { hours: 24, text: '1 天' },
  { hours: 72, text: '3 天' },
  { hours: 168, text: '7 天' },
];

// The people who run a lot (owner only). Newcomers join with a one-time invitation (code or QR)
// they open in the mini-program themselves, so nobody types an openid; roles can be changed and
// removed here. The server keeps the lot from losing its last owner.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    operators: [] as Array<{
      openid: string;
      name: string;
      role: OperatorRole;
      roleText: string;
      otherRoleText: string;
      self: boolean;
    }>,
    invitations: [] as Array<ReturnType<typeof invitationRow>>,
    role: 'operator' as OperatorRole,
    roles: (['operator', 'owner'] as const).map((role) => ({ role, text: ROLE_TEXT[role] })),
    hours: 72,
    validity: VALIDITY,
    made: undefined as (InvitationMade & { roleText: string; expiresText: string }) | undefined,
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
      const [{ operators }, { invitations }] = await Promise.all([
        operatorApi.operators(this.data.lotId),
        operatorApi.invitations(this.data.lotId),
      ]);
      this.setData({
        status: 'ready',
        operators: operators.map((o) => ({
          openid: o.openid,
          name: o.name,
          role: o.role,
          roleText: ROLE_TEXT[o.role],
          otherRoleText: ROLE_TEXT[o.role === 'owner' ? 'operator' : 'owner'],
          self: o.self,
        })),
        invitations: invitations.map(invitationRow),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onPickRole(e: Tap<{ role: OperatorRole }>) {
    this.setData({ role: e.currentTarget.dataset.role });
  },
  onPickValidity(e: Tap<{ hours: number }>) {
    this.setData({ hours: Number(e.currentTarget.dataset.hours) });
  },
  async onInvite() {
    await this.act(async () => {
      const made = await operatorApi.invite(this.data.lotId, this.data.role, this.data.hours);
      this.setData({
        made: {
          ...made,
          roleText: ROLE_TEXT[made.invitation.role],
          expiresText: timeText(made.invitation.expiresAt),
        },
      });
      return `已生成${ROLE_TEXT[made.invitation.role]}邀请，请让对方在小程序中扫码或输入邀请码`;
    });
  },
  async onPreviewInvite() {
    const made = this.data.made;
    if (!made) return;
    try {
      await previewQr(made.image, `invite-${made.invitation.code}`);
    } catch (error) {
      const title = error instanceof QrSaveError ? error.message : '无法打开图片';
      wx.showToast({ title, icon: 'none' });
    }
  },
  onCopyCode() {
    const made = this.data.made;
    if (made) wx.setClipboardData({ data: made.invitation.code });
  },
  async onRevokeInvitation(e: Tap<{ code: string }>) {
    const code = e.currentTarget.dataset.code;
    if (!(await confirm(`撤销邀请码 ${code}？撤销后对方将无法使用。`, '撤销'))) return;
    await this.act(async () => {
      const result = await operatorApi.revokeInvitation(code);
      if (this.data.made?.invitation.code === code) this.setData({ made: undefined });
      return `撤销邀请：${outcomeText(result.outcome)}`;
    });
  },
  async onChangeRole(e: Tap<{ openid: string }>) {
    const person = this.data.operators.find((o) => o.openid === e.currentTarget.dataset.openid);
    if (!person) return;
    const role: OperatorRole = person.role === 'owner' ? 'operator' : 'owner';
    if (!(await confirm(`将 ${person.name} 设为${ROLE_TEXT[role]}？`))) return;
    await this.act(async () => {
      const result = await operatorApi.grant(this.data.lotId, person.openid, role);
      return `${person.name} 设为${ROLE_TEXT[role]}：${outcomeText(result.outcome)}`;
    });
  },
  async onRevoke(e: Tap<{ openid: string }>) {
    const person = this.data.operators.find((o) => o.openid === e.currentTarget.dataset.openid);
    if (!person) return;
    if (!(await confirm(`移除 ${person.name} 对本停车场的管理权限？`, '移除'))) return;
    await this.act(async () => {
      const result = await operatorApi.revoke(this.data.lotId, person.openid);
      return `移除 ${person.name}：${outcomeText(result.outcome)}`;
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
