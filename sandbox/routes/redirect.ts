import { redirectPath } from '../../core/allinpay/requests';
import { renderCashierError } from '../cashier-page';
import { htmlReply, redirectReply, type Reply, type Router, type SandboxRequest } from '../http';
import type { MerchantRegistry } from '../merchants';
import type { Platform } from '../platform';
import { checkRequest } from './authenticate';

/**
 * The browser-redirect entries (protocol note 12): the same signed form without openid,
 * submitted by the browser (GET or POST). The sandbox assigns a payer openid and opens its
 * cashier; the notification then goes out as usual, and `refuse` is an accepted reply.
 */

export interface RedirectDeps {
  platform: Platform;
  merchants: MerchantRegistry;
  log: (line: string) => void;
}

function enter(deps: RedirectDeps, endpoint: 'pay' | 'prepay', req: SandboxRequest): Reply {
  const raw = req.method === 'POST' && req.body.trim() !== '' ? req.body : req.rawQuery;
  const checked = checkRequest(endpoint, raw, (cusid) => deps.merchants.get(cusid));
  if (!checked.ok) {
    deps.log(`browser ${endpoint}: refused: ${checked.retmsg}`);
    return htmlReply(400, renderCashierError('请求被拒绝', checked.retmsg));
  }
  const outcome = deps.platform.open(
    endpoint,
    checked.merchant,
    checked.fields as Record<string, string>,
    true,
  );
  if (outcome.kind === 'refused') {
    return htmlReply(409, renderCashierError(`交易被拒绝（${outcome.trxstatus}）`, outcome.errmsg));
  }
  return redirectReply(`/_sandbox/cashier?prepay_id=${encodeURIComponent(outcome.txn.prepayId)}`);
}

export function addRedirectRoutes(router: Router, deps: RedirectDeps): void {
  for (const endpoint of ['pay', 'prepay'] as const) {
    for (const method of ['GET', 'POST']) {
      router.add(method, redirectPath(endpoint), (req) => enter(deps, endpoint, req));
    }
  }
}
