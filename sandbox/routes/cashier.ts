import { z } from 'zod';
import { toFieldIssues } from '../../core/allinpay/validation';
import { cashierResult, renderCashier, renderCashierError } from '../cashier-page';
import {
  htmlReply,
  jsonReply,
  parseLooseBody,
  redirectReply,
  type Reply,
  type Router,
  type SandboxRequest,
} from '../http';
import { trxStatusOf, type Txn } from '../ledger';
import type { MerchantRegistry } from '../merchants';
import { prepayIdFromPackage, verifyPaySign } from '../payinfo';
import type { ChangeOutcome, Platform } from '../platform';

/**
 * The cashier, as a page (GET /_sandbox/cashier) and as HTTP calls for tests and previews
 * (POST /_sandbox/cashier/pay and /cancel). A transaction is named by its prepay id, by the
 * payinfo `package`, or by cusid + reqsn. Paying queues the notification.
 */

export interface CashierDeps {
  platform: Platform;
  merchants: MerchantRegistry;
  /** parkingNo → the lot's name, shown by the cashier page (config.parkingNames). */
  parkingNames?: Record<string, string>;
}

const flag = z
  .union([z.boolean(), z.enum(['1', '0', 'true', 'false', 'on'])])
  .transform((v) => v === true || v === '1' || v === 'true' || v === 'on');

const cashierInput = z.strictObject({
  prepay_id: z.string().min(1).max(64).optional(),
  package: z.string().min(1).max(80).optional(),
  cusid: z.string().min(1).max(15).optional(),
  reqsn: z.string().min(1).max(32).optional(),
  coupon: flag.optional(),
  // wx.requestPayment's arguments (protocol note 13): when paySign is given it must be valid.
  appId: z.string().max(32).optional(),
  timeStamp: z.string().max(20).optional(),
  nonceStr: z.string().max(32).optional(),
  signType: z.string().max(16).optional(),
  paySign: z.string().max(64).optional(),
  ui: z.literal('1').optional(),
  return_url: z
    .string()
    .url()
    .max(2048)
    .regex(/^https?:/)
    .optional(),
});

type CashierInput = z.infer<typeof cashierInput>;

function findTxn(platform: Platform, input: CashierInput): Txn | undefined {
  const prepayId =
    input.prepay_id ?? (input.package ? prepayIdFromPackage(input.package) : undefined);
  if (prepayId) return platform.getByPrepayId(prepayId);
  if (input.cusid && input.reqsn) return platform.get(input.cusid, input.reqsn);
  return undefined;
}

function asObject(value: unknown): object | undefined {
  return typeof value === 'object' && value !== null ? value : undefined;
}

function invalid(issues: Array<{ field: string; rule: string }>): Reply {
  return jsonReply(400, { ok: false, error: 'invalid_request', issues });
}

function cashierUrl(txn: Txn, returnUrl?: string): string {
  const q = new URLSearchParams({ prepay_id: txn.prepayId });
  if (returnUrl) q.set('return_url', returnUrl);
  return `/_sandbox/cashier?${q}`;
}

function showCashier(deps: CashierDeps, req: SandboxRequest): Reply {
  const query = Object.fromEntries(req.query);
  const parsed = cashierInput.safeParse(query);
  if (!parsed.success)
    return htmlReply(
      400,
      renderCashierError(
        '参数错误',
        toFieldIssues(parsed.error, query)
          .map((i) => `${i.field} ${i.rule}`)
          .join('; '),
      ),
    );
  const txn = findTxn(deps.platform, parsed.data);
  const merchant = txn ? deps.merchants.get(txn.cusid) : undefined;
  if (!txn || !merchant)
    return htmlReply(404, renderCashierError('订单不存在', '找不到这笔订单，请返回商户页面重试。'));
  const parkingName = deps.parkingNames?.[txn.request.parkingNo ?? ''];
  return htmlReply(200, renderCashier(merchant, txn, parsed.data.return_url, parkingName));
}

function act(deps: CashierDeps, req: SandboxRequest, action: 'pay' | 'cancel'): Reply {
  const body = parseLooseBody(req);
  if (!body.ok) return invalid([{ field: '', rule: body.error }]);
  const parsed = cashierInput.safeParse(body.value);
  if (!parsed.success) return invalid(toFieldIssues(parsed.error, asObject(body.value)));
  const input = parsed.data;
  const ui = input.ui === '1';
  if (!input.prepay_id && !input.package && !(input.cusid && input.reqsn)) {
    return invalid([{ field: 'prepay_id', rule: 'give prepay_id, package, or cusid and reqsn' }]);
  }
  const found = findTxn(deps.platform, input);
  const merchant = found ? deps.merchants.get(found.cusid) : undefined;
  if (!found || !merchant) {
    return ui
      ? htmlReply(404, renderCashierError('订单不存在', '找不到这笔订单。'))
      : jsonReply(404, { ok: false, error: 'not_found', message: 'no such transaction' });
  }
  if (input.paySign !== undefined) {
    const args = {
      timeStamp: input.timeStamp ?? '',
      nonceStr: input.nonceStr ?? '',
      package: input.package ?? '',
      signType: input.signType ?? '',
      paySign: input.paySign,
    };
    if (
      args.package !== found.payinfo.package ||
      !verifyPaySign(args, found.payinfo.appId, merchant.key)
    ) {
      return jsonReply(400, {
        ok: false,
        error: 'bad_pay_sign',
        message: 'paySign does not match the payment parameters',
      });
    }
  }
  const outcome: ChangeOutcome =
    action === 'pay'
      ? deps.platform.payerPays(found.cusid, found.reqsn, input.coupon ? merchant.couponFen : 0)
      : deps.platform.payerCancels(found.cusid, found.reqsn);
  if (outcome.kind === 'not-found') return jsonReply(404, { ok: false, error: 'not_found' });
  if (outcome.kind === 'refused') {
    return ui
      ? htmlReply(
          409,
          renderCashierError(action === 'pay' ? '无法支付' : '无法取消', outcome.errmsg),
        )
      : jsonReply(409, {
          ok: false,
          error: 'refused',
          trxstatus: outcome.trxstatus,
          message: outcome.errmsg,
        });
  }
  if (ui) return redirectReply(cashierUrl(outcome.txn, input.return_url));
  const { txn } = outcome;
  return jsonReply(200, {
    ok: true,
    result: cashierResult(txn),
    changed: outcome.changed,
    cusid: txn.cusid,
    reqsn: txn.reqsn,
    trxid: txn.trxid,
    openid: txn.openid,
    trxstatus: trxStatusOf(txn),
    coupon: txn.coupon ?? null,
  });
}

export function addCashierRoutes(router: Router, deps: CashierDeps): void {
  router.add('GET', '/_sandbox/cashier', (req) => showCashier(deps, req));
  router.add('POST', '/_sandbox/cashier/pay', (req) => act(deps, req, 'pay'));
  router.add('POST', '/_sandbox/cashier/cancel', (req) => act(deps, req, 'cancel'));
}
