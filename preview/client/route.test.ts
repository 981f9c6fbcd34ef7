import { parseQuery, parseRoute, tagNameFor } from './route';

describe('parseRoute', () => {
  it('reads an absolute path and keeps query values encoded', () => {
    expect(parseRoute('/pages/pay/pay?scene=g%3D1&x=2')).toEqual({
      path: 'pages/pay/pay',
      query: { scene: 'g%3D1', x: '2' },
    });
  });

  it('resolves a relative path against the current page folder', () => {
    expect(parseRoute('../receipt/receipt?id=7', 'pages/pay/pay')).toEqual({
      path: 'pages/receipt/receipt',
      query: { id: '7' },
    });
    expect(parseRoute('detail', 'pages/pay/pay').path).toBe('pages/pay/detail');
  });
});

describe('parseQuery', () => {
  it('takes keys without a value as empty', () => {
    expect(parseQuery('?a&b=1')).toEqual({ a: '', b: '1' });
  });
});

describe('tagNameFor', () => {
  it('makes a prefix simulate can use as a class prefix', () => {
    expect(tagNameFor('pages/index/index')).toBe('page-pages-index-index');
  });
});
