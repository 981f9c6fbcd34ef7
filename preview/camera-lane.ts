import { z } from 'zod';
import { actOnReply, heartbeatForm, NO_PLATE, plateReadBody } from '../camera-sim/device';
import { validatePlate } from '../core/plate/classify';
import type { LaneAnswer, LaneOptions, LaneOutcome } from './lane';

/**
 * The lane panel playing a plate camera instead of the lot's controller: the preview server
 * pushes to `/camera/<token>` what an IVS camera pushes (a JSON `AlarmInfoPlate` read, or the
 * comet heartbeat as multipart form fields; camera-sim/device.ts, as `parking-camera` does) and
 * shows what the camera would do with the reply:
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

let plateid = Math.floor(Date.now() / 1000) % 100_000;

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
    sent = heartbeatForm(gate.cameraPush.serialno);
  } else {
    const typed = (request.plate ?? '').trim();
    if (typed !== '' && !validatePlate(typed, { allowDerived: false }).ok) {
      return refuse('PLATE_INVALID', `车牌有误：${typed}`);
    }
    const now = Date.now();
    sent = {
      body: plateReadBody({
        serialno: gate.cameraPush.serialno,
        license: typed === '' ? NO_PLATE : typed.toUpperCase(),
        confidence: typed === '' ? 0 : 96,
        plateid: plateid++,
        sec: Math.floor(now / 1000),
        usec: (now % 1000) * 1000,
      }),
      contentType: 'application/json',
    };
  }
  const res = await fetch(`${options.cameraUrl}/${gate.cameraPush.token}`, {
    method: 'POST',
    headers: { 'content-type': sent.contentType },
    body: sent.body,
  });
  const text = await res.text();
  const action = actOnReply(text);
  let reply: unknown;
  try {
    reply = JSON.parse(text) as unknown;
  } catch {
    reply = { error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
  }
  const led = action.led.join(' ');
  const message =
    led ||
    (action.error?.message
      ? `道闸未开：${action.error.message}`
      : request.action === 'heartbeat'
        ? '心跳：无待执行指令'
        : '道闸未开');
  const answer: LaneAnswer = {
    opened: action.opened,
    message,
    steps: [
      { type: request.action === 'heartbeat' ? 'heartbeat' : 'push', status: res.status, reply },
    ],
  };
  return { ok: true, answer };
}
