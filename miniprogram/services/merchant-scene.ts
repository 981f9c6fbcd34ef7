// Merchant QR scenes (server/merchant): `m:<code>` invites a merchant's staff, `d:<code>` is a
// one-time discount, `c:<code>` a shop counter's discount. Bare, URL-encoded or in a printed URL.
import { normalizeCode } from './invitation-code';

const CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export interface MerchantScene {
  kind: 'join' | 'discount';
  /** The scene as the server takes it (`d:`/`c:` kept, so the code's kind is known). */
  code: string;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function merchantSceneOf(scene: string): MerchantScene | undefined {
  let text = scene.trim();
  const query = /[?&]scene=([^&#]+)/.exec(text);
  if (query) text = query[1] as string;
  const m = /^([mdc]):(.+)$/i.exec(safeDecode(text));
  if (!m) return undefined;
  const code = normalizeCode(m[2] as string);
  if (!CODE.test(code)) return undefined;
  const prefix = (m[1] as string).toLowerCase();
  return prefix === 'm' ? { kind: 'join', code } : { kind: 'discount', code: `${prefix}:${code}` };
}

/** The page a merchant scene opens. */
export function merchantPageOf(s: MerchantScene): string {
  return s.kind === 'join'
    ? `/merchant/join/index?code=${s.code}`
    : `/merchant/redeem/index?code=${encodeURIComponent(s.code)}`;
}
