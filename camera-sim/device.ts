/**
 * The camera's side of the IVS "AlarmInfoPlate" HTTP push (lpr-camera-notes.md), written from the
 * protocol, not from our endpoint: what a camera sends (a plate read as JSON, a comet heartbeat as
 * multipart form data) and what it does with the reply (barrier up on `info: "ok"`, the LED bytes
 * of `serialData`, the speaker's `playserver_json_request`, `ContinuePushOffline` to move on to
 * the next queued offline read). Pure: the transport is camera.ts.
 */

/** How the camera writes "no plate read" in `license`. */
export const NO_PLATE = '_无_';

export interface PlateRead {
  serialno: string;
  /** The plate read, or NO_PLATE. */
  license: string;
  /** 1–100. */
  confidence: number;
  /** The camera's id of this read (echoed; de-duplicated by the server). */
  plateid: number;
  /** Unix seconds of the read. */
  sec: number;
  usec?: number;
  /** 1: queued while the network was down, replayed now. */
  isoffline?: 0 | 1;
  deviceName?: string;
  ipaddr?: string;
}

/** The JSON body of a plate read (no picture: the simulator has none to send). */
export function plateReadBody(read: PlateRead): string {
  return JSON.stringify({
    AlarmInfoPlate: {
      channel: 0,
      deviceName: read.deviceName ?? 'IVS',
      ipaddr: read.ipaddr ?? '127.0.0.1',
      serialno: read.serialno,
      result: {
        PlateResult: {
          license: read.license,
          colorType: read.license === NO_PLATE ? 0 : 1,
          type: read.license === NO_PLATE ? 31 : 1,
          confidence: read.confidence,
          triggerType: 8,
          plateid: read.plateid,
          isoffline: read.isoffline ?? 0,
          timeStamp: { Timeval: { sec: read.sec, usec: read.usec ?? 0 } },
        },
      },
    },
  });
}

/** A comet heartbeat: multipart form data with the device's fields. */
export function heartbeatForm(
  serialno: string,
  boundary = '------------------------ivssim' + serialno.replace(/[^0-9A-Za-z]/g, ''),
): { body: string; contentType: string } {
  const fields: Array<[string, string]> = [
    ['device_name', 'IVS'],
    ['ipaddr', '127.0.0.1'],
    ['serialno', serialno],
    ['channel_num', '1'],
  ];
  const body = fields
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')
    .concat(`--${boundary}--\r\n`);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** What the camera does with a reply. */
export interface CameraAction {
  /** The barrier goes up. */
  opened: boolean;
  /** The text the LED shows, a line each (the bytes of serialData read as UTF-8 text lines). */
  led: string[];
  /** What the speaker says. */
  voice?: string;
  /** The offline read the server acknowledged: the camera sends the next queued one. */
  continueOffline?: number;
  /** The plateid echoed for a live read. */
  plateid?: number;
  /** The server's error, when it sent one beside the reply. */
  error?: { code: string; message: string };
}

interface ReplyShape {
  Response_AlarmInfoPlate?: {
    info?: unknown;
    plateid?: unknown;
    ContinuePushOffline?: { plateid?: unknown };
    serialData?: Array<{ data?: unknown }>;
    playserver_json_request?: { voice?: unknown };
  };
  error?: { code?: unknown; message?: unknown };
}

const fromBase64 = (value: unknown) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';

/** Reads a reply as a camera does: anything it does not understand keeps the barrier down. */
export function actOnReply(text: string): CameraAction {
  let reply: ReplyShape;
  try {
    reply = JSON.parse(text) as ReplyShape;
  } catch {
    return { opened: false, led: [], error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
  }
  const body = reply?.Response_AlarmInfoPlate ?? {};
  const led = (body.serialData ?? [])
    .map((d) => fromBase64(d?.data))
    .join('')
    .split('\r\n')
    .filter((line) => line !== '');
  const voice = fromBase64(body.playserver_json_request?.voice);
  const ack = body.ContinuePushOffline?.plateid;
  return {
    opened: body.info === 'ok',
    led,
    ...(voice !== '' && { voice }),
    ...(typeof ack === 'number' && { continueOffline: ack }),
    ...(typeof body.plateid === 'number' && { plateid: body.plateid }),
    ...(reply?.error && {
      error: { code: String(reply.error.code ?? ''), message: String(reply.error.message ?? '') },
    }),
  };
}
