// A lot (admin/lot): its tariff as label–value lines.
import type { TariffView } from '../operator-types';
import { formatFen } from './common';

/** A tariff as label–value lines, in the order a driver would ask about it. */
export function tariffRows(view: TariffView): Array<{ label: string; value: string }> {
  const noShow =
    view.noShow.kind === 'none'
      ? '不收取'
      : view.noShow.kind === 'booking_fee'
        ? '收取预订费'
        : formatFen(view.noShow.amount);
  return [
    { label: '名称', value: view.name },
    {
      label: '免费时长',
      value: `${view.freeMinutes} 分钟${view.freeDeducted ? '（超时后扣除）' : ''}`,
    },
    { label: '计费单位', value: `${view.unitMinutes} 分钟` },
    ...view.periods.map((p) => ({
      label: `${p.name} ${p.label}`,
      value: `${formatFen(p.pricePerUnit)} / ${view.unitMinutes} 分钟`,
    })),
    { label: '24 小时封顶', value: view.capPer24h === null ? '不封顶' : formatFen(view.capPer24h) },
    { label: '预订费', value: formatFen(view.bookingFee) },
    { label: '预订保留', value: `${view.bookingHoldMinutes} 分钟` },
    { label: '爽约', value: noShow },
  ];
}
