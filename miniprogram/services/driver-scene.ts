import { ApiCallError } from './api-result';
import { pageUrl } from './driver-query';
import type { SceneResolution, SessionView } from './driver-types';

// From a scanned or launched QR code to the page a driver needs. The server parses every form of
// scene (bare, encoded, printed URL, `q`): the mini-program passes what it got unchanged.

/** The scene of a launch: a mini-program code's `scene`, or a printed code's URL as `q`. */
export function sceneFromLaunch(query: Record<string, string | undefined>): string | undefined {
  return query.scene || query.q || undefined;
}

/** What wx.scanCode read: the page path of a mini-program code, or the text of a QR code. */
export function sceneFromScan(res: { result?: string; path?: string }): string {
  return res.path || res.result || '';
}

/** The live session of this lot, when the driver has exactly one there. */
function liveAt(lotId: string, live: readonly SessionView[]): SessionView | undefined {
  const here = live.filter((s) => s.lotId === lotId);
  return here.length === 1 ? here[0] : undefined;
}

/** The page to open for a resolved scene; `live` are the driver's live sessions. */
export function destinationOf(found: SceneResolution, live: readonly SessionView[]): string {
  const { lot, gate, target } = found;
  if (target.kind === 'spot' || (target.kind === 'lot' && lot.kind === 'roadside')) {
    return pageUrl('/pages/roadside/roadside', {
      lotId: lot.id,
      spotId: target.kind === 'spot' ? target.id : undefined,
    });
  }
  if (target.kind === 'gate' && gate) {
    if (gate.kind === 'entry') {
      return pageUrl('/pages/plate/plate', { purpose: 'entry', lotId: lot.id, gateId: gate.id });
    }
    // The gate goes with the session: paying from an exit's code is the exit itself. With more
    // than one car here the pay page asks which one is leaving.
    const here = live.filter((s) => s.lotId === lot.id && s.flow !== 'roadside_booking');
    const mine = liveAt(lot.id, here);
    if (mine) return pageUrl('/pages/pay/pay', { sessionId: mine.id, gateId: gate.id });
    if (here.length > 1) return pageUrl('/pages/pay/pay', { gateId: gate.id, choose: '1' });
    return pageUrl('/pages/plate/plate', { purpose: 'exit', lotId: lot.id, gateId: gate.id });
  }
  throw new ApiCallError('SCENE_NOT_A_GATE', '请扫描出入口或车位上的二维码');
}

/** Where a session of the driver is followed: live ones where they can act, others as receipts. */
export function pageOfSession(session: SessionView): string {
  if (session.final) return pageUrl('/pages/receipt/receipt', { sessionId: session.id });
  if (session.flow === 'roadside_booking') {
    return pageUrl('/pages/roadside/roadside', { lotId: session.lotId, spotId: session.spotId });
  }
  return pageUrl('/pages/pay/pay', { sessionId: session.id });
}
