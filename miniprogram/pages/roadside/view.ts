import { chinaTime, duration, money } from '../../services/driver-format';
import type {
  Quote,
  SessionDetail,
  SessionView,
  SpotView,
  TariffView,
} from '../../services/driver-types';
import type { TagTheme } from '../../services/tag-theme';

export interface SpotRowView {
  id: string;
  name: string;
  statusText: string;
  tone: TagTheme;
  bookable: boolean;
  focus: boolean;
}

const STATUS: Record<SpotView['status'], { text: string; tone: SpotRowView['tone'] }> = {
  free: { text: '空闲', tone: 'success' },
  booked: { text: '已预订', tone: 'warning' },
  occupied: { text: '占用', tone: 'default' },
};

export function spotRowView(spot: SpotView, focusId: string): SpotRowView {
  const status = STATUS[spot.status];
  return {
    id: spot.id,
    name: spot.name,
    statusText: spot.mine ? '我的' : status.text,
    tone: spot.mine ? 'primary' : status.tone,
    bookable: spot.status === 'free',
    focus: spot.id === focusId,
  };
}

/** The price lines of a roadside tariff. */
export function priceLines(tariff: TariffView | undefined): string[] {
  if (!tariff) return [];
  const unit =
    tariff.unitMinutes % 60 === 0
      ? `${tariff.unitMinutes / 60} 小时`
      : `${tariff.unitMinutes} 分钟`;
  const lines = tariff.periods.map((p) => `${p.label} 每 ${unit} ${money(p.pricePerUnit)}`);
  if (tariff.freeMinutes > 0) lines.push(`${tariff.freeMinutes} 分钟内免费`);
  if (tariff.capPer24h !== null) lines.push(`24 小时最多收 ${money(tariff.capPer24h)}`);
  if (tariff.bookingFee > 0)
    lines.push(`预订费 ${money(tariff.bookingFee)}，保留 ${tariff.bookingHoldMinutes} 分钟`);
  return lines;
}

export type MyActionKind = 'arrive' | 'cancel' | 'leave' | 'pay';

export interface MySpotView {
  sessionId: string;
  spotName: string;
  plate: string;
  stateLabel: string;
  startLabel: string;
  start: string;
  duration: string;
  fee: string;
  due: string;
  frozenLeft: string;
  holdUntil: string;
  actions: Array<{
    kind: MyActionKind;
    label: string;
    /** t-button's look: the one that undoes is red and outlined. */
    theme: 'primary' | 'danger';
    variant: 'base' | 'outline';
  }>;
}

function actionsOf(state: string): MySpotView['actions'] {
  switch (state) {
    case 'booked':
      return [
        { kind: 'arrive', label: '已到达', theme: 'primary', variant: 'base' },
        { kind: 'cancel', label: '取消预订', theme: 'danger', variant: 'outline' },
      ];
    case 'awaiting_prepay':
      return [{ kind: 'pay', label: '继续支付预付', theme: 'primary', variant: 'base' }];
    case 'parked':
    case 'open':
    case 'awaiting_payment':
    case 'paid':
      return [{ kind: 'leave', label: '离开', theme: 'primary', variant: 'base' }];
    default:
      return [];
  }
}

export function mySpotView(detail: SessionDetail, spotName: string): MySpotView {
  const s = detail.receipt.session;
  const q = detail.quote;
  const arrived = s.arrivedAt !== undefined;
  return {
    sessionId: s.id,
    spotName,
    plate: s.plate,
    stateLabel: s.stateLabel,
    startLabel: arrived ? '到达时间' : '预订时间',
    start: chinaTime(s.arrivedAt ?? s.inTime),
    duration: duration(q ? q.durationSeconds : detail.receipt.durationSeconds),
    fee: money(q ? q.fee : detail.receipt.parkingFee),
    due: money(q ? q.due : 0),
    frozenLeft: s.amounts.frozenLeft > 0 ? money(s.amounts.frozenLeft) : '',
    holdUntil: s.state === 'booked' && s.holdUntil !== undefined ? chinaTime(s.holdUntil) : '',
    actions: actionsOf(s.state),
  };
}

/**
 * What 离开 will do, asked before it is done: the fee, what the freeze settles and returns, and
 * any balance to pay in WeChat.
 */
export function leaveQuestion(quote: Quote | undefined): string {
  if (!quote) return '确认离开后将按停车费结算，车位释放。';
  const s = quote.settlement;
  if (!s) return `当前停车费 ${money(quote.due)}，确认离开后车位释放。`;
  const balance = s.balance > 0 ? `，超出冻结的 ${money(s.balance)} 需微信支付` : '';
  return `停车费 ${money(quote.due)}：从冻结金额中结算 ${money(s.fromFreeze)}，退回 ${money(s.returned)}${balance}。确认离开后车位释放。`;
}

/** What 离开 did: charged in all (booking fee included) and returned from the freeze. */
export function leaveResult(session: SessionView): string {
  const a = session.amounts;
  const booking = a.bookingFee > 0 ? `（含预订费 ${money(a.bookingFee)}）` : '';
  return `已结算：共收取 ${money(a.paid + a.finished)}${booking}，退回 ${money(a.returned)}`;
}
