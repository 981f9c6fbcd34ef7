import {
  BILLING_CHOICES,
  DISCOUNT_CHOICES,
  type DiscountKind,
  type MerchantForm,
  merchantForm,
  merchantFromForm,
  newMerchantForm,
  newMerchantId,
  newOfferRow,
} from '../../../services/merchant-form';
import type { LotMerchant } from '../../../services/merchant-types';
import type { Input, Tap } from '../../events';

/** Detail of `save`: the merchant, checked (services/merchant-form.ts), and the reason typed. */
export interface MerchantSaveDetail {
  merchant: Omit<LotMerchant, 'balance'>;
  reason: string;
}

const MAX_OFFERS = 10;

// A merchant's own settings (operator): name, billing, the discounts its staff may give and the
// daily limits. Starts from `merchant` (editing) or a new merchant's defaults; the page saves
// (`save`) and shows the server's refusal (`error`).
Component({
  properties: {
    /** The merchant being edited; one without an id (the default): a new one. */
    merchant: { type: Object, value: {} },
    lotId: { type: String, value: '' },
    busy: { type: Boolean, value: false },
    /** The server's refusal of the last save. */
    error: { type: String, value: '' },
  },
  data: {
    form: newMerchantForm() as MerchantForm,
    isNew: true,
    /** The id of the merchant the form started from ('' a new one; null: not started). */
    startedFrom: null as string | null,
    reason: '',
    billings: BILLING_CHOICES,
    kinds: DISCOUNT_CHOICES,
    /** Every wrong field at once. */
    errors: [] as string[],
    shownError: '',
  },
  observers: {
    merchant(merchant: Partial<LotMerchant> | null) {
      const editing = merchant?.id ? (merchant as LotMerchant) : undefined;
      // The host re-setting the same merchant (any re-render) must not wipe what was typed.
      const key = editing?.id ?? '';
      if (this.data.startedFrom === key) return;
      this.setData({
        form: editing ? merchantForm(editing) : newMerchantForm(),
        isNew: !editing,
        startedFrom: key,
        reason: '',
        errors: [],
        shownError: '',
      });
    },
    error(error: string) {
      this.setData({ shownError: error });
    },
  },
  methods: {
    onInput(e: Input<{ field: keyof MerchantForm }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    onOfferInput(e: Input<{ index: number; field: 'label' | 'value' | 'capYuan' }>) {
      const { index, field } = e.currentTarget.dataset;
      this.setData({ [`form.offers[${Number(index)}].${field}`]: e.detail.value });
    },
    onPickKind(e: Tap<{ index: number; kind: DiscountKind }>) {
      const { index, kind } = e.currentTarget.dataset;
      this.setData({ [`form.offers[${Number(index)}].kind`]: kind });
    },
    onPickBilling(e: Tap<{ value: MerchantForm['billing'] }>) {
      this.setData({ 'form.billing': e.currentTarget.dataset.value });
    },
    onActive(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.active': Boolean(e.detail.value) });
    },
    onAddOffer() {
      const offers = this.data.form.offers;
      if (offers.length >= MAX_OFFERS) return;
      this.setData({ 'form.offers': [...offers, newOfferRow()] });
    },
    onRemoveOffer(e: Tap<{ index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ 'form.offers': this.data.form.offers.filter((_, i) => i !== index) });
    },
    onReasonInput(e: Input) {
      this.setData({ reason: e.detail.value });
    },
    onSave() {
      if (this.data.busy) return;
      const made = merchantFromForm(this.data.form, this.data.lotId, newMerchantId());
      if (!made.ok) {
        this.setData({ shownError: '', errors: Object.values(made.errors) });
        return;
      }
      this.setData({ shownError: '', errors: [] });
      const detail: MerchantSaveDetail = { merchant: made.value, reason: this.data.reason.trim() };
      this.triggerEvent('save', detail);
    },
    onCancel() {
      this.triggerEvent('cancel', {});
    },
  },
});
