import {
  GATE_KIND_TEXT,
  type GateForm,
  type SpotForm,
  type TariffForm,
  gateFromForm,
  spotFromForm,
  tariffForm,
  tariffFromForm,
} from '../../services/operator-forms';
import type { Detail, Input, Tap } from '../events';
import { operatorApi } from '../../services/operator-api';
import type { Gate, Outcome, Spot, Tariff } from '../../services/operator-types';
import {
  ROLE_TEXT,
  errorText,
  kindText,
  outcomeText,
  tariffRows,
} from '../../services/operator-view';

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

interface PlaceForm extends GateForm, SpotForm {
  type: 'gate' | 'spot';
  isNew: boolean;
}

const NO_PLACE_FORM: PlaceForm = {
  type: 'gate',
  isNew: true,
  id: '',
  name: '',
  kind: 'entry',
  code: '',
};

// One lot: its tariff, gates or spots, the way to its sessions and reports; owners also edit
// the tariff and places. Opening a gate asks for a reason, like every action on a gate.
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
    tariffRows: [] as Array<{ label: string; value: string }>,
    periodNames: [] as string[],
    gates: [] as Array<{ id: string; name: string; kind: Gate['kind']; kindText: string }>,
    spots: [] as Array<{ id: string; code: string; name: string }>,
    editingTariff: false,
    tariffForm: undefined as TariffForm | undefined,
    tariffError: '',
    /** Every wrong field of the tariff form at once. */
    tariffErrors: [] as string[],
    placeFormShown: false,
    placeForm: NO_PLACE_FORM,
    placeError: '',
    gateKinds: (['entry', 'exit', 'paystation'] as const).map((kind) => ({
      kind,
      text: GATE_KIND_TEXT[kind],
    })),
    saving: false,
    dialogShow: false,
    dialogTitle: '',
    gateToOpen: '',
    notice: '',
    actionError: '',
  },
  tariff: undefined as Tariff | undefined,
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
      this.tariff = tariff.tariff;
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
        tariffRows: tariffRows(tariff.view),
        periodNames: tariff.tariff.periods.map((p) => p.name),
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
    if (!this.tariff) return;
    this.setData({
      editingTariff: true,
      tariffForm: tariffForm(this.tariff),
      tariffError: '',
      tariffErrors: [],
    });
  },
  onCancelTariff() {
    this.setData({ editingTariff: false, tariffError: '', tariffErrors: [] });
  },
  onTariffInput(e: Input<{ field: keyof TariffForm; index?: number }>) {
    const { field, index } = e.currentTarget.dataset;
    const key =
      field === 'prices' || field === 'starts'
        ? `tariffForm.${field}[${Number(index)}]`
        : `tariffForm.${field}`;
    this.setData({ [key]: e.detail.value });
  },
  async onSaveTariff() {
    if (!this.tariff || !this.data.tariffForm || this.data.saving) return;
    const made = tariffFromForm(this.tariff, this.data.tariffForm);
    if (!made.ok) {
      this.setData({ tariffError: '', tariffErrors: Object.values(made.errors) });
      return;
    }
    this.setData({ saving: true, tariffError: '', tariffErrors: [] });
    try {
      await operatorApi.saveTariff(this.data.lotId, made.value);
      this.setData({ editingTariff: false, notice: '收费标准已保存' });
      await this.load();
    } catch (error) {
      this.setData({ tariffError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },

  // Gates and spots (owner).
  onAddPlace() {
    this.setData({
      placeFormShown: true,
      placeForm: { ...NO_PLACE_FORM, type: this.data.gated ? 'gate' : 'spot' },
      placeError: '',
    });
  },
  onEditGate(e: Tap<{ id: string }>) {
    const gate = this.data.gates.find((g) => g.id === e.currentTarget.dataset.id);
    if (!gate) return;
    this.setData({
      placeFormShown: true,
      placeForm: {
        ...NO_PLACE_FORM,
        type: 'gate',
        isNew: false,
        id: gate.id,
        name: gate.name,
        kind: gate.kind,
      },
      placeError: '',
    });
  },
  onEditSpot(e: Tap<{ id: string }>) {
    const spot = this.data.spots.find((s) => s.id === e.currentTarget.dataset.id);
    if (!spot) return;
    this.setData({
      placeFormShown: true,
      placeForm: { ...NO_PLACE_FORM, type: 'spot', isNew: false, ...spot },
      placeError: '',
    });
  },
  onPlaceInput(e: Input<{ field: 'id' | 'name' | 'code' }>) {
    this.setData({ [`placeForm.${e.currentTarget.dataset.field}`]: e.detail.value });
  },
  onPickGateKind(e: Tap<{ kind: Gate['kind'] }>) {
    this.setData({ 'placeForm.kind': e.currentTarget.dataset.kind });
  },
  onCancelPlace() {
    this.setData({ placeFormShown: false, placeError: '' });
  },
  async onSavePlace() {
    if (this.data.saving) return;
    const form = this.data.placeForm;
    const lotId = this.data.lotId;
    const made = form.type === 'gate' ? gateFromForm(lotId, form) : spotFromForm(lotId, form);
    if (!made.ok) {
      this.setData({ placeError: made.message });
      return;
    }
    this.setData({ saving: true, placeError: '' });
    try {
      if (form.type === 'gate') {
        await operatorApi.saveGate(made.value as Parameters<typeof operatorApi.saveGate>[0]);
      } else {
        await operatorApi.saveSpot(made.value as Parameters<typeof operatorApi.saveSpot>[0]);
      }
      this.setData({ placeFormShown: false, notice: form.isNew ? '已添加' : '已保存' });
      await this.load();
    } catch (error) {
      this.setData({ placeError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },

  async onDeleteGate(e: Tap<{ id: string }>) {
    const gate = this.data.gates.find((g) => g.id === e.currentTarget.dataset.id);
    if (gate)
      await this.deletePlace(`删除出入口「${gate.name}」？它的二维码将不能再用。`, () =>
        operatorApi.deleteGate(this.data.lotId, gate.id),
      );
  },
  async onDeleteSpot(e: Tap<{ id: string }>) {
    const spot = this.data.spots.find((s) => s.id === e.currentTarget.dataset.id);
    if (spot)
      await this.deletePlace(`删除泊位「${spot.code}」？它的二维码将不能再用。`, () =>
        operatorApi.deleteSpot(this.data.lotId, spot.id),
      );
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
  onOpenGate(e: Tap<{ id: string }>) {
    const gate = this.data.gates.find((g) => g.id === e.currentTarget.dataset.id);
    if (!gate) return;
    this.setData({
      dialogShow: true,
      dialogTitle: `开启「${gate.name}」`,
      gateToOpen: gate.id,
      notice: '',
      actionError: '',
    });
  },
  onDialogCancel() {
    this.setData({ dialogShow: false });
  },
  async onDialogConfirm(e: Detail<{ reason: string }>) {
    this.setData({ saving: true });
    try {
      const result = await operatorApi.openGate(this.data.gateToOpen, e.detail.reason);
      this.setData({ dialogShow: false, notice: `开闸：${outcomeText(result.outcome)}` });
    } catch (error) {
      this.setData({ dialogShow: false, actionError: errorText(error) });
    } finally {
      this.setData({ saving: false });
    }
  },
});
