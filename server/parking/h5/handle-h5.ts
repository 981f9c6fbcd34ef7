import { z } from 'zod';
import { parseForm, entriesToObject } from '../../../core/allinpay/form';
import type { Gate } from '../../../core/parking/gate';
import { parseScene } from '../../../core/parking/scene';
import { validatePlate } from '../../../core/plate/classify';
import { AppError } from '../../api-kit/app-error';
import type { ParkingDeps } from '../deps';
import {
  type HttpAccessEvent,
  type HttpReply,
  MAX_BODY_BYTES,
  jsonReply,
  rawBody,
} from '../http/http-access';
import { loadGate, loadLot } from '../places';
import { type LaneQuote, laneQuote, startLanePay } from './lane-pay';
import { type PageBody, type PageContext, leaveText, renderPage } from './page';

/**
 * The HTTP envelope of the H5 page (HTTP access path `/p`, the base of the lanes' printed codes,
 * PARKING_QR_BASE_URL): `GET /p?scene=g%3A<gateId>[&plate=]` the page; `POST /p/pay` (form:
 * scene, plate, sessionId, amount) the payment, answered 303 to the platform's browser entry;
 * `GET /p/status?scene=&plate=` what the page shows, as JSON, for its script. Every input is
 * checked (zod, scene, plate) and a refusal is a page (or JSON) saying why, with a named code and
 * nothing changed. Pages are no-store, with a nonce CSP, no referrer, never framed.
 */

const scene = z.string().trim().min(1).max(256);
const plate = z.string().trim().min(1).max(32);
/** WeChat appends its own parameters to a shared link (from=…): those are ignored. */
const pageQuery = z.object({ scene, plate: plate.optional() });
const statusQuery = z.object({ scene, plate });
const payForm = z.strictObject({
  scene,
  plate,
  sessionId: z.string().min(1).max(64),
  amount: z.string().regex(/^\d{1,10}$/, 'amount must be integer fen'),
});

const STATUS: Record<string, number> = {
  METHOD_NOT_ALLOWED: 405,
  BODY_TOO_LARGE: 413,
  INVALID_INPUT: 400,
  SCENE_INVALID: 400,
  PLATE_INVALID: 400,
  GATE_NOT_FOUND: 404,
  NOT_A_LANE: 409,
};

type Route = 'page' | 'pay' | 'status';

/** `/p` → page, `/p/pay` → pay, `/p/status` → status; the base the page's links use. */
export function routeOf(path: string | undefined): { route: Route; base: string } {
  const match = /^(.*?)(?:\/(pay|status))?\/*$/.exec(path ?? '') as RegExpExecArray;
  return { route: (match[2] as Route | undefined) ?? 'page', base: match[1] || '/' };
}

function checked<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'INVALID_INPUT',
      '请求参数不正确',
      parsed.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.message })),
    );
  }
  return parsed.data;
}

/** The lane of a printed code: an exit or a pay station of a gated lot. */
async function laneOf(deps: ParkingDeps, text: string): Promise<Gate> {
  const target = parseScene(text);
  if (!target.ok) throw new AppError('SCENE_INVALID', '无法识别的二维码，请扫描停车场出口的缴费码');
  const gate = target.value.kind === 'gate' ? await loadGate(deps.db, target.value.id) : undefined;
  if (target.value.kind === 'gate' && !gate) throw new AppError('GATE_NOT_FOUND', '未找到该出口');
  if (!gate || gate.kind === 'entry') {
    // Entries, spots and lots need the driver's WeChat identity: the mini-program.
    throw new AppError('NOT_A_LANE', '请用微信“扫一扫”扫描此码，在小程序中办理');
  }
  return gate;
}

function checkPlate(text: string): string {
  const result = validatePlate(text, { allowDerived: true });
  if (!result.ok) throw new AppError('PLATE_INVALID', '车牌号格式不正确，请重新输入');
  return result.plate;
}

function nonceOf(deps: ParkingDeps): string {
  return Buffer.from(deps.random(16)).toString('base64');
}

function headers(deps: ParkingDeps, nonce: string, type: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': [
      "default-src 'none'",
      `style-src 'nonce-${nonce}'`,
      `script-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      // The pay form's 303 goes on to the platform's browser entry (protocol note 12).
      `form-action 'self' ${deps.platform.origin}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  };
}

