import { z } from 'zod';

/**
 * WeChat's side of `cloud.openapi`, as far as the project uses it: every call is recorded, and
 * `subscribeMessage.send` is answered as WeChat answers it. A subscribe message is one-time
 * (一次性订阅): each 允许 the user gives in `wx.requestSubscribeMessage` lets one message of that
 * template through; without one the answer is 43101. The preview tells which templates the user
 * accepted (`subscribe`), as WeChat's client tells WeChat.
 */

/** A template chosen in the WeChat console: its title and field names (e.g. `thing1`: 月卡). */
export interface SubscribeTemplate {
  id: string;
  title: string;
  fields: Record<string, string>;
}

export interface OpenApiOptions {
  /**
   * The console's templates. Given, a send is checked against them (unknown id 40037; fields
   * missing, extra or too long for their type 47003); absent, any template id is taken.
   */
  templates?: SubscribeTemplate[];
  /** Epoch milliseconds of a call (default Date.now; the local stack gives the sandbox's clock). */
  now?: () => number;
  /** Calls kept, oldest dropped first (default 1000). */
  maxCalls?: number;
}

export interface OpenApiCall {
  /** 1, 2, ... in the order received. */
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  api: string;
  appid?: string;
  /** The function (or source line) that called, as the function host names it. */
  origin?: string;
  /** The arguments as sent on the wire (snake_case: touser, template_id, page, data...). */
  params: Record<string, unknown>;
  errcode: number;
  errmsg: string;
}

export type SubscribeChoice = 'accept' | 'reject' | 'ban';

export const subscriptionInput = z.object({
  openid: z.string().min(1).max(128),
  results: z.record(z.string().min(1).max(128), z.enum(['accept', 'reject', 'ban'])),
});

export class SubscriptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubscriptionError';
  }
}

// Limits of the subscribe-message field types (WeChat's docs, 订阅消息参数值内容限制).
const FIELD_RULES: Array<[prefix: string, ok: (v: string) => boolean]> = [
  ['character_string', (v) => /^[\x21-\x7e]{1,32}$/.test(v)],
  ['thing', (v) => [...v].length <= 20],
  ['number', (v) => /^\d{1,32}(\.\d+)?$/.test(v)],
  ['letter', (v) => /^[A-Za-z]{1,32}$/.test(v)],
  ['symbol', (v) => [...v].length <= 5],
  ['phone_number', (v) => /^[\d+\-() ]{1,17}$/.test(v)],
  ['car_number', (v) => [...v].length <= 8],
  ['name', (v) => /^\p{Script=Han}{1,10}$/u.test(v) || /^[A-Za-z ]{1,20}$/.test(v)],
  ['phrase', (v) => /^\p{Script=Han}{1,5}$/u.test(v)],
  ['amount', (v) => /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v)],
  [
    'time',
    (v) =>
      /^(\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s*)?\d{1,2}:\d{2}(:\d{2})?(\s*~\s*.+)?$/.test(v) ||
      /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?$/.test(v),
  ],
  ['date', (v) => /^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?(\s*\d{1,2}:\d{2}(:\d{2})?)?$/.test(v)],
];

function fieldValueOk(key: string, value: string): boolean {
  if (value === '') return false;
  const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
  const rule = FIELD_RULES.find(([prefix]) => prefix === type);
  return rule ? rule[1](value) : true;
}

type Reply = { errcode: number; errmsg: string } & Record<string, unknown>;

const ok = (extra: Record<string, unknown> = {}): Reply => ({ errcode: 0, errmsg: 'ok', ...extra });

export class OpenApiEmulator {
  private readonly recorded: OpenApiCall[] = [];
  private seq = 0;
  private msgid = 1_000_000;
  /** `${openid}\n${templateId}` -> messages still allowed. */
  private readonly grants = new Map<string, number>();
  private readonly templatesById: Map<string, SubscribeTemplate> | undefined;
  private readonly now: () => number;
  private readonly maxCalls: number;

  constructor(options: OpenApiOptions = {}) {
    this.templatesById = options.templates
      ? new Map(options.templates.map((t) => [t.id, t]))
      : undefined;
    this.now = options.now ?? Date.now;
    this.maxCalls = options.maxCalls ?? 1000;
  }

