import { GATE_KIND_TEXT } from '../../services/operator-forms';
import type { Detail, Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import type { Outcome, Spot, Tariff } from '../../services/operator-types';
import {
  ROLE_TEXT,
  errorText,
  kindText,
  outcomeText,
  tariffRows,
} from '../../services/operator-view';
import type { TariffRow, TariffSaveDetail } from '../components/tariff-editor/index';
import type {
  GateItem,
  OpenGateDetail,
  PlaceDeleteDetail,
  PlaceSaveDetail,
  SpotItem,
} from '../components/places-editor/index';
import type { GateOpenDetail } from '../components/gate-dialog/index';

function confirm(content: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '请确认',
      content,
      confirmText: '删除',
      confirmColor: '#d54941',
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

// One lot: its tariff, gates or spots, the way to its sessions and reports; owners also edit
// the tariff and places. Opening a gate asks for a reason, like every action on a gate.
// The page loads and saves; the tariff editor, the places editor and the gate dialog
// (admin/components) hold the forms and their checks.
Page({
  data: {
    lotId: '',
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    name: '',
    kindText: '',
    gated: true,
    isOwner: false,
    roleText: '',
    tariff: {} as Tariff | Record<string, never>,
    tariffRows: [] as TariffRow[],
    gates: [] as GateItem[],
    spots: [] as SpotItem[],
    editingTariff: false,
    tariffError: '',
    placeFormShown: false,
    placeError: '',
    saving: false,
    gateToOpen: '',
    gateToOpenName: '',
    notice: '',
    actionError: '',
  },
  /** Whether this page is the one on top: wx.setNavigationBarTitle titles whichever page is. */
  onTop: false,
  onLoad(query: Record<string, string | undefined>) {
    this.setData({ lotId: decodeURIComponent(query.lotId ?? '') });
  },
  onShow() {
    this.onTop = true;
    // Back from a page it opened: its title again at once, then whatever the reload finds.
    if (this.data.name) wx.setNavigationBarTitle({ title: this.data.name });
    void this.load();
  },
  onHide() {
    this.onTop = false;
  },
  onUnload() {
    this.onTop = false;
  },
  async load() {
    const lotId = this.data.lotId;
    try {
      const [{ lot, role }, tariff] = await Promise.all([
        operatorApi.lot(lotId),
        operatorApi.tariff(lotId),
      ]);
      const gated = lot.kind === 'gated';
      const gates = gated ? (await operatorApi.gates(lotId)).gates : [];
      const spots = gated ? [] : (await operatorApi.spots(lotId)).spots;
      // The operator may have opened another page (or gone back) while this loaded.
      if (this.onTop) wx.setNavigationBarTitle({ title: lot.name });
      this.setData({
        status: 'ready',
        message: '',
        name: lot.name,
        kindText: kindText(lot.kind),
        gated,
        isOwner: role === 'owner',
        roleText: ROLE_TEXT[role],
        tariff: tariff.tariff,
        tariffRows: tariffRows(tariff.view),
        gates: gates.map((g) => ({
          id: g.id,
          name: g.name,
          kind: g.kind,
          kindText: GATE_KIND_TEXT[g.kind],
        })),
        spots: spots.map((s: Spot) => ({ id: s.id, code: s.code, name: s.name })),
      });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },

  onNavigate(e: Tap<{ page: string }>) {
    const lotId = encodeURIComponent(this.data.lotId);
    void wx.navigateTo({
      url: `/admin/${e.currentTarget.dataset.page}/index?lotId=${lotId}`,
    });
  },

  // Tariff (owner).
  onEditTariff() {
    if (this.data.status !== 'ready') return;
    this.setData({ editingTariff: true, tariffError: '' });
  },
  onCancelTariff() {
    this.setData({ editingTariff: false, tariffError: '' });
  },
  async onSaveTariff(e: Detail<TariffSaveDetail>) {
    if (this.data.saving) return;
    this.setData({ saving: true, tariffError: '' });
    try {
      await operatorApi.saveTariff(this.data.lotId, e.detail.tariff);
      this.setData({ editingTariff: false, notice: '收费标准已保存' });
      await this.load();
    } catch (error) {
      this.setData({ tariffError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },

  // Gates and spots (owner).
  onPlaceFormOpen() {
    this.setData({ placeFormShown: true, placeError: '' });
  },
  onPlaceFormCancel() {
    this.setData({ placeFormShown: false, placeError: '' });
  },
  async onSavePlace(e: Detail<PlaceSaveDetail>) {
    if (this.data.saving) return;
    const place = e.detail;
    this.setData({ saving: true, placeError: '' });
    try {
      if (place.type === 'gate') await operatorApi.saveGate(place.gate);
      else await operatorApi.saveSpot(place.spot);
      this.setData({ placeFormShown: false, notice: place.isNew ? '已添加' : '已保存' });
      await this.load();
    } catch (error) {
      this.setData({ placeError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },

  async onDeletePlace(e: Detail<PlaceDeleteDetail>) {
    const { type, id } = e.detail;
    const lotId = this.data.lotId;
    if (type === 'gate') {
      const gate = this.data.gates.find((g) => g.id === id);
      if (gate)
        await this.deletePlace(`删除出入口「${gate.name}」？它的二维码将不能再用。`, () =>
          operatorApi.deleteGate(lotId, gate.id),
        );
    } else {
      const spot = this.data.spots.find((s) => s.id === id);
      if (spot)
        await this.deletePlace(`删除泊位「${spot.code}」？它的二维码将不能再用。`, () =>
          operatorApi.deleteSpot(lotId, spot.id),
        );
    }
  },
  async deletePlace(question: string, remove: () => Promise<{ outcome: Outcome }>) {
    if (this.data.saving || !(await confirm(question))) return;
    this.setData({ saving: true, notice: '', actionError: '' });
    try {
      const result = await remove();
      this.setData({ notice: `删除：${outcomeText(result.outcome)}` });
      await this.load();
    } catch (error) {
      this.setData({ actionError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },

  // Opening a gate by hand.
  onOpenGate(e: Detail<OpenGateDetail>) {
    const gate = this.data.gates.find((g) => g.id === e.detail.id);
    if (!gate) return;
    this.setData({ gateToOpen: gate.id, gateToOpenName: gate.name, notice: '', actionError: '' });
  },
  onGateDialogCancel() {
    this.setData({ gateToOpen: '' });
  },
  async onGateDialogConfirm(e: Detail<GateOpenDetail>) {
    this.setData({ saving: true });
    try {
      const result = await operatorApi.openGate(e.detail.gateId, e.detail.reason);
      this.setData({ gateToOpen: '', notice: `开闸：${outcomeText(result.outcome)}` });
    } catch (error) {
      this.setData({ gateToOpen: '', actionError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },
});
