import { z } from 'zod';
import { validatePlate } from '../core/plate/classify';
import type { LaneAnswer, LaneOptions, LaneOutcome } from './lane';

/**
 * The lane panel playing a plate camera instead of the lot's controller: the preview server
 * pushes to `/camera/<token>` what an IVS camera pushes (a JSON `AlarmInfoPlate` read, or the
 * comet heartbeat as multipart form fields) and shows what the camera would do with the reply:
 * the barrier goes up on `info: "ok"`, the LED shows the `serialData` text (the demo cameras use
 * the text-utf8 encoder). The camera's token stays on this server, like the controller's secret.
 * A car held at the exit is let through by a later heartbeat once its driver has paid.
 */

export const cameraLaneRequestSchema = z.strictObject({
  via: z.literal('camera'),
  lotId: z.string().min(1).max(64),
  gateId: z.string().min(1).max(64),
  action: z.enum(['entry', 'exit', 'heartbeat']),
  /** The plate the camera reads; absent or empty: no plate read (`_无_`). */
  plate: z.string().max(16).optional(),
});

interface CameraReplyBody {
  Response_AlarmInfoPlate?: {
    info?: string;
    serialData?: Array<{ data?: string }>;
  };
  error?: { code?: string; message?: string };
}

let plateid = Math.floor(Date.now() / 1000) % 100_000;

/** The LED text of a reply (the text-utf8 encoder's lines). */
export function ledText(reply: CameraReplyBody): string {
  return (reply.Response_AlarmInfoPlate?.serialData ?? [])
    .map((d) => Buffer.from(d.data ?? '', 'base64').toString('utf8'))
    .join('')
    .split('\r\n')
    .filter(Boolean)
    .join(' ');
}

function heartbeatBody(serialno: string): { body: string; contentType: string } {
  const boundary = '------------------------pvlane' + Date.now().toString(16);
  const fields = [
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

function readBody(serialno: string, license: string): string {
  const now = new Date();
  const sec = Math.floor(now.getTime() / 1000);
  return JSON.stringify({
    AlarmInfoPlate: {
      channel: 0,
      deviceName: 'IVS',
      ipaddr: '127.0.0.1',
      serialno,
      result: {
        PlateResult: {
          license,
          colorType: 1,
          type: 1,
          confidence: license === '_无_' ? 0 : 96,
          triggerType: 8,
          plateid: plateid++,
          isoffline: 0,
          timeStamp: { Timeval: { sec, usec: now.getMilliseconds() * 1000 } },
        },
      },
    },
  });
}

/** Plays one camera push (a read or a heartbeat) at one gate; bad input is refused first. */
export async function playCameraLane(options: LaneOptions, input: unknown): Promise<LaneOutcome> {
  const refuse = (code: string, message: string): LaneOutcome => ({
    ok: false,
    status: 400,
    code,
    message,
  });
  const parsed = cameraLaneRequestSchema.safeParse(input);
  if (!parsed.success) {
    return refuse(
      'INVALID_INPUT',
      parsed.error.issues.map((i) => `${i.path.join('.') || '请求'}: ${i.message}`).join('; '),
    );
  }
  const request = parsed.data;
  if (!options.cameraUrl) return refuse('NO_CAMERAS', '未配置摄像机接口');
  const lot = options.lots.find((l) => l.id === request.lotId);
  if (!lot) return refuse('LOT_UNKNOWN', `车道面板没有这个停车场：${request.lotId}`);
  const gate = lot.gates.find((g) => g.id === request.gateId);
  if (!gate) return refuse('GATE_UNKNOWN', `${lot.name}没有这个道闸：${request.gateId}`);
  if (!gate.cameraPush) return refuse('NO_CAMERA', `${gate.name}没有登记摄像机`);
  if (request.action !== 'heartbeat' && gate.kind !== request.action) {
    return refuse(
      'WRONG_GATE',
      request.action === 'entry' ? `${gate.name}不是入口` : `${gate.name}不是出口`,
    );
  }
  let sent: { body: string; contentType: string };
  if (request.action === 'heartbeat') {
    sent = heartbeatBody(gate.cameraPush.serialno);
  } else {
    const typed = (request.plate ?? '').trim();
    if (typed !== '' && !validatePlate(typed, { allowDerived: false }).ok) {
      return refuse('PLATE_INVALID', `车牌有误：${typed}`);
    }
    sent = {
      body: readBody(gate.cameraPush.serialno, typed === '' ? '_无_' : typed.toUpperCase()),
      contentType: 'application/json',
    };
  }
  const res = await fetch(`${options.cameraUrl}/${gate.cameraPush.token}`, {
    method: 'POST',
    headers: { 'content-type': sent.contentType },
    body: sent.body,
  });
  const text = await res.text();
  let reply: CameraReplyBody;
  try {
    reply = JSON.parse(text) as CameraReplyBody;
  } catch {
    reply = { error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
  }
  const opened = reply.Response_AlarmInfoPlate?.info === 'ok';
  const led = ledText(reply);
  const message =
    led ||
    (reply.error?.message
      ? `道闸未开：${reply.error.message}`
      : request.action === 'heartbeat'
        ? '心跳：无待执行指令'
        : '道闸未开');
  const answer: LaneAnswer = {
    opened,
    message,
    steps: [
      { type: request.action === 'heartbeat' ? 'heartbeat' : 'push', status: res.status, reply },
    ],
  };
  return { ok: true, answer };
}
