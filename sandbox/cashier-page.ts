import { escapeHtml } from '../core/html/escape';
import { formatFen } from '../core/money/format';
import { provinceAbbreviationOf } from '../core/plate/provinces';
import { toChinaDisplay } from './china-time';
import type { Merchant } from './config';
import { totalsOf, type Txn } from './ledger';

/**
 * The cashier: a page standing in for WeChat's payment sheet (merchant, plate, amount, optional
 * coupon, pay, cancel), in Simplified Chinese. When the outcome is final it tells the page that
 * opened it (window.opener or parent) with postMessage, so a preview can resolve
 * wx.requestPayment.
 */

/** 粤 + BD12345 from LPRpro 44 and LPR (protocol note 14); a plate without province stays whole. */
export function plateText(request: Record<string, string>): string {
  const lpr = request.LPR ?? '';
  const province = request.LPRpro ? (provinceAbbreviationOf(request.LPRpro) ?? '') : '';
  const plate = `${province}${lpr}`;
  return plate || '无牌车';
}

export type CashierResult = 'paid' | 'cancelled' | 'waiting';

export function cashierResult(txn: Txn): CashierResult {
  if (txn.state === 'waiting') return 'waiting';
  return txn.state === 'unpaid' ? 'cancelled' : 'paid';
}

const STYLE = `
  body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; background: #ededed; margin: 0; }
  .sheet { max-width: 420px; margin: 0 auto; background: #fff; min-height: 100vh; padding: 24px 20px; box-sizing: border-box; }
  .badge { font-size: 12px; color: #fff; background: #fa9d3b; border-radius: 4px; padding: 2px 6px; }
  h1 { font-size: 18px; font-weight: 500; margin: 8px 0 24px; }
  .amount { font-size: 40px; font-weight: 600; text-align: center; margin: 16px 0 4px; }
  .kind { text-align: center; color: #6b6b6b; margin-bottom: 24px; }
  dl { display: grid; grid-template-columns: 7em 1fr; row-gap: 10px; margin: 0 0 24px; }
  dt { color: #6b6b6b; } dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
  label.coupon { display: block; padding: 12px; border: 1px solid #eee; border-radius: 8px; margin-bottom: 24px; }
  button { width: 100%; font-size: 17px; padding: 12px; border-radius: 8px; border: 0; margin-bottom: 12px; }
  .pay { background: #07c160; color: #fff; } .cancel { background: #f2f2f2; color: #333; }
  .result { text-align: center; font-size: 22px; margin: 40px 0 16px; }
  .ok { color: #07c160; } .no { color: #fa5151; }
`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main class="sheet">${body}</main>${script}</body></html>`;
}

function details(merchant: Merchant, txn: Txn, parkingName?: string): string {
  const parkingNo = txn.request.parkingNo ?? '';
  const rows: Array<[string, string]> = [
    ['收款商户', merchant.name],
    ['商户号', txn.cusid],
    ['停车场', parkingName ?? parkingNo],
    ['车牌', plateText(txn.request)],
    ['订单号', txn.reqsn],
  ];
  if (txn.kind === 'prepay' && txn.endTime !== undefined) {
    rows.push(['冻结截止', toChinaDisplay(txn.endTime * 1000)]);
    rows.push(['到期处理', txn.road === '1' ? '自动完成扣款' : '自动退回']);
  }
  return `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/**
 * The pay button says what the payer pays: the amount, less the coupon once it is ticked (the
 * coupon pays that part, ledger.payerPays). The script only switches between the two texts the
 * server rendered, so the page reads right without it too.
 */
const COUPON_SCRIPT = `<script>(function(){var c=document.querySelector('input[name=coupon]');var b=document.querySelector('button.pay');if(!c||!b)return;var f=function(){b.textContent=c.checked?b.dataset.withCoupon:b.dataset.without;};c.addEventListener('change',f);f();})();</script>`;

export function renderCashier(
  merchant: Merchant,
  txn: Txn,
  returnUrl?: string,
  parkingName?: string,
): string {
  const result = cashierResult(txn);
  const kind = txn.kind === 'pay' ? '停车费' : '预授权冻结（离场时按实际费用扣款，余额退回）';
  const head = `<span class="badge">沙箱</span><h1>通联收银台</h1>
    <div class="amount">${escapeHtml(formatFen(txn.fee))}</div>
    <div class="kind">${escapeHtml(kind)}</div>${details(merchant, txn, parkingName)}`;
  if (result === 'waiting') {
    const couponFen = Math.min(merchant.couponFen, txn.fee);
    const coupon =
      couponFen > 0
        ? `<label class="coupon"><input type="checkbox" name="coupon" value="1"> 使用通联停车券，立减 ${escapeHtml(formatFen(couponFen))}</label>`
        : '';
    const without = `确认支付 ${formatFen(txn.fee)}`;
    const withCoupon = `确认支付 ${formatFen(txn.fee - couponFen)}（已减 ${formatFen(couponFen)}）`;
    const hidden = `<input type="hidden" name="prepay_id" value="${escapeHtml(txn.prepayId)}">
      <input type="hidden" name="ui" value="1">${
        returnUrl ? `<input type="hidden" name="return_url" value="${escapeHtml(returnUrl)}">` : ''
      }`;
    return page(
      '通联收银台',
      `${head}<form method="post" action="/_sandbox/cashier/pay">${hidden}${coupon}
        <button class="pay" type="submit" data-without="${escapeHtml(without)}"${
          couponFen > 0 ? ` data-with-coupon="${escapeHtml(withCoupon)}"` : ''
        }>${escapeHtml(without)}</button></form>
       <form method="post" action="/_sandbox/cashier/cancel">${hidden}
        <button class="cancel" type="submit">取消支付</button></form>`,
      couponFen > 0 ? COUPON_SCRIPT : '',
    );
  }
  const paid = result === 'paid';
  const totals = totalsOf(txn);
  const couponLine = txn.coupon
    ? `<p class="coupon-used">已使用通联停车券：${escapeHtml(formatFen(txn.coupon.couponFee))}，实付 ${escapeHtml(formatFen(txn.fee - txn.coupon.couponFee))}</p>`
    : '';
  const frozenLine =
    paid && txn.kind === 'prepay'
      ? `<p>已冻结 ${escapeHtml(formatFen(txn.fee))}，已扣 ${escapeHtml(formatFen(totals.feeFinish))}，已退 ${escapeHtml(formatFen(totals.feeBack))}</p>`
      : '';
  const back = returnUrl ? `<p><a href="${escapeHtml(returnUrl)}">返回商户页面</a></p>` : '';
  const message = JSON.stringify({
    type: 'allinpay-sandbox-cashier',
    result,
    cusid: txn.cusid,
    reqsn: txn.reqsn,
    prepayId: txn.prepayId,
  }).replace(/</g, '\\u003c');
  const script = `<script>(function(){var m=${message};try{if(window.opener)window.opener.postMessage(m,'*');if(window.parent&&window.parent!==window)window.parent.postMessage(m,'*');}catch(e){}})();</script>`;
  return page(
    paid ? '支付成功' : '支付已取消',
    `${head}<div class="result ${paid ? 'ok' : 'no'}" data-result="${result}">${
      paid ? '支付成功' : '支付已取消或已过期'
    }</div>${couponLine}${frozenLine}${back}`,
    script,
  );
}

export function renderCashierError(title: string, message: string): string {
  return page(
    title,
    `<span class="badge">沙箱</span><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`,
  );
}
