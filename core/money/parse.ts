import { MAX_FEN_DIGITS } from './fen';

export type YuanParseReason =
  'empty' | 'negative' | 'not-a-number' | 'too-many-decimals' | 'too-large';

export type YuanParseResult =
  | { readonly ok: true; readonly fen: number }
  | { readonly ok: false; readonly reason: YuanParseReason; readonly message: string };

// Optional ¥/￥ so that what formatFen shows reads back; at most one point, digits before it.
const SHAPE = /^[¥￥]?([0-9]+)(?:\.([0-9]*))?$/;

const refuse = (reason: YuanParseReason, message: string): YuanParseResult => ({
  ok: false,
  reason,
  message,
});

/**
 * A yuan amount as people type it ('12', '12.5', '12.50', '¥12.50') to integer fen, exactly:
 * the digits are joined as text, never multiplied as floats. Surrounding whitespace is ignored.
 * Refused: empty, negative, anything else than digits with one point, more than 2 decimals,
 * more than 10 digits of fen (protocol note 3). Messages are for people (Chinese).
 */
export function parseYuan(input: string): YuanParseResult {
  const text = input.trim();
  if (text === '') return refuse('empty', '请输入金额');
  if (/^[-−]/.test(text)) return refuse('negative', '金额不能为负数');
  const parts = SHAPE.exec(text);
  if (!parts) return refuse('not-a-number', '金额格式不对，请输入数字，如 12.50');
  const whole = parts[1] ?? '';
  const decimals = parts[2] ?? '';
  if (decimals.length > 2) return refuse('too-many-decimals', '金额最多两位小数');
  const digits = (whole + decimals.padEnd(2, '0')).replace(/^0+(?=[0-9])/, '');
  if (digits.length > MAX_FEN_DIGITS) return refuse('too-large', '金额太大');
  return { ok: true, fen: Number(digits) };
}

/** Like `parseYuan`, for trusted text (configuration): throws RangeError when refused. */
export function yuanToFen(input: string): number {
  const result = parseYuan(input);
  if (!result.ok)
    throw new RangeError(`invalid yuan amount ${JSON.stringify(input)}: ${result.reason}`);
  return result.fen;
}
