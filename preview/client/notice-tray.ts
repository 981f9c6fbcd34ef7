import { el } from './dom';
/**
 * The 服务通知 (service notices) tray beside the phone: the subscribe messages the cloud functions
 * sent the current WeChat user through cloud.openapi, as the CloudBase emulator recorded them
 * (emulator/README.md "openapi"), newest first, laid out as WeChat shows them: the template's
 * title, each field's name and value, the time in China time, and 进入小程序查看 (opens the
 * message's page). A message WeChat refused (43101: the user had not accepted it) is listed as
 * 未送达 with the reason, which a developer wants to see and a user would not.
 */

interface Template {
  id: string;
  title: string;
  fields: Record<string, string>;
}

interface Call {
  seq: number;
  at: number;
  params: {
    touser?: string;
    template_id?: string;
    page?: string;
    data?: Record<string, { value?: string }>;
  };
  errcode: number;
  errmsg: string;
}

export interface TrayDeps {
  openid: string;
  appName: string;
  /** Opens the mini-program at a message's page (`pages/x/x?a=1`). */
  open(page: string): void;
}

const REASONS: Record<number, string> = {
  43101: '用户未允许此消息（或允许的次数已用完）',
  40037: '模板 ID 无效',
  47003: '模板参数不正确',
  40003: 'openid 无效',
};

const POLL_MS = 2000;

/** `YYYY-MM-DD HH:mm` in China time (UTC+8, no daylight saving). */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function card(call: Call, template: Template | undefined, deps: TrayDeps): HTMLElement {
  const sent = call.errcode === 0;
  const node = el('article', 'pv-tray__card');
  node.dataset.status = sent ? 'sent' : 'refused';
  node.dataset.seq = String(call.seq);
  if (call.params.template_id) node.dataset.template = call.params.template_id;
  const head = el('header', 'pv-tray__head');
  head.append(el('span', 'pv-tray__app', deps.appName));
  const time = el('time', 'pv-tray__time', chinaTime(call.at));
  time.dateTime = new Date(call.at).toISOString();
  head.append(time);
  node.append(head, el('div', 'pv-tray__title', template?.title ?? call.params.template_id ?? ''));
  const rows = el('dl', 'pv-tray__rows');
  const data = call.params.data ?? {};
  // The template's order; fields it does not name after them.
  const keys = [
    ...Object.keys(template?.fields ?? {}).filter((k) => k in data),
    ...Object.keys(data).filter((k) => !(k in (template?.fields ?? {}))),
  ];
  for (const key of keys) {
    const row = el('div', 'pv-tray__row');
    row.dataset.key = key;
    row.append(
      el('dt', 'pv-tray__label', template?.fields[key] ?? key),
      el('dd', 'pv-tray__value', data[key]?.value ?? ''),
    );
    rows.append(row);
  }
  node.append(rows);
  if (sent) {
    const open = el('button', 'pv-tray__open', '进入小程序查看');
    open.type = 'button';
    const page = call.params.page;
    open.disabled = !page;
    if (page) open.addEventListener('click', () => deps.open(page));
    node.append(open);
  } else {
    const why = REASONS[call.errcode] ?? call.errmsg;
    node.append(el('div', 'pv-tray__refused', `未送达：${call.errcode} ${why}`));
  }
  return node;
}

/** Shows the tray and keeps it current; returns a refresh to call when something changed. */
export function mountNoticeTray(deps: TrayDeps): () => void {
  const panel = document.getElementById('pv-tray');
  const list = document.getElementById('pv-tray-list');
  const count = document.getElementById('pv-tray-count');
  if (!panel || !list) return () => undefined;
  panel.hidden = false;
  let templates: Template[] | undefined;
  let shown: string | undefined;
  let running: Promise<void> | undefined;

  const read = async () => {
    if (!templates) {
      const res = await fetch('/preview/openapi/templates');
      if (res.ok) templates = ((await res.json()) as { templates: Template[] }).templates;
    }
    const query = new URLSearchParams({ touser: deps.openid, api: 'subscribeMessage.send' });
    const res = await fetch(`/preview/openapi/calls?${query}`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const { calls } = (await res.json()) as { calls: Call[] };
    const key = calls.map((c) => c.seq).join();
    if (key === shown) return;
    shown = key;
    const cards = [...calls].reverse().map((c) =>
      card(
        c,
        templates?.find((t) => t.id === c.params.template_id),
        deps,
      ),
    );
    list.replaceChildren(
      ...(cards.length > 0 ? cards : [el('p', 'pv-tray__empty', '暂无服务通知')]),
    );
    if (count) count.textContent = String(calls.filter((c) => c.errcode === 0).length);
  };
  const refresh = () => {
    running ??= read()
      .catch(() => {
        shown = undefined;
        list.replaceChildren(el('p', 'pv-tray__empty', '云开发模拟器无法连接，请先运行 npm start'));
      })
      .finally(() => (running = undefined));
  };
  refresh();
  setInterval(refresh, POLL_MS);
  return refresh;
}
