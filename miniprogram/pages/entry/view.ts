import { chinaTime, duration, money } from '../../services/driver-format';
import type { LotView, SessionView, TariffView } from '../../services/driver-types';

/** A prepay at an entry gate, a plain check-in (pay at the exit), or a roadside booking. */
export type EntryMode = 'prepay' | 'checkin' | 'book';

export interface EntryTerms {
  title: string;
  actionLabel: string;
  /** Lines that say what is frozen, until when and what comes back. */
  terms: string[];
}

function noShowText(tariff: TariffView): string {
  switch (tariff.noShow.kind) {
    case 'none':
      return '超时未到达：自动取消，冻结金额全额退回';
    case 'fixed':
      return `超时未到达：收取爽约费 ${money(tariff.noShow.amount)}，其余退回`;
    default:
      return `超时未到达：收取预订费 ${money(tariff.bookingFee)}，其余退回`;
  }
}

export function entryTermsOf(mode: EntryMode, lot: LotView, tariff?: TariffView): EntryTerms {
  const freeze = money(lot.prepay.freezeAmount);
  const freezeFor = duration(lot.prepay.freezeSeconds);
  if (mode === 'checkin') {
    return {
      title: '入场登记',
      actionLabel: '确认入场',
      terms: ['入场不收费，离场时扫描出口二维码按实际停车时长缴费'],
    };
  }
  if (mode === 'prepay') {
    return {
      title: '入场预付',
      actionLabel: `预付 ${freeze} 并入场`,
      terms: [
        `冻结 ${freeze}（微信支付预授权，冻结不等于扣款）`,
        `冻结有效期 ${freezeFor}，离场时结算`,
        '离场时按实际停车费从冻结金额中扣除，剩余部分原路退回',
      ],
    };
  }
  const terms = [`冻结 ${freeze}（预订押金，冻结不等于扣款）`];
  if (tariff) {
    terms.push(
      `车位为您保留 ${tariff.bookingHoldMinutes} 分钟，请在此期间到达并点击「已到达」`,
      tariff.bookingFee > 0 ? `到达时收取预订费 ${money(tariff.bookingFee)}` : '预订不收预订费',
      noShowText(tariff),
    );
  }
  terms.push('离开时按停车费结算，剩余部分原路退回；到达前取消，冻结金额全额退回');
  return { title: '预订车位', actionLabel: `预付 ${freeze} 并预订`, terms };
}

/** After the start: what the driver holds now. */
export function entryDoneLines(session: SessionView): string[] {
  const lines: string[] = [];
  if (session.amounts.frozenLeft > 0) {
    lines.push(`已冻结 ${money(session.amounts.frozenLeft)}`);
  }
  if (session.endTime !== undefined && session.amounts.frozenLeft > 0) {
    lines.push(`冻结至 ${chinaTime(session.endTime)}，到期前离场结算，余额原路退回`);
  }
  if (session.holdUntil !== undefined && session.state === 'booked') {
    lines.push(`车位保留至 ${chinaTime(session.holdUntil)}`);
  }
  return lines;
}
