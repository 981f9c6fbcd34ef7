import { MAX_SCENE_LENGTH, formatScene, formatSceneUrl, parseScene } from './scene';

describe('QR scene', () => {
  it('formats a compact scene per target kind', () => {
    expect(formatScene({ kind: 'gate', id: 'G1' })).toBe('g:G1');
    expect(formatScene({ kind: 'spot', id: 'S-12' })).toBe('s:S-12');
    expect(formatScene({ kind: 'lot', id: 'L1' })).toBe('l:L1');
    expect(formatScene({ kind: 'gate', id: 'x'.repeat(30) })).toHaveLength(MAX_SCENE_LENGTH);
    expect(() => formatScene({ kind: 'gate', id: 'x'.repeat(31) })).toThrow(RangeError);
    expect(() => formatScene({ kind: 'gate', id: 'a_b' })).toThrow(RangeError);
  });

  it.each([
    ['bare', 'g:G1'],
    ['with spaces around', '  g:G1 \n'],
    ['URL-encoded, as a mini-program code delivers it', 'g%3AG1'],
    ['in a printed URL', 'https://park.example.com/p?scene=g%3AG1'],
    [
      'in a printed URL with other parameters and a fragment',
      'https://park.example.com/p?from=poster&scene=g%3AG1#top',
    ],
    ['in the q launch option', encodeURIComponent('https://park.example.com/p?scene=g%3AG1')],
    ['in a URL with an unencoded colon', 'https://park.example.com/p?scene=g:G1'],
    ['as a path with a query', '/pages/scan/index?scene=g%3AG1'],
  ])('parses the %s form', (_name, input) => {
    expect(parseScene(input)).toEqual({ ok: true, value: { kind: 'gate', id: 'G1' } });
  });

  it('round-trips every kind through the URL form', () => {
    for (const kind of ['gate', 'spot', 'lot'] as const) {
      const target = { kind, id: 'Ab-09' };
      expect(parseScene(formatSceneUrl('https://h/p', target))).toEqual({
        ok: true,
        value: target,
      });
      expect(parseScene(formatSceneUrl('https://h/p?x=1', target))).toEqual({
        ok: true,
        value: target,
      });
    }
  });

  it.each([
    '',
    'x:G1',
    'g:',
    'g:a_b',
    `g:${'x'.repeat(31)}`,
    'G1',
    'https://park.example.com/p?other=1',
    'https://park.example.com/p',
    '%E0%A4%A',
    'g%3A%ZZ',
    'https://h/p?scene=%',
    'a'.repeat(3000),
  ])('refuses %j with a code', (input) => {
    expect(parseScene(input)).toMatchObject({ ok: false, code: 'SCENE_INVALID' });
  });

  it('stops unwrapping after a few rounds', () => {
    let text = 'g:G1';
    for (let i = 0; i < 8; i += 1) text = encodeURIComponent(text);
    expect(parseScene(text).ok).toBe(false);
  });
});
