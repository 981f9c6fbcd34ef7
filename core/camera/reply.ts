import type { LaneDisplay } from '../parking/lane-decision';
import { base64, utf8Bytes } from './bytes';
import type { LedEncoder, SerialData } from './led-encoder';

/**
 * The reply a camera acts on, `Response_AlarmInfoPlate` (IVS HTTP push, 2.6): `info: "ok"` raises
 * the barrier and anything else keeps it down; `plateid` echoes a live read; a replayed offline
 * read is acknowledged with `ContinuePushOffline` so the camera sends the next one (2.1.2); the
 * LED text goes to the RS485 port as `serialData` (encoder per camera); the speaker says `voice`
 * through `playserver_json_request` (type ps_voice_play, the text as UTF-8 in base64).
 */

/** What we send for "keep the barrier down" (any value but "ok"). */
export const INFO_CLOSED = 'no';

export interface CameraReplyBody {
  info: 'ok' | typeof INFO_CLOSED;
  plateid?: number;
  ContinuePushOffline?: { plateid: number; continue: 0 | 1 };
  serialData?: SerialData[];
  playserver_json_request?: {
    type: 'ps_voice_play';
    voice: string;
    voice_interval: number;
    voice_volume: number;
    voice_male: 0 | 1;
  };
}

export interface CameraReply {
  Response_AlarmInfoPlate: CameraReplyBody;
}

export function cameraReply(input: {
  open: boolean;
  plateid?: number;
  offline?: boolean;
  display?: LaneDisplay;
  encoder?: LedEncoder;
}): CameraReply {
  const body: CameraReplyBody = { info: input.open ? 'ok' : INFO_CLOSED };
  if (input.plateid !== undefined) {
    if (input.offline) body.ContinuePushOffline = { plateid: input.plateid, continue: 1 };
    else body.plateid = input.plateid;
  }
  if (input.display && input.encoder) body.serialData = input.encoder.encode(input.display);
  if (input.display?.voice) {
    body.playserver_json_request = {
      type: 'ps_voice_play',
      voice: base64(utf8Bytes(input.display.voice)),
      voice_interval: 0,
      voice_volume: 100,
      voice_male: 1,
    };
  }
  return { Response_AlarmInfoPlate: body };
}

/** The reply that changes nothing (heartbeat without commands, refused push). */
export function idleReply(): CameraReply {
  return { Response_AlarmInfoPlate: { info: INFO_CLOSED } };
}
