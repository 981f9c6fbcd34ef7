import { chinaTime, money } from '../../services/driver-format';
import type { SessionFlow, SessionView } from '../../services/driver-types';
import type { TagTheme } from '../../services/tag-theme';

export interface SessionCardView {
  id: string;
  /** The card looks its lot's name up by it (services/lot-names). */
  lotId: string;
  plate: string;
  flowLabel: string;
  stateLabel: string;
  tone: TagTheme;
  when: string;
  amount: string;
}

const FLOW_LABEL: Record<SessionFlow, string> = {
  exit_pay: '停车场',
  entry_prepay: '停车场（入场预付）',
  roadside_booking: '路边车位',
};

function toneOf(session: SessionView): SessionCardView['tone'] {
  if (session.final) return 'default';
  if (session.pending || session.state.indexOf('awaiting') === 0) return 'warning';
  return session.state === 'paid' ? 'success' : 'primary';
}

/** A session as a card shows it; `amount` is what was charged (live: what is frozen). */
export function sessionCardView(session: SessionView): SessionCardView {
  const a = session.amounts;
  const charged = a.paid + a.finished;
  // 实付: what the driver paid; a coupon paid the rest (the receipt shows it as 优惠).
  const amount = session.final
    ? `实付 ${money(charged - Math.min(a.coupons, charged))}`
    : a.frozenLeft > 0
      ? `冻结 ${money(a.frozenLeft)}`
      : charged > 0
        ? `已付 ${money(charged)}`
        : '';
  return {
    id: session.id,
    lotId: session.lotId,
    plate: session.plate,
    flowLabel: FLOW_LABEL[session.flow],
    stateLabel: session.stateLabel,
    tone: toneOf(session),
    when: chinaTime(session.outTime ?? session.arrivedAt ?? session.inTime),
    amount,
  };
}
