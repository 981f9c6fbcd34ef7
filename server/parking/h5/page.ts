import { escapeHtml as e } from '../../../core/html/escape';
import { formatFen } from '../../../core/money/format';
import { formatChinaDateTime, formatChinaTimeOfDay } from '../../../core/parking/china-time';
import { formatDuration } from '../../../core/parking/duration-text';
import type { LaneQuote } from './lane-pay';

/**
 * The H5 page (pure): plain HTML for a phone, Simplified Chinese, no framework. Every value it
 * prints goes through escapeHtml. Its one script (with the response's nonce) asks `status` after
 * the pay button opened the platform in a new window, and says when the barrier will go up.
 */

export interface PageContext {
  /** The access path the page is served under (`/p`): forms post to `<base>/pay`. */
  base: string;
  scene: string;
  place?: { lot: string; gate: string };
  nonce: string;
}

export type PageBody =
  | { kind: 'ask'; plate?: string; error?: string }
  | { kind: 'quote'; quote: LaneQuote; notice?: string }
  | { kind: 'message'; title: string; text: string };

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; background: #f2f3f5; color: #1f2329; font: 16px/1.5 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
  main { max-width: 480px; margin: 0 auto; min-height: 100vh; background: #fff; padding: 20px 18px 32px; }
  h1 { font-size: 20px; margin: 0; }
  .place { color: #646a73; margin: 4px 0 20px; }
  .notice { background: #fff7e8; color: #b25d00; padding: 10px 12px; border-radius: 8px; }
  .warn { background: #fff1f0; color: #c0362c; padding: 10px 12px; border-radius: 8px; }
  label { display: block; color: #646a73; margin-bottom: 6px; }
  input[type=text] { width: 100%; font-size: 20px; padding: 10px 12px; border: 1px solid #c9cdd4; border-radius: 8px; letter-spacing: 1px; }
  button { width: 100%; font-size: 17px; padding: 12px; border: 0; border-radius: 8px; margin-top: 16px; background: #07c160; color: #fff; }
  button.plain { background: #f2f3f5; color: #1f2329; }
  dl { display: grid; grid-template-columns: 6em 1fr; row-gap: 8px; margin: 0 0 12px; }
  dt { color: #646a73; } dd { margin: 0; overflow-wrap: anywhere; }
  .lines { list-style: none; padding: 0; margin: 0 0 8px; color: #646a73; font-size: 14px; }
  .amount { font-size: 40px; font-weight: 600; text-align: center; margin: 16px 0 0; }
  .amount-label { text-align: center; color: #646a73; margin: 0; }
  .hint { color: #8f959e; font-size: 14px; }
  .done { color: #07a35a; font-size: 20px; text-align: center; margin: 24px 0 8px; }
  .status { text-align: center; min-height: 1.5em; }
  a { color: #3370ff; }
`;

/** The whole page: `body` inside the common frame. */
export function renderPage(ctx: PageContext, body: PageBody): string {
  const place = ctx.place
    ? `<p class="place">${e(ctx.place.lot)} · ${e(ctx.place.gate)}</p>`
    : '<p class="place">通联停车</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>停车缴费</title><style nonce="${e(ctx.nonce)}">${STYLE}</style></head>
<body><main><h1>停车缴费</h1>${place}${section(ctx, body)}</main>${script(ctx, body)}</body></html>`;
}

function section(ctx: PageContext, body: PageBody): string {
  switch (body.kind) {
    case 'ask':
      return `${body.error ? `<p class="warn">${e(body.error)}</p>` : ''}${plateForm(ctx, body.plate)}`;
    case 'message':
      return `<p class="warn">${e(body.title)}</p><p>${e(body.text)}</p>`;
    case 'quote':
      return `${body.notice ? `<p class="notice">${e(body.notice)}</p>` : ''}${quoteSection(ctx, body.quote)}`;
  }
}

function plateForm(ctx: PageContext, plate = ''): string {
  return `<form method="get" action="${e(ctx.base)}" class="ask">
<input type="hidden" name="scene" value="${e(ctx.scene)}">
<label for="plate">车牌号</label>
<input type="text" id="plate" name="plate" value="${e(plate)}" placeholder="如 粤B12345" maxlength="16" autocomplete="off" required>
<button type="submit">查询停车费</button></form>`;
}

function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
    .join('');
}

function another(ctx: PageContext): string {
  const href = `${ctx.base}?scene=${encodeURIComponent(ctx.scene)}`;
  return `<p class="hint"><a href="${e(href)}">查询其他车辆</a></p>`;
}

function quoteSection(ctx: PageContext, q: LaneQuote): string {
  switch (q.kind) {
    case 'not_found':
      return `<p class="warn">未找到 ${e(q.plate)} 的在场记录</p>
<p class="hint">请核对车牌号。如在微信小程序中入场，请用微信“扫一扫”扫码，在小程序中缴费；如有疑问请联系停车场管理员。</p>${plateForm(ctx, q.plate)}`;
    case 'pending':
      return `<p class="notice">${e(q.plate)} 有一笔支付正在处理，请稍后刷新本页。</p>${another(ctx)}`;
    case 'operator':
      return `<p class="warn">${e(q.plate)} 暂时无法在此缴费，请联系停车场管理员。</p>${another(ctx)}`;
    case 'paid':
      return `<p class="done">已缴费</p><p class="status">${e(leaveText(q.until))}</p>${another(ctx)}`;
    case 'nothing_due':
      return `<dl><dt>车牌</dt><dd class="plate">${e(q.plate)}</dd></dl>
<p class="done">无需缴费</p>
<form method="post" action="${e(`${ctx.base}/pay`)}">${hidden({ scene: ctx.scene, plate: q.plate, sessionId: q.sessionId, amount: '0' })}
<button type="submit">确认出场</button></form>${another(ctx)}`;
    case 'due':
    case 'paying': {
      const rows: Array<[string, string]> = [
        ['车牌', q.plate],
        ['入场时间', q.noEntry ? '无入场记录' : formatChinaDateTime(q.inTime)],
      ];
      if (!q.noEntry) rows.push(['停车时长', formatDuration(q.durationSeconds)]);
      const lines = q.lines.filter((l) => l.kind !== 'total');
      const amount = formatFen(q.amount);
      const action = q.kind === 'paying' ? `继续支付 ${amount}` : `支付 ${amount}`;
      return `<dl>${rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>
${lines.length ? `<ul class="lines">${lines.map((l) => `<li>${e(l.text)}</li>`).join('')}</ul>` : ''}
<p class="amount-label">应缴金额</p><p class="amount" id="amount">${e(amount)}</p>
${q.kind === 'paying' ? '<p class="notice">该车辆有一笔支付尚未完成，可继续支付。</p>' : ''}
<form method="post" action="${e(`${ctx.base}/pay`)}" target="_blank" id="pay">${hidden({
        scene: ctx.scene,
        plate: q.plate,
        sessionId: q.sessionId,
        amount: String(q.amount),
      })}
<button type="submit">${e(action)}</button></form>
<p class="hint">将打开通联支付页面付款；支付成功后出口道闸自动抬起。</p>
<p class="status" id="status" aria-live="polite"></p>${another(ctx)}`;
    }
  }
}

/** 道闸即将抬起，请在 10:15 前出场 (HH:MM, the minute it starts: never later than allowed). */
export function leaveText(until: number): string {
  return `道闸即将抬起，请在 ${formatChinaTimeOfDay(until).slice(0, 5)} 前出场`;
}

/** After the pay button: ask `status` every 2 s (10 minutes at most) until it says paid. */
function script(ctx: PageContext, body: PageBody): string {
  if (body.kind !== 'quote' || (body.quote.kind !== 'due' && body.quote.kind !== 'paying')) {
    return '';
  }
  const url = `${ctx.base}/status?${new URLSearchParams({ scene: ctx.scene, plate: body.quote.plate })}`;
  // JSON.stringify of a string, with < escaped: the URL cannot end the script element.
  const literal = JSON.stringify(url).replace(/</g, '\\u003c');
  return `<script nonce="${e(ctx.nonce)}">(function(){
var url=${literal},form=document.getElementById('pay'),status=document.getElementById('status'),tries=0,timer=0;
function ask(){tries++;fetch(url,{cache:'no-store'}).then(function(r){return r.json();}).then(function(s){
if(s.kind==='paid'){clearInterval(timer);form.style.display='none';status.textContent='已支付，'+s.text;}
else if(s.kind==='paying'){status.textContent='等待支付结果…';}}).catch(function(){});
if(tries>=300)clearInterval(timer);}
function watch(){if(!timer)timer=setInterval(ask,2000);}
form.addEventListener('submit',watch);${body.quote.kind === 'paying' ? 'watch();' : ''}
})();</script>`;
}
