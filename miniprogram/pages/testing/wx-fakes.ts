// Records of the wx calls a page makes, and the answers of WeChat's cashier and scanner.
// simulate defines `wx`; tests replace the few APIs whose answers matter.

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (err: unknown) => void;
  complete?: (res: unknown) => void;
};

export interface WxFakes {
  navigated: string[];
  redirected: string[];
  relaunched: string[];
  toasts: string[];
  payments: unknown[];
  /** What the cashier does next: 'ok', 'cancel', 'hold' (wait for release), or a failure. */
  cashier: Array<'ok' | 'cancel' | 'hold' | string>;
  /** Ends a held cashier: 'ok', 'cancel' or a failure message. */
  release(result: string): void;
  scans: Array<{ result?: string; path?: string } | 'cancel'>;
  /** Answers of showModal: true = 确定. */
  modals: boolean[];
  /** What showModal asked: title and content, in order. */
  asked: Array<{ title: string; content: string }>;
  restore(): void;
}

export function fakeWx(): WxFakes {
  const target = wx as unknown as Record<string, unknown>;
  const saved: Record<string, unknown> = {};
  const held: Array<(result: string) => void> = [];
  const fakes: WxFakes = {
    navigated: [],
    redirected: [],
    relaunched: [],
    toasts: [],
    payments: [],
    cashier: [],
    scans: [],
    modals: [],
    asked: [],
    release(result: string) {
      const end = held.shift();
      if (!end) throw new Error('no cashier is held');
      end(result);
    },
    restore() {
      for (const key of Object.keys(saved)) target[key] = saved[key];
    },
  };
  const replace = (name: string, fn: (options: Callbacks & Record<string, unknown>) => void) => {
    saved[name] = target[name];
    target[name] = fn;
  };
  const done = (o: Callbacks, res: unknown) => {
    o.success?.(res);
    o.complete?.(res);
  };
  const failed = (o: Callbacks, errMsg: string) => {
    o.fail?.({ errMsg });
    o.complete?.({ errMsg });
  };
  replace('navigateTo', (o) => {
    fakes.navigated.push(String(o.url));
    done(o, { errMsg: 'navigateTo:ok' });
  });
  replace('redirectTo', (o) => {
    fakes.redirected.push(String(o.url));
    done(o, { errMsg: 'redirectTo:ok' });
  });
  replace('reLaunch', (o) => {
    fakes.relaunched.push(String(o.url));
    done(o, { errMsg: 'reLaunch:ok' });
  });
  replace('showToast', (o) => {
    fakes.toasts.push(String(o.title));
    done(o, { errMsg: 'showToast:ok' });
  });
  replace('showModal', (o) => {
    fakes.asked.push({ title: String(o.title), content: String(o.content) });
    const yes = fakes.modals.shift() ?? true;
    done(o, { confirm: yes, cancel: !yes, errMsg: 'showModal:ok' });
  });
  replace('requestPayment', (o) => {
    const { success: _s, fail: _f, complete: _c, ...params } = o;
    fakes.payments.push(params);
    const end = (result: string) => {
      if (result === 'ok') done(o, { errMsg: 'requestPayment:ok' });
      else if (result === 'cancel') failed(o, 'requestPayment:fail cancel');
      else failed(o, `requestPayment:fail ${result}`);
    };
    const next = fakes.cashier.shift() ?? 'ok';
    if (next === 'hold') held.push(end);
    else end(next);
  });
  replace('scanCode', (o) => {
    const next = fakes.scans.shift() ?? 'cancel';
    if (next === 'cancel') failed(o, 'scanCode:fail cancel');
    else done(o, { ...next, errMsg: 'scanCode:ok' });
  });
  return fakes;
}
