import { type TariffForm, tariffForm, tariffFromForm } from '../../../services/operator-forms';
import type { Tariff } from '../../../services/operator-types';
import type { Input } from '../../events';

/** Detail of `save`: the tariff with the form's fields, already checked (operator-forms). */
export interface TariffSaveDetail {
  tariff: Tariff;
}

/** One line of the tariff as shown (services/operator-views/lot.ts `tariffRows`). */
export interface TariffRow {
  label: string;
  value: string;
}

// A lot's 收费标准: its lines, and for an owner the form that edits it. The page opens and closes
// the form (`editing`, after `edit`/`cancel`/a saved `save`) and shows the server's refusal
// (`error`); the form's fields and their checks are the component's.
Component({
  properties: {
    /** TariffRow[]: the tariff as label–value lines. */
    rows: { type: Array, value: [] },
    /** The Tariff the form starts from and saves over (periods keep their names). */
    tariff: { type: Object, value: {} },
    /** Whether the caller may edit (an owner). */
    editable: { type: Boolean, value: false },
    /** Whether the form is shown; each opening starts from `tariff`. */
    editing: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
    /** The server's refusal of the last save. */
    error: { type: String, value: '' },
  },
  data: {
    form: undefined as TariffForm | undefined,
    periodNames: [] as string[],
    /** Every wrong field of the form at once. */
    errors: [] as string[],
    shownError: '',
  },
  observers: {
    editing(editing: boolean) {
      const tariff = this.data.tariff as Tariff;
      if (!editing || !tariff.periods) return;
      this.setData({
        form: tariffForm(tariff),
        periodNames: tariff.periods.map((p) => p.name),
        errors: [],
        shownError: '',
      });
    },
    error(error: string) {
      this.setData({ shownError: error });
    },
  },
  methods: {
    onEdit() {
      this.triggerEvent('edit', {});
    },
    onCancel() {
      this.setData({ errors: [], shownError: '' });
      this.triggerEvent('cancel', {});
    },
    onInput(e: Input<{ field: keyof TariffForm; index?: number }>) {
      const { field, index } = e.currentTarget.dataset;
      const key =
        field === 'prices' || field === 'starts'
          ? `form.${field}[${Number(index)}]`
          : `form.${field}`;
      this.setData({ [key]: e.detail.value });
    },
    onSave() {
      const form = this.data.form;
      if (!form || this.data.busy) return;
      const made = tariffFromForm(this.data.tariff as Tariff, form);
      if (!made.ok) {
        this.setData({ shownError: '', errors: Object.values(made.errors) });
        return;
      }
      this.setData({ shownError: '', errors: [] });
      const detail: TariffSaveDetail = { tariff: made.value };
      this.triggerEvent('save', detail);
    },
  },
});
