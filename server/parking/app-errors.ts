import type { DomainRefusal } from '../../core/parking/result';
import { AppError } from '../api-kit/app-error';

/** A domain refusal passed through unchanged: its code and Chinese message are fit to show. */
export function fromRefusal(refusal: DomainRefusal): AppError {
  // Field issues travel in the router's shape of INVALID_INPUT details: [{ field, rule }].
  const details = refusal.issues?.map((i) => ({ field: i.field, rule: i.message }));
  return new AppError(refusal.code, refusal.message, details);
}

export const parkingErrors = {
  sessionNotFound: () => new AppError('SESSION_NOT_FOUND', '停车记录不存在'),
  lotNotFound: () => new AppError('LOT_NOT_FOUND', '停车场不存在'),
  gateNotFound: () => new AppError('GATE_NOT_FOUND', '道闸不存在'),
  spotNotFound: () => new AppError('SPOT_NOT_FOUND', '泊位不存在'),
  merchantMissing: () =>
    new AppError('MERCHANT_NOT_CONFIGURED', '该停车场暂未开通支付，请联系停车场管理人员'),
  notInside: () => new AppError('NOT_INSIDE', '未找到该车辆的在场记录'),
};
