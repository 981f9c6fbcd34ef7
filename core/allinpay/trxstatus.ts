/** Transaction states of the platform (spec 交易返回码; protocol note 4). */
export const TRX_STATUS = {
  '0000': '交易成功',
  '1001': '交易不存在',
  '2000': '交易处理中',
  '2008': '交易处理中',
  '3014': '交易金额小于应收手续费',
  '3031': '校验实名信息失败',
  '3045': '其他错误',
  '3050': '交易已被撤销',
  '3088': '交易未支付',
  '3089': '撤销异常',
  '3099': '渠道商户错误',
  '3888': '流水号重复',
  '3889': '交易控制失败',
  '3999': '其他错误',
} as const;

export type TrxStatus = keyof typeof TRX_STATUS;

export type TrxOutcome = 'success' | 'processing' | 'failure' | 'unknown';

export function isTrxStatus(code: string): code is TrxStatus {
  return Object.prototype.hasOwnProperty.call(TRX_STATUS, code);
}

/**
 * Classifies a trxstatus (protocol note 4): `2000`/`2008` are processing, not errors; a code the
 * spec does not list is `unknown`, which callers treat like processing (query again), never as paid.
 */
export function classifyTrxStatus(code: string): TrxOutcome {
  if (!isTrxStatus(code)) return 'unknown';
  if (code === '0000') return 'success';
  if (code === '2000' || code === '2008') return 'processing';
  return 'failure';
}

/** The spec's description of a code, for logs and operator screens. */
export function describeTrxStatus(code: string): string {
  return isTrxStatus(code) ? TRX_STATUS[code] : `未知状态码 ${code}`;
}
