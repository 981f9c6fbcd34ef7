import { gatedLot, roadLot, session, spot } from '../pages/testing/fixtures';
import { plateFromQuery, pageUrl, queryValue } from './driver-query';
import { destinationOf, pageOfSession, sceneFromLaunch, sceneFromScan } from './driver-scene';
import type { GateView } from './driver-types';

const gate = (kind: GateView['kind']): GateView => ({
  id: 'G1',
  lotId: 'L1',
  kind,
  name: '1 号口',
});

describe('scene routing', () => {
  test('launch and scan give the scene as received, for the server to parse', () => {
    expect(sceneFromLaunch({ scene: 'g%3AG1' })).toBe('g%3AG1');
    expect(sceneFromLaunch({ q: 'https%3A%2F%2Fh%2Fp%3Fscene%3Dg%253AG1' })).toBe(
      'https%3A%2F%2Fh%2Fp%3Fscene%3Dg%253AG1',
    );
    expect(sceneFromLaunch({})).toBeUndefined();
    expect(sceneFromScan({ path: 'pages/index/index?scene=g%3AG1', result: '*' })).toBe(
      'pages/index/index?scene=g%3AG1',
    );
    expect(sceneFromScan({ result: 'https://h/p?scene=g%3AG1' })).toBe('https://h/p?scene=g%3AG1');
  });

  test('entry gate → plate; exit or pay station → plate, or the one live session there', () => {
    const at = (kind: GateView['kind']) => ({
      target: { kind: 'gate' as const, id: 'G1' },
      lot: gatedLot(),
      gate: gate(kind),
    });
    expect(destinationOf(at('entry'), [session()])).toBe(
      '/pages/plate/plate?purpose=entry&lotId=L1&gateId=G1',
    );
    expect(destinationOf(at('exit'), [])).toBe(
      '/pages/plate/plate?purpose=exit&lotId=L1&gateId=G1',
    );
    // The gate goes along: paying from an exit's code is the exit.
    expect(destinationOf(at('paystation'), [session({ id: 'A' })])).toBe(
      '/pages/pay/pay?sessionId=A&gateId=G1',
    );
    // Two cars of the driver in this lot: the pay page asks which one is leaving.
    expect(destinationOf(at('exit'), [session({ id: 'A' }), session({ id: 'B' })])).toBe(
      '/pages/pay/pay?gateId=G1&choose=1',
    );
    expect(destinationOf(at('exit'), [session({ id: 'A', lotId: 'L2' })])).toMatch(
      /^\/pages\/plate\//,
    );
  });

  test('spot or road lot → roadside; a gated lot alone is refused', () => {
    expect(
      destinationOf({ target: { kind: 'spot', id: 'S1' }, lot: roadLot(), spot: spot() }, []),
    ).toBe('/pages/roadside/roadside?lotId=R1&spotId=S1');
    expect(destinationOf({ target: { kind: 'lot', id: 'R1' }, lot: roadLot() }, [])).toBe(
      '/pages/roadside/roadside?lotId=R1',
    );
    expect(() => destinationOf({ target: { kind: 'lot', id: 'L1' }, lot: gatedLot() }, [])).toThrow(
      '请扫描出入口或车位上的二维码',
    );
  });

  test('a session opens where the driver can act, or as a receipt once final', () => {
    expect(pageOfSession(session({ id: 'A' }))).toBe('/pages/pay/pay?sessionId=A');
    expect(pageOfSession(session({ id: 'A', final: true }))).toBe(
      '/pages/receipt/receipt?sessionId=A',
    );
    expect(
      pageOfSession(session({ id: 'B', lotId: 'R1', spotId: 'S1', flow: 'roadside_booking' })),
    ).toBe('/pages/roadside/roadside?lotId=R1&spotId=S1');
  });
});

describe('page queries', () => {
  test('values are encoded going and decoded coming; the plate is one of plate or noPlate', () => {
    const url = pageUrl('/pages/pay/pay', {
      gateId: 'G1',
      plate: '粤B12345',
      empty: '',
      none: undefined,
    });
    expect(url).toBe(`/pages/pay/pay?gateId=G1&plate=${encodeURIComponent('粤B12345')}`);
    const query = Object.fromEntries(
      url
        .split('?')[1]!
        .split('&')
        .map((p) => p.split('=')),
    );
    expect(queryValue(query, 'plate')).toBe('粤B12345');
    expect(plateFromQuery(query)).toEqual({ plate: '粤B12345' });
    expect(plateFromQuery({ noPlate: '1', plate: 'x' })).toEqual({ noPlate: true });
    expect(plateFromQuery({})).toBeUndefined();
    expect(queryValue({ a: '%E0' }, 'a')).toBe('%E0');
  });
});
