import {
  flush,
  loadComponent,
  one,
  pageAsComponent,
  renderComponent,
  renderPage,
  tap,
  tapText,
  testApp,
  textOf,
} from '.';

describe('npm components', () => {
  test('a TDesign button named as after "build npm" renders, with its wxs, and taps', async () => {
    const host = renderComponent('/test-support/fixtures/npm-button/index');
    const button = one(one(host, '.npm-button'), '.t-button');
    expect(textOf(button)).toBe('确定 0');
    // Its class list comes from TDesign's own script, its style from its wxs (<wxs src> inlined).
    expect(button.dom?.getAttribute('class')).toContain('t-button--primary');
    expect(button.dom?.getAttribute('style')).toContain('width: 200px');
    await tap(button);
    expect(textOf(button)).toBe('确定 1');
  });
});

describe('renderPage', () => {
  test('runs a Page file with its query, getApp, fields, handlers and child components', async () => {
    testApp.globalData.transport = 'http';
    const page = renderPage('/test-support/fixtures/demo-page/index', { lot: 'L001' });
    expect(textOf(one(page, '.demo__lot'))).toBe('L001');
    expect(textOf(one(page, '.demo__transport'))).toBe('http');
    expect((page.instance as unknown as { greeting: string }).greeting).toBe('你好');

    await tap(one(page, '.demo__button'));
    expect(textOf(one(page, '.demo__button'))).toBe('1');

    // The child comes from usingComponents, resolved against the mini-program root.
    const keyboard = one(page, '.demo__keyboard');
    await tapText(keyboard, '.plate-keyboard__key', '7');
    expect(textOf(one(page, '.demo__plate'))).toBe('粤B7');
  });
});

describe('pageAsComponent', () => {
  test('moves functions into methods and copies other fields onto each instance', () => {
    const onLoad = () => undefined;
    const options = pageAsComponent({ data: { a: 1 }, onLoad, limit: 3 });
    expect(options.data).toEqual({ a: 1 });
    expect(options.methods).toEqual({ onLoad });
    const instance: Record<string, unknown> = {};
    (options.lifetimes as { created(this: object): void }).created.call(instance);
    expect(instance).toEqual({ limit: 3 });
  });
});

describe('loadComponent', () => {
  test('reuses the id of a path, and renders a component another load already required', () => {
    const path = '/components/plate-keyboard/index';
    // The demo page requires the keyboard as its child first.
    renderPage('/test-support/fixtures/demo-page/index');
    expect(loadComponent(path)).toBe(loadComponent(path));
    expect(loadComponent(path, { compiler: 'simulate' })).not.toBe(loadComponent(path));
    const first = renderComponent(path, { value: '京A' });
    const second = renderComponent(path, { value: '沪B' }, { compiler: 'simulate' });
    expect(textOf(one(first, '.plate-keyboard__box--region'))).toBe('A');
    expect(textOf(one(second, '.plate-keyboard__box--region'))).toBe('B');
  });
});

describe('globals', () => {
  test('structuredClone copies deeply, Maps and Dates included', async () => {
    const source = { when: new Date(0), seen: new Map([['a', [1, 2]]]) };
    // Untyped on purpose: the mini-program's typings have no structuredClone.
    const { structuredClone } = globalThis as unknown as { structuredClone: <T>(value: T) => T };
    const copy = structuredClone(source);
    expect(copy).toEqual(source);
    expect(copy.seen.get('a')).not.toBe(source.seen.get('a'));
    await flush();
  });

  test('one() refuses no match and several matches', () => {
    const keyboard = renderComponent('/components/plate-keyboard/index');
    expect(() => one(keyboard, '.no-such-class')).toThrow('found 0');
    expect(() => one(keyboard, '.plate-keyboard__key')).toThrow(/found \d+/);
  });
});
