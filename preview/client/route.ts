/** A page address as `wx.navigateTo` takes it: path plus raw (still encoded) query values. */
export interface Route {
  path: string;
  query: Record<string, string>;
}

/** Parses a raw query string without decoding values, as WeChat passes them to onLoad. */
export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    query[key] = eq < 0 ? '' : part.slice(eq + 1);
  }
  return query;
}

/**
 * Resolves a `url` of wx.navigateTo and friends: absolute ('/pages/a/a?x=1') or relative to the
 * current page's folder ('../b/b').
 */
export function parseRoute(url: string, fromPath = ''): Route {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? {} : parseQuery(url.slice(q + 1));
  const base = rawPath.startsWith('/') ? [] : fromPath.split('/').slice(0, -1);
  const parts = [...base];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return { path: parts.join('/'), query };
}

/** A CSS-safe tag name for a page path, used by simulate as the page's class prefix. */
export function tagNameFor(path: string): string {
  return `page-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.toLowerCase();
}