  templates(): SubscribeTemplate[] {
    return [...(this.templatesById?.values() ?? [])];
  }

  /** The user's answers to `wx.requestSubscribeMessage`: each accept allows one more message. */
  subscribe(openid: string, results: Record<string, SubscribeChoice>): Record<string, number> {
    const unknown = Object.keys(results).filter(
      (id) => this.templatesById && !this.templatesById.has(id),
    );
    if (unknown.length > 0) throw new SubscriptionError(`unknown template: ${unknown.join(', ')}`);
    const left: Record<string, number> = {};
    for (const [templateId, choice] of Object.entries(results)) {
      const key = `${openid}\n${templateId}`;
      // 'ban' (总是拒绝) takes back what was allowed; 'reject' only allows nothing more.
      const count = choice === 'accept' ? (this.grants.get(key) ?? 0) + 1 : 0;
      if (choice === 'reject') left[templateId] = this.grants.get(key) ?? 0;
      else {
        this.grants.set(key, count);
        left[templateId] = count;
      }
    }
    return left;
  }

  /** Calls received, oldest first; `touser` and `api` narrow them, `after` skips seqs up to it. */
  calls(filter: { touser?: string; api?: string; after?: number } = {}): OpenApiCall[] {
    return this.recorded.filter(
      (c) =>
        (filter.touser === undefined || c.params.touser === filter.touser) &&
        (filter.api === undefined || c.api === filter.api) &&
        (filter.after === undefined || c.seq > filter.after),
    );
  }

  /** Records one call and answers it as WeChat would (its JSON reply). */
  call(api: string, params: Record<string, unknown>, meta: { appid?: string; origin?: string }) {
    const reply = api === 'subscribeMessage.send' ? this.send(params) : notEmulated(api);
    this.seq += 1;
    this.recorded.push({
      seq: this.seq,
      at: this.now(),
      api,
      ...(meta.appid !== undefined && { appid: meta.appid }),
      ...(meta.origin !== undefined && { origin: meta.origin }),
      params,
      errcode: reply.errcode,
      errmsg: reply.errmsg,
    });
    if (this.recorded.length > this.maxCalls) this.recorded.shift();
    return reply;
  }

  private send(params: Record<string, unknown>): Reply {
    const { touser, template_id: templateId, data } = params;
    if (typeof touser !== 'string' || touser === '') {
      return { errcode: 40003, errmsg: 'invalid openid' };
    }
    if (typeof templateId !== 'string' || templateId === '') {
      return { errcode: 40037, errmsg: 'invalid template_id' };
    }
    const template = this.templatesById?.get(templateId);
    if (this.templatesById && !template) return { errcode: 40037, errmsg: 'invalid template_id' };
    const invalid = invalidData(data, template);
    if (invalid) return { errcode: 47003, errmsg: `argument invalid! ${invalid}` };
    const key = `${touser}\n${templateId}`;
    const left = this.grants.get(key) ?? 0;
    if (left <= 0) return { errcode: 43101, errmsg: 'user refuse to accept the msg' };
    this.grants.set(key, left - 1);
    this.msgid += 1;
    return ok({ msgid: this.msgid });
  }
}

/** What is wrong with a message's `data` (undefined: nothing). */
function invalidData(data: unknown, template: SubscribeTemplate | undefined): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data is not an object';
  const entries = Object.entries(data as Record<string, unknown>);
  for (const [key, field] of entries) {
    const value = (field as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return `data.${key}.value is not a string`;
    if (template && !(key in template.fields)) return `data.${key} is not in the template`;
    if (!fieldValueOk(key, value)) return `data.${key}.value invalid`;
  }
  const missing = Object.keys(template?.fields ?? {}).filter(
    (k) => !entries.some(([e]) => e === k),
  );
  if (missing.length > 0) return `data.${missing[0]} is missing`;
  return undefined;
}

function notEmulated(api: string): Reply {
  return { errcode: -1, errmsg: `system error: openapi.${api} is not emulated` };
}
