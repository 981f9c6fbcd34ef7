import { z } from 'zod';
import { cusid, positiveFen } from './primitives';
import { type DomainResult, refuse, succeed } from './result';

/**
 * Split receivers (分账, protocol note 10). A lot keeps a rule per receiver, not a fixed amount,
 * because fees vary: a share in basis points of each charged amount, or a fixed amount per charge.
 * The split is computed on what is actually charged: `fee` of a pay and `feeFinish` of a finish,
 * never on a prepay, because amounts split out of a freeze cannot be returned (protocol note 8).
 */
export const splitShareSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    /** 1 to 10000 (0.01 % to 100 %). */
    basisPoints: z.number().int().min(1).max(10_000),
  }),
  z.object({ kind: z.literal('fixed'), amount: positiveFen }),
]);
export type SplitShare = z.infer<typeof splitShareSchema>;

export const splitReceiverSchema = z.object({
  cusid,
  share: splitShareSchema,
});
export type SplitReceiver = z.infer<typeof splitReceiverSchema>;

export const MAX_SPLIT_RECEIVERS = 20;

export const splitRulesSchema = z
  .array(splitReceiverSchema)
  .max(MAX_SPLIT_RECEIVERS, `at most ${MAX_SPLIT_RECEIVERS} split receivers`)
  .refine((list) => new Set(list.map((r) => r.cusid)).size === list.length, {
    message: 'each split receiver may appear once',
  })
  .refine(
    (list) =>
      list.reduce((sum, r) => sum + (r.share.kind === 'percent' ? r.share.basisPoints : 0), 0) <=
      10_000,
    { message: 'percent shares must add up to at most 100 %' },
  );
export type SplitRules = z.infer<typeof splitRulesSchema>;

/** One `cusid:amount` pair of the wire field. */
export interface SplitPair {
  cusid: string;
  amount: number;
}

/**
 * The pairs for one charge of `amount` fen. Percent shares round down; every share is capped by
 * what is left, so the pairs never add up to more than the charge. Zero amounts are left out.
 */
export function computeSplit(rules: SplitRules, amount: number): SplitPair[] {
  let left = amount;
  const pairs: SplitPair[] = [];
  for (const rule of rules) {
    const wanted =
      rule.share.kind === 'percent'
        ? Math.floor((amount * rule.share.basisPoints) / 10_000)
        : rule.share.amount;
    const given = Math.min(wanted, left);
    if (given > 0) {
      pairs.push({ cusid: rule.cusid, amount: given });
      left -= given;
    }
  }
  return pairs;
}

/** `cusid:amount,cusid:amount` (protocol note 10); '' when there is nothing to split (field omitted). */
export function formatAsinfo(pairs: readonly SplitPair[]): string {
  return pairs.map((p) => `${p.cusid}:${p.amount}`).join(',');
}

const PAIR = /^([0-9A-Za-z]{1,15}):(0|[1-9]\d{0,9})$/;

/** Reads an `asinfo` field back into pairs (for the sandbox and for audits); '' is no pairs. */
export function parseAsinfo(text: string): DomainResult<SplitPair[]> {
  if (text === '') return succeed([]);
  if (text.length > 1024) return refuse('ASINFO_INVALID', 'asinfo 超过 1024 个字符');
  const pairs: SplitPair[] = [];
  for (const part of text.split(',')) {
    const m = PAIR.exec(part);
    if (!m) return refuse('ASINFO_INVALID', `asinfo 中的“${part}”不是“商户号:金额（分）”`);
    pairs.push({ cusid: m[1] as string, amount: Number(m[2]) });
  }
  return succeed(pairs);
}
