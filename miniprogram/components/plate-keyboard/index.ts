import { plateKeyboardProps } from './props';
import {
  confirmable,
  createState,
  deleteBack,
  markConfirmTried,
  moveTo,
  normalisedValue,
  plateOf,
  pressKey,
  setNewEnergy,
  type PlateInputState,
} from './state';
import type { PlateKeyboardChangeDetail, PlateKeyboardConfirmDetail } from './type';
import { viewOf } from './view';

type BoxTap = WechatMiniprogram.BaseEvent<object, { index: number | string }>;
type KeyTap = WechatMiniprogram.BaseEvent<object, { kind: 'char' | 'delete'; key: string }>;

const initial = createState('', false);

Component({
  options: { pureDataPattern: /^_/ },
  properties: plateKeyboardProps,
  data: {
    ...viewOf(initial),
    _state: initial,
    /** The last `newEnergy` property seen, so that only a real change of it is applied. */
    _newEnergyProp: false,
  },
  observers: {
    value(value: string) {
      // A parent that binds `value` to our own `change` output must not reset what is typed.
      if (normalisedValue(value) !== plateOf(this.data._state)) {
        this.show(createState(value, this.data.newEnergy || this.data._state.newEnergy));
      }
    },
    newEnergy(on: boolean) {
      if (on === this.data._newEnergyProp) return;
      this.setData({ _newEnergyProp: on });
      this.show(setNewEnergy(this.data._state, on));
    },
  },
  lifetimes: {
    attached() {
      this.setData({ _newEnergyProp: this.data.newEnergy });
      this.show(createState(this.data.value, this.data.newEnergy));
    },
  },
  methods: {
    show(state: PlateInputState) {
      this.setData({ ...viewOf(state), _state: state });
    },

    /** Applies a driver's edit and tells the parent when the plate changed. */
    edit(next: PlateInputState) {
      const before = this.data._state;
      if (next === before) return;
      this.show(next);
      if (next.chars !== before.chars) {
        const detail: PlateKeyboardChangeDetail = {
          value: plateOf(next),
          valid: confirmable(next) !== null,
          newEnergy: next.newEnergy,
        };
        this.triggerEvent('change', detail);
      }
    },

    onBoxTap(e: BoxTap) {
      if (this.data.disabled) return;
      this.edit(moveTo(this.data._state, Number(e.currentTarget.dataset.index)));
    },

    onKeyTap(e: KeyTap) {
      if (this.data.disabled) return;
      const { kind, key } = e.currentTarget.dataset;
      // A disabled key still receives the tap; pressKey ignores what the rules forbid.
      this.edit(kind === 'delete' ? deleteBack(this.data._state) : pressKey(this.data._state, key));
    },

    onToggleNewEnergy() {
      if (this.data.disabled) return;
      this.edit(setNewEnergy(this.data._state, !this.data._state.newEnergy));
    },

    onConfirm() {
      if (this.data.disabled) return;
      const plate = confirmable(this.data._state);
      if (plate === null) {
        this.show(markConfirmTried(this.data._state));
        return;
      }
      const detail: PlateKeyboardConfirmDetail = plate;
      this.triggerEvent('confirm', detail);
    },
  },
});
