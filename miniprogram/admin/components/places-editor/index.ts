import {
  GATE_KIND_TEXT,
  NO_PLACE_FORM,
  type PlaceForm,
  type PlaceRecord,
  placeFromForm,
} from '../../../services/operator-forms';
import type { Gate } from '../../../services/operator-types';
import type { Input, Tap } from '../../events';

/** A gate as the list shows it. */
export interface GateItem {
  id: string;
  name: string;
  kind: Gate['kind'];
  kindText: string;
}

/** A spot as the list shows it. */
export interface SpotItem {
  id: string;
  code: string;
  name: string;
}

/** Detail of `save`: the gate or spot of the form, already checked (operator-forms). */
export type PlaceSaveDetail = PlaceRecord;

/** Detail of `delete`: which place the owner asked to delete (not yet confirmed). */
export interface PlaceDeleteDetail {
  type: 'gate' | 'spot';
  id: string;
}

/** Detail of `opengate`: the gate to open by hand. */
export interface OpenGateDetail {
  id: string;
}

// A lot's places: the gates of a gated lot (each opened by hand unless a pay station) or the spots
// of a roadside one, and for an owner the form that adds or edits one. The page shows the form
// (`formShown`, after `formopen`; hidden after `formcancel` or a saved `save`), shows the server's
// refusal (`error`) and asks before a `delete`; the form's fields and their checks are ours.
Component({
  properties: {
    lotId: { type: String, value: '' },
    /** A gated lot has gates; a roadside one has spots. */
    gated: { type: Boolean, value: true },
    /** Whether the caller may add, edit and delete (an owner). */
    editable: { type: Boolean, value: false },
    /** GateItem[] */
    gates: { type: Array, value: [] },
    /** SpotItem[] */
    spots: { type: Array, value: [] },
    formShown: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
    /** The server's refusal of the last save. */
    error: { type: String, value: '' },
  },
  data: {
    form: NO_PLACE_FORM,
    shownError: '',
    gateKinds: (['entry', 'exit', 'paystation'] as const).map((kind) => ({
      kind,
      text: GATE_KIND_TEXT[kind],
    })),
  },
  observers: {
    error(error: string) {
      this.setData({ shownError: error });
    },
  },
  methods: {
    openForm(form: PlaceForm) {
      this.setData({ form, shownError: '' });
      this.triggerEvent('formopen', {});
    },
    onAdd() {
      this.openForm({ ...NO_PLACE_FORM, type: this.data.gated ? 'gate' : 'spot' });
    },
    onEditGate(e: Tap<{ id: string }>) {
      const gates = this.data.gates as GateItem[];
      const gate = gates.find((g) => g.id === e.currentTarget.dataset.id);
      if (!gate) return;
      const { id, name, kind } = gate;
      this.openForm({ ...NO_PLACE_FORM, type: 'gate', isNew: false, id, name, kind });
    },
    onEditSpot(e: Tap<{ id: string }>) {
      const spots = this.data.spots as SpotItem[];
      const spot = spots.find((s) => s.id === e.currentTarget.dataset.id);
      if (!spot) return;
      this.openForm({ ...NO_PLACE_FORM, type: 'spot', isNew: false, ...spot });
    },
    onInput(e: Input<{ field: 'id' | 'name' | 'code' }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value });
    },
    onPickGateKind(e: Tap<{ kind: Gate['kind'] }>) {
      this.setData({ 'form.kind': e.currentTarget.dataset.kind });
    },
    onCancel() {
      this.setData({ shownError: '' });
      this.triggerEvent('formcancel', {});
    },
    onSave() {
      if (this.data.busy) return;
      const made = placeFromForm(this.data.lotId, this.data.form);
      if (!made.ok) {
        this.setData({ shownError: made.message });
        return;
      }
      this.setData({ shownError: '' });
      const detail: PlaceSaveDetail = made.value;
      this.triggerEvent('save', detail);
    },
    onDeleteGate(e: Tap<{ id: string }>) {
      const detail: PlaceDeleteDetail = { type: 'gate', id: e.currentTarget.dataset.id };
      this.triggerEvent('delete', detail);
    },
    onDeleteSpot(e: Tap<{ id: string }>) {
      const detail: PlaceDeleteDetail = { type: 'spot', id: e.currentTarget.dataset.id };
      this.triggerEvent('delete', detail);
    },
    onOpenGate(e: Tap<{ id: string }>) {
      const detail: OpenGateDetail = { id: e.currentTarget.dataset.id };
      this.triggerEvent('opengate', detail);
    },
  },
});
