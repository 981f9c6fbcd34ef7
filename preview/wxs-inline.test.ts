import { inlineWxs, wxsBundle } from './wxs-inline';

const FILES: Record<string, string> = {
  'common/utils.wxs': "var fmt = require('./fmt.wxs');\nmodule.exports = { fen: fmt.fen };",
  'common/fmt.wxs':
    "module.exports = { fen: function (n) { return '¥' + (n / 100).toFixed(2); } };",
};
const read = (file: string) => FILES[file];

/** Runs an inline module as j-component does (new Function('require', 'module', content)). */
function run(code: string): Record<string, (n: number) => string> {
  const mod = { exports: {} as Record<string, (n: number) => string> };
  new Function('require', 'module', code)(() => undefined, mod);
  return mod.exports;
}

describe('wxsBundle', () => {
  it('bundles a module and what it requires', () => {
    expect(run(wxsBundle('common/utils.wxs', read)).fen!(1250)).toBe('¥12.50');
  });

  it('gives WXS semantics: constructor is the type name, getRegExp and getDate exist', () => {
    const files: Record<string, string> = {
      'types.wxs': [
        'module.exports = {',
        '  kind: function (v) { return v.constructor; },',
        "  hex: function (s) { return getRegExp('^[0-9a-f]+$', 'i').test(s); },",
        '  year: function (ms) { return getDate(ms).getUTCFullYear(); },',
        '};',
      ].join('\n'),
    };
    const m = run(wxsBundle('types.wxs', (f) => files[f])) as unknown as Record<
      string,
      (v: unknown) => unknown
    >;
    expect([[1], {}, 'a', 1, true].map((v) => m.kind!(v))).toEqual([
      'Array',
      'Object',
      'String',
      'Number',
      'Boolean',
    ]);
    expect(m.hex!('123')).toBe(true);
    expect(m.hex!('12AF')).toBe(true);
    expect(m.hex!('12g')).toBe(false);
    expect(m.year!(0)).toBe(1970);
  });

  it('names a missing file', () => {
    expect(() => wxsBundle('common/nope.wxs', read)).toThrow('wxs not found: common/nope.wxs');
  });
});

describe('inlineWxs', () => {
  it('replaces <wxs src> (self-closed or not) by an inline module, resolved from the wxml', () => {
    const wxml =
      '<wxs src="../../common/utils.wxs" module="_" />\n' +
      "<wxs module='u' src='/common/utils.wxs'></wxs>\n" +
      '<view>{{_.fen(100)}}</view>';
    const out = inlineWxs(wxml, 'pages/pay/pay.wxml', read);
    const modules = [...out.matchAll(/<wxs module="(\w+)">([\s\S]*?)<\/wxs>/g)];
    expect(modules.map((m) => m[1])).toEqual(['_', 'u']);
    expect(run(modules[0]![2]!).fen!(100)).toBe('¥1.00');
    expect(out).toContain('<view>{{_.fen(100)}}</view>');
  });

  it('leaves inline wxs as it is', () => {
    const wxml = '<wxs module="m">module.exports = { a: 1 };</wxs>';
    expect(inlineWxs(wxml, 'a.wxml', read)).toBe(wxml);
  });
});
