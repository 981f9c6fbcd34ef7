/**
 * What op.sessions.preview answers (the contract's EndPreview): what finish or cancel would
 * charge and return now, or why it is not possible.
 */
import type { EndPreview } from '../../server/contract';

export type { EndPreview };

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** The sentence the dialog shows above the reason: the amounts, before anything is typed. */
export function previewText(p: EndPreview): string {
  if (!p.possible) return p.whyNot ?? '';
  const parts: string[] = [];
  if (p.action === 'finish') {
    if (p.fromFreeze > 0) {
      parts.push(`将从冻结金额收取停车费 ${yuan(p.fromFreeze)}`);
      parts.push(`退回 ${yuan(p.returned)}`);
    } else if (p.returned > 0) {
      parts.push(`无应收停车费，冻结的 ${yuan(p.returned)} 全部退回`);
    } else if (p.due === 0) {
      parts.push('无应收停车费');
    } else {
      parts.push(`当前应付 ${yuan(p.due)}`);
    }
    if (p.waived > 0) parts.push(`${yuan(p.waived)} 将不再收取`);
  } else {
    parts.push('不收取任何费用');
    if (p.returned > 0) parts.push(`退回冻结金额 ${yuan(p.returned)}`);
    if (p.waived > 0) parts.push(`应付的 ${yuan(p.waived)} 将不再收取`);
  }
  return `${parts.join('，')}。`;
}
