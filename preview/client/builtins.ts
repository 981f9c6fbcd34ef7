import type { Overlays } from './overlays';
import type { Simulate } from './simulate-types';

/**
 * simulate registers WeChat's built-in components as empty shells (`<slot/>`), so an `<input>`
 * cannot be typed in and an `<image>` shows nothing. The preview registers working ones over
 * them: real HTML inside the `wx-*` host element, with WeChat's properties and events.
 */

interface BuiltinSelf {
  $$: HTMLElement;
  data: Record<string, unknown>;
  triggerEvent(name: string, detail?: unknown): void;
  __node?: HTMLElement;
}

const str = (v: unknown, fallback = '') => (v === undefined || v === null ? fallback : String(v));

function syncField(self: BuiltinSelf, tag: 'input' | 'textarea'): void {
  let node = self.__node as HTMLInputElement | HTMLTextAreaElement | undefined;
  if (!node) {
    node = document.createElement(tag);
    node.className = `pv-field pv-field--${tag}`;
    const field = node;
    const detail = () => ({
      value: field.value,
      cursor: field.selectionStart ?? field.value.length,
    });
    field.addEventListener('input', () => self.triggerEvent('input', { ...detail(), keyCode: 0 }));
    field.addEventListener('focus', () =>
      self.triggerEvent('focus', { value: field.value, height: 0 }),
    );
    field.addEventListener('blur', () => self.triggerEvent('blur', detail()));
    field.addEventListener('keydown', (e: Event) => {
      if ((e as KeyboardEvent).key === 'Enter' && tag === 'input')
        self.triggerEvent('confirm', { value: field.value });
    });
    self.$$.appendChild(field);
    self.__node = field;
  }
  const d = self.data;
  const value = str(d.value);
  if (node.value !== value) node.value = value;
  node.placeholder = str(d.placeholder);
  node.disabled = !!d.disabled;
  const max = Number(d.maxlength ?? 140);
  if (max >= 0) node.maxLength = max;
  else node.removeAttribute('maxlength');
  if (node instanceof HTMLInputElement) {
    const type = str(d.type, 'text');
    node.type = d.password ? 'password' : 'text';
    // WeChat's number/digit/idcard keyboards: the closest the browser offers.
    node.inputMode = type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : 'text';
  }
  if (d.focus) node.focus();
}

const FIT: Record<string, string> = {
  scaleToFill: 'fill',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: 'fill',
  heightFix: 'fill',
};

function syncImage(self: BuiltinSelf): void {
  let img = self.__node as HTMLImageElement | undefined;
  if (!img) {
    img = document.createElement('img');
    img.className = 'pv-image';
    const image = img;
    image.addEventListener('load', () =>
      self.triggerEvent('load', { width: image.naturalWidth, height: image.naturalHeight }),
    );
    image.addEventListener('error', () =>
      self.triggerEvent('error', { errMsg: `GET ${image.src} failed` }),
    );
    self.$$.appendChild(image);
    self.__node = image;
  }
  const mode = str(self.data.mode, 'scaleToFill');
  img.style.objectFit = FIT[mode] ?? 'none';
  self.$$.dataset.mode = mode;
  const src = str(self.data.src);
  if (img.getAttribute('src') !== src) {
    if (src) img.src = src;
    else img.removeAttribute('src');
  }
}

function syncSwitch(self: BuiltinSelf): void {
  let box = self.__node as HTMLInputElement | undefined;
  if (!box) {
    box = document.createElement('input');
    box.type = 'checkbox';
    const input = box;
    input.addEventListener('change', () => self.triggerEvent('change', { value: input.checked }));
    self.$$.appendChild(input);
    self.__node = input;
  }
  const isCheckbox = self.data.type === 'checkbox';
  box.className = isCheckbox ? 'pv-checkbox' : 'pv-switch';
  box.setAttribute('role', isCheckbox ? 'checkbox' : 'switch');
  box.checked = !!self.data.checked;
  box.disabled = !!self.data.disabled;
}

