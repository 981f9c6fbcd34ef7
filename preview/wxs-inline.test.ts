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
