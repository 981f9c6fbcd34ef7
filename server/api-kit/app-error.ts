/**
 * An error a route may throw on purpose: a stable `code` for programs and a Chinese `message` fit
 * to show a driver or an operator. Anything else thrown is reported as INTERNAL without details.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const errors = {
  invalidInput: (details: unknown) =>
    new AppError('INVALID_INPUT', '输入有误，请检查后重试', details),
  unknownRoute: (route: string) => new AppError('UNKNOWN_ROUTE', `未知的接口：${route}`),
  unauthenticated: () =>
    new AppError('UNAUTHENTICATED', '无法识别用户身份，请在微信中重新打开小程序'),
  forbidden: () => new AppError('FORBIDDEN', '没有权限执行此操作'),
  notFound: (what: string) => new AppError('NOT_FOUND', `${what}不存在`),
  conflict: (message: string, details?: unknown) => new AppError('CONFLICT', message, details),
};
