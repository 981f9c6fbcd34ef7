import { el } from './dom';
import type { ScanChoice } from '../config';

/**
 * The preview's stand-ins for WeChat's native UI (toast, loading, modal, action sheet, scanner,
 * payment sheet): plain DOM over the phone screen, in Simplified Chinese.
 */

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  editable?: boolean;
  placeholderText?: string;
}

export interface ModalResult {
  confirm: boolean;
  cancel: boolean;
  content?: string;
}

export type ScanAnswer = { kind: 'scene'; text: string } | { kind: 'cancel' };

export type CashierOutcome = { result: 'paid' | 'cancelled' | 'closed'; detail?: unknown };

/** The user's answer per template id to wx.requestSubscribeMessage's sheet. */
export type SubscribeAnswers = Record<string, 'accept' | 'reject'>;

const TOAST_ICONS: Record<string, string> = { success: '✓', error: '✕', none: '' };

export class Overlays {
  private toastNode: HTMLElement | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly layer: HTMLElement) {
    // A tap that opens an overlay is followed by the browser's click at the same spot, which
    // would land on the new overlay (closing a sheet at once). Only clicks whose press began in
    // the overlay count; keyboard clicks (detail 0) always do.
    let pressed: EventTarget | null = null;
    layer.addEventListener('pointerdown', (e) => (pressed = e.target), true);
    layer.addEventListener(
      'click',
      (e) => {
        const started = pressed instanceof Node && e.target instanceof Node;
        const sameSpot =
          started && ((pressed as Node).contains(e.target as Node) || pressed === e.target);
        pressed = null;
        if (e.detail !== 0 && !sameSpot) {
          e.stopPropagation();
          e.preventDefault();
        }
      },
      true,
    );
  }

  private mask(transparent = false): HTMLElement {
    const mask = el('div', transparent ? 'pv-mask pv-mask--clear' : 'pv-mask');
    this.layer.appendChild(mask);
    return mask;
  }

  showToast(title: string, icon: string, duration: number, mask: boolean, loading = false): void {
    this.hideToast();
    const holder = mask ? this.mask(true) : this.layer;
    const box = el('div', icon === 'none' && !loading ? 'pv-toast pv-toast--text' : 'pv-toast');
    box.setAttribute('role', 'status');
    box.dataset.kind = loading ? 'loading' : 'toast';
    if (loading || icon === 'loading') box.appendChild(el('div', 'pv-spinner'));
    else if (TOAST_ICONS[icon]) box.appendChild(el('div', 'pv-toast__icon', TOAST_ICONS[icon]));
    box.appendChild(el('div', 'pv-toast__title', title));
    holder.appendChild(box);
    this.toastNode = mask ? holder : box;
    if (!loading) this.toastTimer = setTimeout(() => this.hideToast(), duration);
  }

  hideToast(): void {
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = undefined;
    this.toastNode?.remove();
    this.toastNode = undefined;
  }

  showModal(options: ModalOptions): Promise<ModalResult> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const box = el('div', 'pv-modal');
      box.setAttribute('role', 'dialog');
      if (options.title) box.appendChild(el('div', 'pv-modal__title', options.title));
      let input: HTMLInputElement | undefined;
      if (options.editable) {
        input = el('input', 'pv-modal__input');
        input.placeholder = options.placeholderText ?? '';
        input.value = options.content ?? '';
        box.appendChild(input);
      } else if (options.content) {
        box.appendChild(el('div', 'pv-modal__content', options.content));
      }
      const actions = el('div', 'pv-modal__actions');
      const close = (confirm: boolean) => {
        mask.remove();
        resolve({ confirm, cancel: !confirm, ...(input ? { content: input.value } : {}) });
      };
      if (options.showCancel !== false) {
        const cancel = el('button', 'pv-modal__button', options.cancelText ?? '取消');
        cancel.addEventListener('click', () => close(false));
        actions.appendChild(cancel);
      }
      const ok = el('button', 'pv-modal__button pv-modal__button--primary');
      ok.textContent = options.confirmText ?? '确定';
      ok.addEventListener('click', () => close(true));
      actions.appendChild(ok);
      box.appendChild(actions);
      mask.appendChild(box);
      input?.focus();
    });
  }

  /** Resolves the tapped index, or -1 when cancelled. */
  showActionSheet(items: string[]): Promise<number> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const sheet = el('div', 'pv-sheet');
      const done = (index: number) => {
        mask.remove();
        resolve(index);
      };
      items.forEach((item, index) => {
        const button = el('button', 'pv-sheet__item', item);
        button.addEventListener('click', () => done(index));
        sheet.appendChild(button);
      });
      const cancel = el('button', 'pv-sheet__item pv-sheet__cancel', '取消');
      cancel.addEventListener('click', () => done(-1));
      sheet.appendChild(cancel);
      mask.addEventListener('click', (e) => e.target === mask && done(-1));
      mask.appendChild(sheet);
    });
  }

  /** The picker sheet of `<picker mode="selector">`: the index chosen, or -1 when cancelled. */
  pickFromList(items: string[], current: number): Promise<number> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const sheet = el('div', 'pv-sheet pv-picker');
      sheet.setAttribute('role', 'dialog');
      sheet.setAttribute('aria-label', '请选择');
      const done = (index: number) => {
        mask.remove();
        resolve(index);
      };
      sheet.appendChild(el('div', 'pv-sheet__title', '请选择'));
      items.forEach((item, index) => {
        const button = el('button', 'pv-sheet__item', item);
        if (index === current) button.classList.add('pv-sheet__item--current');
        button.addEventListener('click', () => done(index));
        sheet.appendChild(button);
      });
      const cancel = el('button', 'pv-sheet__item pv-sheet__cancel', '取消');
      cancel.addEventListener('click', () => done(-1));
      sheet.appendChild(cancel);
      mask.addEventListener('click', (e) => e.target === mask && done(-1));
      mask.appendChild(sheet);
    });
  }

  /** The picker sheet of `<picker mode="date|time">`: the value chosen, or null when cancelled. */
  pickDateTime(
    kind: 'date' | 'time',
    value: string,
    min: string,
    max: string,
  ): Promise<string | null> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const sheet = el('div', 'pv-sheet pv-picker');
      sheet.setAttribute('role', 'dialog');
      sheet.setAttribute('aria-label', kind === 'date' ? '选择日期' : '选择时间');
      const done = (result: string | null) => {
        mask.remove();
        resolve(result);
      };
      sheet.appendChild(el('div', 'pv-sheet__title', kind === 'date' ? '选择日期' : '选择时间'));
      const row = el('div', 'pv-scan__row');
      const input = el('input', 'pv-scan__input');
      input.type = kind;
      input.value = value;
      if (min) input.min = min;
      if (max) input.max = max;
      const ok = el('button', 'pv-scan__submit', '确定');
      ok.addEventListener('click', () => done(input.value || null));
      row.append(input, ok);
      sheet.appendChild(row);
      const cancel = el('button', 'pv-sheet__item pv-sheet__cancel', '取消');
      cancel.addEventListener('click', () => done(null));
      sheet.appendChild(cancel);
      mask.appendChild(sheet);
    });
  }

  /** The scanner: offers the known QR codes, or takes typed content. */
  scan(choices: ScanChoice[]): Promise<ScanAnswer> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const sheet = el('div', 'pv-sheet pv-scan');
      sheet.setAttribute('role', 'dialog');
      sheet.setAttribute('aria-label', '扫一扫');
      const done = (answer: ScanAnswer) => {
        mask.remove();
        resolve(answer);
      };
      sheet.appendChild(el('div', 'pv-sheet__title', '扫一扫（预览）'));
      sheet.appendChild(el('div', 'pv-sheet__hint', '选择一个二维码，或输入二维码内容'));
      for (const choice of choices) {
        const button = el('button', 'pv-sheet__item', choice.label);
        button.dataset.scene = choice.scene;
        button.addEventListener('click', () => done({ kind: 'scene', text: choice.scene }));
        sheet.appendChild(button);
      }
      const row = el('form', 'pv-scan__row');
      const input = el('input', 'pv-scan__input');
      input.placeholder = 'scene 或链接';
      input.setAttribute('aria-label', '二维码内容');
      const submit = el('button', 'pv-scan__submit', '确定');
      submit.type = 'submit';
      row.append(input, submit);
      row.addEventListener('submit', (e) => {
        e.preventDefault();
        const text = input.value.trim();
        if (text) done({ kind: 'scene', text });
      });
      sheet.appendChild(row);
      const cancel = el('button', 'pv-sheet__item pv-sheet__cancel', '取消');
      cancel.addEventListener('click', () => done({ kind: 'cancel' }));
      sheet.appendChild(cancel);
      mask.appendChild(sheet);
    });
  }

  /**
   * WeChat's sheet of wx.requestSubscribeMessage: the messages the mini-program asks to send,
   * each ticked, 允许 or 取消 (取消 refuses them all), and whether to keep the choice.
   */
  askSubscribe(
    appName: string,
    templates: ReadonlyArray<{ id: string; title: string }>,
  ): Promise<{ answers: SubscribeAnswers; keep: boolean }> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const sheet = el('div', 'pv-sheet pv-subscribe');
      sheet.setAttribute('role', 'dialog');
      sheet.setAttribute('aria-label', '订阅消息');
      sheet.appendChild(el('div', 'pv-sheet__title', `${appName} 申请`));
      sheet.appendChild(el('div', 'pv-sheet__hint', '发送一次以下消息'));
      const boxes = templates.map((t) => {
        const row = el('label', 'pv-subscribe__item');
        const box = el('input', 'pv-subscribe__check');
        box.type = 'checkbox';
        box.checked = true;
        box.dataset.template = t.id;
        row.append(box, el('span', 'pv-subscribe__title', t.title));
        sheet.appendChild(row);
        return box;
      });
      const keepRow = el('label', 'pv-subscribe__keep');
      const keepBox = el('input', 'pv-subscribe__keep-check');
      keepBox.type = 'checkbox';
      keepRow.append(keepBox, el('span', '', '总是保持以上选择，不再询问'));
      sheet.appendChild(keepRow);
      const done = (allow: boolean) => {
        mask.remove();
        resolve({
          answers: Object.fromEntries(
            boxes.map((b) => [b.dataset.template!, allow && b.checked ? 'accept' : 'reject']),
          ),
          keep: keepBox.checked,
        });
      };
      const actions = el('div', 'pv-subscribe__actions');
      const cancel = el('button', 'pv-subscribe__cancel', '取消');
      cancel.addEventListener('click', () => done(false));
      const allow = el('button', 'pv-subscribe__allow', '允许');
      allow.addEventListener('click', () => done(true));
      actions.append(cancel, allow);
      sheet.appendChild(actions);
      mask.appendChild(sheet);
    });
  }

  /**
   * The sandbox cashier in a sheet over the screen. It settles on the cashier's postMessage
   * (`allinpay-sandbox-cashier`, sandbox/cashier-page.ts) or when the driver closes the sheet.
   */
  cashier(url: string, origin: string): Promise<CashierOutcome> {
    return new Promise((resolve) => {
      const mask = this.mask();
      const sheet = el('div', 'pv-cashier');
      sheet.setAttribute('role', 'dialog');
      sheet.setAttribute('aria-label', '收银台');
      const head = el('div', 'pv-cashier__head');
      head.appendChild(el('span', 'pv-cashier__title', '微信支付（沙箱收银台）'));
      const close = el('button', 'pv-cashier__close', '×');
      close.setAttribute('aria-label', '关闭收银台');
      head.appendChild(close);
      const frame = el('iframe', 'pv-cashier__frame');
      frame.src = url;
      frame.title = '收银台';
      sheet.append(head, frame);
      mask.appendChild(sheet);

      let settled = false;
      const finish = (outcome: CashierOutcome, delayMs: number) => {
        if (settled) return;
        settled = true;
        window.removeEventListener('message', onMessage);
        // Leaves the cashier's own result in sight for a moment, as WeChat's sheet does.
        setTimeout(() => {
          mask.remove();
          resolve(outcome);
        }, delayMs);
      };
      const onMessage = (event: MessageEvent) => {
        const data = event.data as { type?: string; result?: string } | null;
        if (event.origin !== origin || data?.type !== 'allinpay-sandbox-cashier') return;
        if (data.result === 'paid' || data.result === 'cancelled') {
          finish({ result: data.result, detail: data }, 800);
        }
      };
      window.addEventListener('message', onMessage);
      close.addEventListener('click', () => finish({ result: 'closed' }, 0));
    });
  }
}
