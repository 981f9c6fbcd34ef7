import { buildHttpEvent, httpReplyFor, isTextual, matchRoute } from './http-access';

describe('HTTP access mapping', () => {
  it('routes a path to the longest configured prefix at a segment boundary', () => {
    const routes = { '/notify': 'notify', '/gate': 'gate', '/gate/v2': 'gate2' };
    expect(matchRoute(routes, '/notify')).toBe('notify');
    expect(matchRoute(routes, '/notify/extra')).toBe('notify');
    expect(matchRoute(routes, '/notifyx')).toBeUndefined();
    expect(matchRoute(routes, '/gate/v2/exit')).toBe('gate2');
    expect(matchRoute({ '/': 'root' }, '/anything')).toBe('root');
  });

  it('keeps text bodies as text and encodes binary ones in base64, or always on request', () => {
    expect(isTextual('application/x-www-form-urlencoded; charset=utf-8', Buffer.from('a=1'))).toBe(
      true,
    );
    expect(isTextual('application/json', Buffer.from('{}'))).toBe(true);
    expect(isTextual('image/png', Buffer.from([1]))).toBe(false);
    expect(isTextual(undefined, Buffer.from([1]))).toBe(false);
    const base = {
      method: 'post',
      url: '/notify?x=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('a=1&b=中'),
      requestId: 'r',
      envId: 'e',
    };
    expect(buildHttpEvent({ ...base, encoding: 'auto' })).toMatchObject({
      httpMethod: 'POST',
      path: '/notify',
      body: 'a=1&b=中',
      isBase64Encoded: false,
    });
    const encoded = buildHttpEvent({ ...base, encoding: 'base64' });
    expect(encoded.isBase64Encoded).toBe(true);
    expect(Buffer.from(encoded.body, 'base64').toString('utf8')).toBe('a=1&b=中');
  });

  it('turns results into responses as the platform does', () => {
    expect(httpReplyFor('success')).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.from('success'),
    });
    expect(httpReplyFor(42).body.toString()).toBe('42');
    expect(httpReplyFor([1, 2])).toMatchObject({
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from('[1,2]'),
    });
    expect(httpReplyFor({ statusCode: 302, headers: { Location: '/x' } })).toEqual({
      status: 302,
      headers: { location: '/x', 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.alloc(0),
    });
    expect(httpReplyFor({ statusCode: 400, body: { error: 'bad' } })).toMatchObject({
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.from('{"error":"bad"}'),
    });
  });
});
