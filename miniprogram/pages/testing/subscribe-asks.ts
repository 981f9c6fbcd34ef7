// Records wx.requestSubscribeMessage asks in a page test: template ids are set for every kind
// (the build leaves them empty, and an empty kind is never asked), and each ask notes how many
// payments had started, so a test can tell the ask came inside the tap, before the cashier.
import { SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../services/subscribe';
import type { WxFakes } from './wx-fakes';

export interface SubscribeAsks {
  /** Each ask: the kinds asked for (by template id) and the payments started before it. */
  asked: { kinds: SubscribeKind[]; payments: number }[];
  restore(): void;
}

export function recordSubscribeAsks(wxf: WxFakes): SubscribeAsks {
  const kinds = Object.keys(SUBSCRIBE_TEMPLATES) as SubscribeKind[];
  const savedIds = { ...SUBSCRIBE_TEMPLATES };
  for (const kind of kinds) SUBSCRIBE_TEMPLATES[kind] = `tmpl-${kind}`;
  const target = wx as unknown as Record<string, unknown>;
  const saved = target.requestSubscribeMessage;
  const asked: SubscribeAsks['asked'] = [];
  target.requestSubscribeMessage = (o: { tmplIds: string[]; complete?: () => void }) => {
    asked.push({
      kinds: o.tmplIds.map((id) => id.replace(/^tmpl-/, '') as SubscribeKind),
      payments: wxf.payments.length,
    });
    o.complete?.();
  };
  return {
    asked,
    restore() {
      Object.assign(SUBSCRIBE_TEMPLATES, savedIds);
      target.requestSubscribeMessage = saved;
    },
  };
}