/** `<picker>` opens a sheet on a tap of what it wraps (selector, date and time modes). */
function pickerOpener(overlays: Overlays) {
  return (self: BuiltinSelf): void => {
    if (self.__node) return;
    self.__node = self.$$;
    self.$$.addEventListener('click', () => {
      const d = self.data;
      if (d.disabled) return;
      const mode = str(d.mode, 'selector');
      const done = (value: unknown) =>
        value === null ? self.triggerEvent('cancel', {}) : self.triggerEvent('change', { value });
      if (mode === 'date' || mode === 'time') {
        overlays.pickDateTime(mode, str(d.value), str(d.start), str(d.end)).then((v) => done(v));
        return;
      }
      if (mode !== 'selector') {
        console.warn(`picker mode="${mode}" is not supported by the preview`);
        return;
      }
      const range = Array.isArray(d.range) ? (d.range as unknown[]) : [];
      const key = str(d.rangeKey);
      const labels = range.map((item) =>
        key && typeof item === 'object' && item !== null
          ? str((item as Record<string, unknown>)[key])
          : str(item),
      );
      overlays.pickFromList(labels, Number(d.value ?? 0)).then((i) => done(i < 0 ? null : i));
    });
  };
}

function syncButton(self: BuiltinSelf): void {
  const d = self.data;
  // WeChat's native button is a button to screen readers (and every t-button renders one).
  self.$$.setAttribute('role', 'button');
  if (!self.$$.hasAttribute('tabindex')) self.$$.setAttribute('tabindex', '0');
  self.$$.setAttribute('aria-disabled', String(!!d.disabled));
  self.$$.dataset.type = str(d.type, 'default');
  self.$$.dataset.size = str(d.size, 'default');
  self.$$.toggleAttribute('data-disabled', !!d.disabled);
  self.$$.toggleAttribute('data-plain', !!d.plain);
  self.$$.toggleAttribute('data-loading', !!d.loading);
}

const fieldProperties = {
  value: { type: String, value: '' },
  placeholder: { type: String, value: '' },
  disabled: { type: Boolean, value: false },
  maxlength: { type: Number, value: 140 },
  focus: { type: Boolean, value: false },
  placeholderClass: { type: String, value: '' },
  placeholderStyle: { type: String, value: '' },
};

function builtin(
  name: string,
  properties: Record<string, unknown>,
  sync: (self: BuiltinSelf) => void,
  template = '<block></block>',
): Record<string, unknown> {
  return {
    id: name,
    tagName: `wx-${name}`,
    template,
    properties,
    observers: {
      '**'(this: BuiltinSelf) {
        sync(this);
      },
    },
    lifetimes: {
      attached(this: BuiltinSelf) {
        sync(this);
      },
    },
  };
}

export function registerBuiltins(simulate: Simulate, overlays: Overlays): void {
  simulate.load(
    builtin(
      'input',
      {
        ...fieldProperties,
        type: { type: String, value: 'text' },
        password: { type: Boolean, value: false },
        confirmType: { type: String, value: 'done' },
      },
      (self) => syncField(self, 'input'),
    ),
  );
  simulate.load(
    builtin(
      'textarea',
      { ...fieldProperties, autoHeight: { type: Boolean, value: false } },
      (self) => syncField(self, 'textarea'),
    ),
  );
  simulate.load(
    builtin(
      'image',
      {
        src: { type: String, value: '' },
        mode: { type: String, value: 'scaleToFill' },
        lazyLoad: { type: Boolean, value: false },
        showMenuByLongpress: { type: Boolean, value: false },
      },
      syncImage,
    ),
  );
  simulate.load(
    builtin(
      'button',
      {
        type: { type: String, value: 'default' },
        size: { type: String, value: 'default' },
        plain: { type: Boolean, value: false },
        disabled: { type: Boolean, value: false },
        loading: { type: Boolean, value: false },
        formType: { type: String, value: '' },
        openType: { type: String, value: '' },
      },
      syncButton,
      '<slot/>',
    ),
  );
  simulate.load(
    builtin(
      'switch',
      {
        checked: { type: Boolean, value: false },
        disabled: { type: Boolean, value: false },
        type: { type: String, value: 'switch' },
        color: { type: String, value: '#04BE02' },
      },
      syncSwitch,
    ),
  );
  simulate.load(
    builtin(
      'picker',
      {
        mode: { type: String, value: 'selector' },
        range: { type: Array, value: [] },
        rangeKey: { type: String, value: '' },
        value: { type: null, value: 0 },
        start: { type: String, value: '' },
        end: { type: String, value: '' },
        disabled: { type: Boolean, value: false },
        fields: { type: String, value: 'day' },
      },
      pickerOpener(overlays),
      '<slot/>',
    ),
  );
}
