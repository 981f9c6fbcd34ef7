// A plate camera's side of /camera/<token> for the backend tests: reads and heartbeats shaped as
// an IVS camera sends them, and what the reply shows on the LED and says on the speaker.
import { OPERATOR_OPENID } from './seed';
import { type BackendStack, fetchOnce } from './stack';

export type CameraBody = {
  Response_AlarmInfoPlate: {
    info: string;
    plateid?: number;
    ContinuePushOffline?: { plateid: number; continue: number };
    serialData?: Array<{ serialChannel: number; data: string; dataLen: number }>;
    playserver_json_request?: { voice: string };
  };
  error?: { code: string };
};

/** What the LED shows, decoded from the reply's serialData (text-utf8 encoder). */
export const led = (body: CameraBody) =>
  (body.Response_AlarmInfoPlate.serialData ?? [])
    .map((d) => Buffer.from(d.data, 'base64').toString('utf8'))
    .join('');

export const voice = (body: CameraBody) =>
  Buffer.from(body.Response_AlarmInfoPlate.playserver_json_request?.voice ?? '', 'base64').toString(
    'utf8',
  );

export async function cameraPost(
  stack: BackendStack,
  path: string,
  body: string,
  contentType: string,
  method = 'POST',
) {
  const res = await fetchOnce(`${stack.hostUrl}${path}`, {
    method,
    headers: { 'content-type': contentType },
    ...(method === 'POST' && { body }),
  });
  return { status: res.status, json: (await res.json()) as CameraBody };
}

let plateids = 1000;

/** An AlarmInfoPlate push of `license` (a fresh plateid unless given). */
export function plateMessage(
  serialno: string,
  license: string,
  extra: { plateid?: number; isoffline?: 0 | 1; sec?: number; confidence?: number } = {},
) {
  return {
    AlarmInfoPlate: {
      channel: 0,
      deviceName: 'IVS',
      ipaddr: '192.168.1.100',
      serialno,
      result: {
        PlateResult: {
          license,
          colorType: 1,
          type: 1,
          confidence: extra.confidence ?? 96,
          triggerType: 8,
          plateid: extra.plateid ?? plateids++,
          isoffline: extra.isoffline ?? 0,
          imageFile: 'iVBORw0KGgo'.repeat(200),
          timeStamp: { Timeval: { sec: extra.sec ?? 1686299994, usec: 687772 } },
        },
      },
    },
  };
}

export const cameraRead = (stack: BackendStack, token: string, message: unknown) =>
  cameraPost(stack, `/camera/${token}`, JSON.stringify(message), 'application/json');

/** The comet heartbeat, multipart as the camera sends it. */
export function heartbeat(stack: BackendStack, token: string, serialno: string) {
  const boundary = '------------------------caa771fe4a61f3d9';
  const body = [
    ['device_name', 'IVS'],
    ['ipaddr', '192.168.1.100'],
    ['serialno', serialno],
    ['channel_num', '1'],
  ]
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('')
    .concat(`--${boundary}--\r\n`);
  return cameraPost(stack, `/camera/${token}`, body, `multipart/form-data; boundary=${boundary}`);
}

/** A camera registered by the owner on a gate: its token (shown once). */
export function registerCamera(stack: BackendStack, gateId: string, serialno: string) {
  return stack.ok<{ cameraId: string; token: string; path: string }>(
    OPERATOR_OPENID,
    'op.cameras.register',
    { gateId, serialno, reason: '安装车牌识别' },
  );
}

/** The lot as stored, with `change` applied through op.lots.upsert (audited). */
export async function changeLot(
  stack: BackendStack,
  lotId: string,
  change: (lot: Record<string, unknown>) => Record<string, unknown>,
  reason: string,
) {
  const { lot } = await stack.ok<{ lot: Record<string, unknown> }>(OPERATOR_OPENID, 'op.lots.get', {
    lotId,
  });
  await stack.ok(OPERATOR_OPENID, 'op.lots.upsert', { lot: change(lot), reason });
}
