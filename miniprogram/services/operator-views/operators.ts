// Operators of a lot (admin/operators): the invitations sent.
import type { Invitation } from '../operator-types';
import { ROLE_TEXT, timeText } from './common';

const INVITATION_STATE_TEXT: Record<Invitation['state'], string> = {
  open: '待接受',
  used: '已接受',
  revoked: '已撤销',
  expired: '已过期',
};

export function invitationRow(inv: Invitation) {
  const state =
    inv.state === 'used' && inv.usedName
      ? `${inv.usedName} 已接受（${timeText(inv.usedAt)}）`
      : inv.state === 'open'
        ? `待接受，有效期至 ${timeText(inv.expiresAt)}`
        : INVITATION_STATE_TEXT[inv.state];
  return {
    code: inv.code,
    title: `${ROLE_TEXT[inv.role]}邀请 ${inv.code}`,
    stateText: state,
    open: inv.state === 'open',
  };
}
