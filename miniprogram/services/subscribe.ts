// Asking the driver to subscribe (wx.requestSubscribeMessage) at the moments WeChat allows: inside
// a tap, before the action whose outcome the message reports (e.g. buying a pass → its receipt).
// The template ids are those configured for the functions (PARKING_SUBSCRIBE_TEMPLATES); a kind
// with no id is not asked for.
import { APP_CONFIG } from '../config';

export type SubscribeKind =
  'passReceipt' | 'passExpiring' | 'parkingReceipt' | 'paymentFailed' | 'bookingReleasing';

/** Template ids by kind, set at build time (config.ts; empty: not asked). */
export const SUBSCRIBE_TEMPLATES: Record<SubscribeKind, string> = APP_CONFIG.subscribeTemplates;

/** Resolves once the driver answered (whatever the answer: the action goes on either way). */
export function askSubscribe(kinds: readonly SubscribeKind[]): Promise<void> {
  const tmplIds = kinds.map((k) => SUBSCRIBE_TEMPLATES[k]).filter(Boolean);
  if (tmplIds.length === 0 || typeof wx.requestSubscribeMessage !== 'function') {
    return Promise.resolve();
  }
  return new Promise((resolve) =>
    wx.requestSubscribeMessage({
      tmplIds,
      complete: () => resolve(),
    } as WechatMiniprogram.RequestSubscribeMessageOption),
  );
}