export async function handleH5(deps: ParkingDeps, event: HttpAccessEvent): Promise<HttpReply> {
  const { route, base } = routeOf(event.path);
  const method = (event.httpMethod ?? '').toUpperCase();
  const nonce = nonceOf(deps);
  const ctx: PageContext = { base, scene: '', nonce };
  const page = (status: number, body: PageBody): HttpReply => ({
    statusCode: status,
    headers: headers(deps, nonce, 'text/html; charset=utf-8'),
    body: renderPage(ctx, body),
  });
  try {
    if (route === 'pay' ? method !== 'POST' : method !== 'GET' && method !== 'HEAD') {
      throw new AppError('METHOD_NOT_ALLOWED', route === 'pay' ? '仅接受 POST' : '仅接受 GET');
    }
    const query = event.queryStringParameters ?? {};
    if (route === 'status') {
      const input = checked(statusQuery, query);
      const gate = await laneOf(deps, input.scene);
      const quote = await laneQuote(deps, gate, checkPlate(input.plate), await deps.clock.now());
      return { ...jsonReply(200, statusOf(quote)), headers: headers(deps, nonce, JSON_TYPE) };
    }
    let input: { scene: string; plate?: string; sessionId?: string; amount?: string };
    if (route === 'pay') {
      const body = rawBody(event);
      if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) {
        throw new AppError('BODY_TOO_LARGE', '请求内容过大');
      }
      input = checked(payForm, entriesToObject(parseForm(body)));
    } else {
      input = checked(pageQuery, query);
    }
    ctx.scene = input.scene;
    const gate = await laneOf(deps, input.scene);
    const lot = await loadLot(deps.db, gate.lotId);
    ctx.place = { lot: lot?.name ?? '', gate: gate.name };
    if (input.plate === undefined) return page(200, { kind: 'ask' });
    let plateText: string;
    try {
      plateText = checkPlate(input.plate);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return page(400, { kind: 'ask', plate: input.plate, error: error.message });
    }
    const now = await deps.clock.now();
    if (route === 'page') {
      return page(200, { kind: 'quote', quote: await laneQuote(deps, gate, plateText, now) });
    }
    const outcome = await startLanePay(
      deps,
      gate,
      { plate: plateText, sessionId: input.sessionId ?? '', amount: Number(input.amount) },
      now,
    );
    if (outcome.kind === 'redirect') {
      return {
        statusCode: 303,
        headers: { ...headers(deps, nonce, 'text/plain; charset=utf-8'), location: outcome.url },
        body: '',
      };
    }
    return page(200, {
      kind: 'quote',
      quote: outcome.quote,
      ...(outcome.notice && { notice: outcome.notice }),
    });
  } catch (error) {
    if (!(error instanceof AppError)) {
      deps.log.error('h5 failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (route === 'status') return jsonReply(500, { code: 'INTERNAL' });
      return page(500, {
        kind: 'message',
        title: '系统繁忙',
        text: '请稍后再试，或联系停车场管理员',
      });
    }
    const status = STATUS[error.code] ?? 409;
    if (route === 'status') {
      return {
        ...jsonReply(status, { code: error.code, message: error.message }),
        headers: headers(deps, nonce, JSON_TYPE),
      };
    }
    return page(status, { kind: 'message', title: error.message, text: `错误代码：${error.code}` });
  }
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** What the page's script learns: the kind, and the line it shows once paid. */
function statusOf(quote: LaneQuote): { kind: LaneQuote['kind']; text: string } {
  return { kind: quote.kind, text: quote.kind === 'paid' ? leaveText(quote.until) : '' };
}
