import type {
  PlateKeyboardChangeDetail,
  PlateKeyboardConfirmDetail,
} from '../../components/plate-keyboard/type';
import { derivePlate, forgetPlate, listPlates, resolveScene } from '../../services/driver-api';
import { errorText, tariffLines } from '../../services/driver-format';
import { queryValue, type PageQuery } from '../../services/driver-query';
import { ask, navigateTo, toast } from '../../services/driver-wx';
import {
  PURPOSE_ACTION,
  PURPOSE_TITLE,
  nextPageOf,
  placeSceneOf,
  type PlacePlace,
  type PlatePurpose,
  type PlateTarget,
} from './purpose';

type PlateTap = WechatMiniprogram.BaseEvent<object, { plate: string }>;

// The plate of the car: remembered plates first (one tap), the plate keyboard, or "no plate"
// with the plate derived for this driver (protocol note 15).
Page({
  data: {
    title: '',
    action: '',
    plates: [] as string[],
    typed: '',
    valid: false,
    derived: '',
    deriving: false,
    error: '',
    /** Where the driver is about to commit, and what it costs (before any plate is given). */
    place: null as PlacePlace | null,
  },
  _target: { purpose: 'entry', lotId: '', gateId: '', spotId: '' } as PlateTarget,
  _leaving: false,

  onLoad(query: PageQuery) {
    const purpose = (queryValue(query, 'purpose') || 'entry') as PlatePurpose;
    this._target = {
      purpose: PURPOSE_TITLE[purpose] ? purpose : 'entry',
      lotId: queryValue(query, 'lotId'),
      gateId: queryValue(query, 'gateId'),
      spotId: queryValue(query, 'spotId'),
    };
    this.setData({
      title: PURPOSE_TITLE[this._target.purpose],
      action: PURPOSE_ACTION[this._target.purpose],
    });
    void this.loadPlates();
    void this.loadPlace();
  },

  async loadPlace() {
    const scene = placeSceneOf(this._target);
    if (!scene) return;
    try {
      const found = await resolveScene(scene);
      const where = found.gate ?? found.spot;
      this.setData({
        place: {
          lotId: found.lot.id,
          lotName: found.lot.name,
          whereLabel: found.spot ? '车位' : found.gate?.kind === 'entry' ? '入口' : '出口',
          whereName: where?.name ?? '',
          tariffName: found.tariff?.name ?? '',
          prices: tariffLines(found.tariff),
        },
      });
    } catch {
      // The plate can be given without it; the next page names the place again.
    }
  },

  onShow() {
    this._leaving = false;
  },

  /** The lot's passes on sale (a pass car parks without paying each time). */
  onPasses() {
    const lotId = this.data.place?.lotId;
    if (lotId) void navigateTo(`/pages/passes/passes?lotId=${encodeURIComponent(lotId)}`);
  },

  async loadPlates() {
    try {
      const { plates } = await listPlates();
      this.setData({ plates });
    } catch {
      // Typing the plate works without the remembered ones.
    }
  },

  go(choice: { plate: string } | { noPlate: true }) {
    // A second tap while the next page opens must not open it twice.
    if (this._leaving) return;
    this._leaving = true;
    void navigateTo(nextPageOf(this._target, choice));
  },

  onPickPlate(e: PlateTap) {
    this.go({ plate: e.currentTarget.dataset.plate });
  },

  async onForgetPlate(e: PlateTap) {
    const plate = e.currentTarget.dataset.plate;
    if (!(await ask('删除车牌', `不再记住 ${plate}？`, '删除'))) return;
    try {
      const { plates } = await forgetPlate(plate);
      this.setData({ plates });
    } catch (error) {
      toast(errorText(error));
    }
  },

  onPlateChange(e: WechatMiniprogram.CustomEvent<PlateKeyboardChangeDetail>) {
    this.setData({ typed: e.detail.value, valid: e.detail.valid, error: '' });
  },

  onPlateConfirm(e: WechatMiniprogram.CustomEvent<PlateKeyboardConfirmDetail>) {
    this.go({ plate: e.detail.value });
  },

  onNext() {
    if (!this.data.valid) {
      this.setData({ error: '请输入完整的车牌号' });
      return;
    }
    this.go({ plate: this.data.typed });
  },

  async onNoPlate() {
    if (this.data.deriving) return;
    this.setData({ deriving: true, error: '' });
    try {
      const { plate } = await derivePlate(this._target.lotId);
      this.setData({ derived: plate });
    } catch (error) {
      this.setData({ error: errorText(error) });
    } finally {
      this.setData({ deriving: false });
    }
  },

  onUseDerived() {
    this.go({ noPlate: true });
  },

  onBackToKeyboard() {
    this.setData({ derived: '' });
  },
});
