import type { Detail, Input, Tap } from '../events';
import {
  ARREARS_CHOICES,
  KIND_CHOICES,
  type LotForm,
  NO_ENTRY_CHOICES,
  ROAD_CHOICES,
  lotForm,
  lotFromForm,
  newLotForm,
} from '../../services/lot-form';
import { operatorApi } from '../../services/operator-api';
import type { Lot } from '../../services/operator-types';
import { errorText } from '../../services/operator-view';

type TextField = Exclude<
  keyof LotForm,
  'kind' | 'entryPrepay' | 'road' | 'noEntry' | 'arrearsPolicy' | 'split'
>;

// A lot's settings (owner): opened with ?lotId= to edit one, without to create one. Every wrong
// field is named at once beside the form; the server checks again and writes the audit record
// (old → new).
Page({
  data: {
    lotId: '',
    isNew: true,
    status: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    form: newLotForm(),
    errors: {} as Record<string, string>,
    errorList: [] as string[],
    kinds: KIND_CHOICES,
    roads: ROAD_CHOICES,
    noEntryChoices: NO_ENTRY_CHOICES,
    arrearsChoices: ARREARS_CHOICES,
    reason: '',
    saving: false,
    notice: '',
  },
  lot: undefined as Lot | undefined,
  onLoad(query: Record<string, string | undefined>) {
    const lotId = decodeURIComponent(query.lotId ?? '');
    this.setData({ lotId, isNew: lotId === '' });
    wx.setNavigationBarTitle({ title: lotId === '' ? '新建停车场' : '停车场设置' });
    void this.load();
  },
  async load() {
    try {
      if (this.data.isNew) {
        // Start from the merchant and region of a lot the owner already runs.
        const { lots } = await operatorApi.lots();
        const like = lots.find((l) => l.role === 'owner');
        this.setData({ status: 'ready', form: newLotForm(like) });
        return;
      }
      const { lot } = await operatorApi.lot(this.data.lotId);
      this.lot = lot;
      this.setData({ status: 'ready', form: lotForm(lot) });
    } catch (error) {
      this.setData({ status: 'error', message: errorText(error) });
    }
  },
  onInput(e: Input<{ field: TextField }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
  },
  onReasonInput(e: Input) {
    this.setData({ reason: e.detail.value });
  },
  onPrepaySwitch(e: Detail<{ value: boolean }>) {
    this.setData({ 'form.entryPrepay': Boolean(e.detail.value) });
  },
  onPickKind(e: Tap<{ value: Lot['kind'] }>) {
    if (!this.data.isNew) return; // the kind of a lot is fixed once created
    this.setData({ 'form.kind': e.currentTarget.dataset.value });
  },
  onPickRoad(e: Tap<{ value: '1' | '9' }>) {
    this.setData({ 'form.road': e.currentTarget.dataset.value });
  },
  onPickNoEntry(e: Tap<{ value: LotForm['noEntry'] }>) {
    this.setData({ 'form.noEntry': e.currentTarget.dataset.value });
  },
  onPickArrears(e: Tap<{ value: LotForm['arrearsPolicy'] }>) {
    this.setData({ 'form.arrearsPolicy': e.currentTarget.dataset.value });
  },
  onAddSplit() {
    this.setData({ 'form.split': [...this.data.form.split, { cusid: '', share: '' }] });
  },
  onRemoveSplit(e: Tap<{ index: number }>) {
    const index = Number(e.currentTarget.dataset.index);
    this.setData({ 'form.split': this.data.form.split.filter((_, i) => i !== index) });
  },
  onSplitInput(e: Input<{ index: number; field: 'cusid' | 'share' }>) {
    const { index, field } = e.currentTarget.dataset;
    this.setData({ [`form.split[${Number(index)}].${field}`]: e.detail.value });
  },
  async onSave() {
    if (this.data.saving) return;
    const made = lotFromForm(this.data.form, this.lot);
    if (!made.ok) {
      this.setData({ errors: made.errors, errorList: Object.values(made.errors), notice: '' });
      return;
    }
    this.setData({ saving: true, errors: {}, errorList: [], notice: '' });
    try {
      if (this.data.isNew) {
        const { tariffId: _tariff, ...lot } = made.value;
        const created = await operatorApi.createLot(lot);
        wx.showToast({ title: '停车场已创建', icon: 'success' });
        void wx.redirectTo({
          url: `/admin/lot/index?lotId=${encodeURIComponent(created.lot.id)}`,
        });
        return;
      }
      const reason = this.data.reason.trim();
      const saved = await operatorApi.saveLot(made.value, reason || undefined);
      this.lot = saved.lot;
      this.setData({ form: lotForm(saved.lot), notice: '设置已保存', reason: '' });
    } catch (error) {
      this.setData({ errorList: [errorText(error)] });
    } finally {
      this.setData({ saving: false });
    }
  },
});
