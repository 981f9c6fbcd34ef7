import type { GiveResult } from '../../services/merchant-types';
import { merchantJoinApi } from '../../services/merchant-api';
import { errorText } from '../../services/operator-view';

type Input = WechatMiniprogram.CustomEvent<{ value: string }>;
type Tap = WechatMiniprogram.TouchEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  { plate: string }
>;

function resultText(r: GiveResult): string {
  if (r.outcome === 'waiting') return `${r.plate} 尚未入场，今日入场后自动使用「${r.offerLabel}」`;
  return `「${r.offerLabel}」已用于 ${r.plate}，离场时自动抵扣`;
}

// A driver scanned a shop's discount QR (d:/c:): pick the car (remembered plates) and use it.
// The server uses a one-time code once, for one plate; a repeat by the same driver is the same.
Page({
  data: {
    code: '',
    plates: [] as string[],
    plate: '',
    busy: false,
    result: '',
    error: '',
  },
  async onLoad(query: Record<string, string | undefined>) {
    this.setData({ code: decodeURIComponent(query.code ?? '') });
    try {
      const { plates } = await merchantJoinApi.plates();
      this.setData({ plates, plate: plates[0] ?? '' });
    } catch {
      // The plate can still be typed.
    }
  },
  onPick(e: Tap) {
    this.setData({ plate: e.currentTarget.dataset.plate });
  },
  onPlateInput(e: Input) {
    this.setData({ plate: e.detail.value });
  },
  async onUse() {
    if (this.data.busy) return;
    const plate = this.data.plate.trim().toUpperCase();
    if (plate === '') {
      this.setData({ error: '请选择或输入车牌号' });
      return;
    }
    this.setData({ busy: true, error: '' });
    try {
      const r = await merchantJoinApi.redeem(this.data.code, plate);
      this.setData({ result: resultText(r) });
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ busy: false });
    }
  },
});
