import type { Session } from '../../core/parking/session';
import { formatChinaTimeOfDay } from '../../core/parking/china-time';
import type { ApiContext } from '../parking/api/context';
import { loadLot } from '../parking/places';
import { chinaDateOf } from './china-dates';
import { csvText, yuan } from './csv';
import { type Movement, type MovementKind, moneyMovements } from './money';
import { revenueSessions } from './revenue';
import { type ArrearsOrderDoc, recoveredOn } from '../arrears/orders';
import type { PassOrderDoc } from '../passes/store';
import { passSalesBetween } from './pass-sales';

/**
 * The payments of a day or a range as CSV for the operator's bookkeeping: one line per money
 * movement, dated as revenue dates it (server/operator/money.ts), arrears recovered and pass sales
 * included, so the totals line equals revenue's totals plus its pass sales for the same lots and
 * days: all the platform took.
 */
export interface PaymentLine {
  lotName: string;
  sessionId: string;
  plate: string;
  /**
   * `arrears`: a pay of roadside arrears (issue 14), its session the stay that owed them.
   * `pass`: a pass sale (issue 13), its "session" the pass.
   */
  move: Omit<Movement, 'kind'> & { kind: MovementKind | 'arrears' | 'pass' };
}

const KIND_TEXT: Record<PaymentLine['move']['kind'], string> = {
  pay: '支付',
  finish: '预付完成',
  cancel: '预付退回',
  settle: '到期平台结算',
  arrears: '欠费追缴',
  pass: '月卡销售',
};

/** A paid pay order (arrears, a pass sale): one `pay`, all of it moved when it was paid. */
function orderLine(
  lotName: string,
  ref: { sessionId: string; plate: string; kind: 'arrears' | 'pass' },
  order: ArrearsOrderDoc | PassOrderDoc,
): PaymentLine {
  const move = {
    at: order.paidAt ?? order.createdAt,
    kind: ref.kind,
    reqsn: order._id,
    ...(order.trxid !== undefined && { trxid: order.trxid }),
    charged: order.amount,
    returned: 0,
    aip: order.aip ?? 0,
  };
  return { lotName, sessionId: ref.sessionId, plate: ref.plate, move };
}

/** A paid arrears order as an export line: the stay that owed them in the session column. */
export const arrearsLine = (lotName: string, order: ArrearsOrderDoc) =>
  orderLine(lotName, { sessionId: order.arrearsId, plate: order.plate, kind: 'arrears' }, order);

/** A pass sale as an export line: the pass in the session column, its plates joined. */
export const passSaleLine = (lotName: string, order: PassOrderDoc) =>
  orderLine(
    lotName,
    { sessionId: order.passId, plate: order.plates.join(' '), kind: 'pass' },
    order,
  );

export const CSV_HEADER = [
  '日期',
  '时间',
  '停车场',
  '车牌',
  '停车记录',
  '类型',
  '交易单号',
  '平台流水号',
  '收费(元)',
  '退回(元)',
  '手续费(元)',
  '净收入(元)',
] as const;

export function paymentLines(
  lots: ReadonlyArray<{ name: string; sessions: readonly Session[] }>,
  start: number,
  end: number,
  extra: readonly PaymentLine[] = [],
): PaymentLine[] {
  const lines: PaymentLine[] = [...extra];
  for (const lot of lots) {
    for (const s of lot.sessions) {
      for (const move of moneyMovements(s)) {
        if (move.at < start || move.at >= end) continue;
        lines.push({ lotName: lot.name, sessionId: s.id, plate: s.plate, move });
      }
    }
  }
  return lines.sort(
    (a, b) =>
      a.move.at - b.move.at || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
  );
}

export function paymentsCsv(lines: readonly PaymentLine[]): string {
  const sum = { charged: 0, returned: 0, aip: 0 };
  const rows: Array<Array<string | number>> = [[...CSV_HEADER]];
  for (const { lotName, sessionId, plate, move } of lines) {
    sum.charged += move.charged;
    sum.returned += move.returned;
    sum.aip += move.aip;
    rows.push([
      chinaDateOf(move.at),
      formatChinaTimeOfDay(move.at),
      lotName,
      plate,
      sessionId,
      KIND_TEXT[move.kind],
      move.reqsn ?? '',
      move.trxid ?? '',
      yuan(move.charged),
      yuan(move.returned),
      yuan(move.aip),
      yuan(move.charged - move.aip),
    ]);
  }
  rows.push([
    `合计（${lines.length} 笔）`,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    yuan(sum.charged),
    yuan(sum.returned),
    yuan(sum.aip),
    yuan(sum.charged - sum.aip),
  ]);
  return csvText(rows);
}

export function exportFileName(from: string, to: string): string {
  return from === to ? `payments-${from}.csv` : `payments-${from}_${to}.csv`;
}

export async function exportPayments(
  ctx: ApiContext,
  input: { lotIds: string[]; from: string; to: string },
): Promise<{ from: string; to: string; fileName: string; lines: number; csv: string }> {
  const { start, end, days, byLot } = await revenueSessions(ctx, input);
  const lots = [];
  // Pay orders (arrears, pass sales): one line each, beside the sessions' movements.
  const recovered: PaymentLine[] = [];
  for (const [lotId, sessions] of byLot) {
    const lot = await loadLot(ctx.deps.db, lotId).catch(() => undefined);
    lots.push({ name: lot?.name ?? lotId, sessions });
    for (const date of days) {
      for (const order of await recoveredOn(ctx.deps.db, lotId, date)) {
        recovered.push(arrearsLine(lot?.name ?? lotId, order));
      }
    }
    for (const order of await passSalesBetween(ctx.deps.db, lotId, start, end)) {
      recovered.push(passSaleLine(lot?.name ?? lotId, order));
    }
  }
  const lines = paymentLines(lots, start, end, recovered);
  return {
    from: input.from,
    to: input.to,
    fileName: exportFileName(input.from, input.to),
    lines: lines.length,
    csv: paymentsCsv(lines),
  };
}
