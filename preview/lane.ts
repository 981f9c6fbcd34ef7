import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { validatePlate } from '../core/plate/classify';
import { GATE_HEADERS, gateSignature } from '../server/gate-auth/gate-signature';

/**
 * The lane (车道) panel's server side: it plays a lot's camera and barrier controller. The browser
 * names a lot, a gate, a plate (or none) and 驶入/驶出; this module posts to `/gate` exactly what
 * the lot's controller posts, signed with the lot's secret (server/gate-auth), which therefore
 * never reaches the browser. An exit is asked first (`may_leave`) and reported (`exit`) only when
 * the barrier may open, as a controller does.
 */

export interface LaneGate {
  id: string;
  name: string;
  kind: 'entry' | 'exit' | 'paystation';
  /** Whether a plate camera watches it (the panel can then play the camera's pushes). */
  camera?: boolean;
}

export interface LaneLot {
  id: string;
  name: string;
  gates: LaneGate[];
}

/** A lot the lane can play, with the secret its controller signs with (server side only). */
export interface LaneLotWithSecret extends LaneLot {
  secret: string;
  /** Gates with a plate camera: its push token and serial number (server side only). */
  gates: Array<LaneGate & { cameraPush?: { token: string; serialno: string } }>;
}

export interface LaneOptions {
  /** The gate endpoint, e.g. http://127.0.0.1:8811/gate. */
  gateUrl: string;
  /** The cameras' endpoint, e.g. http://127.0.0.1:8811/camera (preview/camera-lane.ts). */
  cameraUrl?: string;
  lots: LaneLotWithSecret[];
}

export const laneRequestSchema = z.strictObject({
  lotId: z.string().min(1).max(64),
  gateId: z.string().min(1).max(64),
  action: z.enum(['entry', 'exit']),
  /** The plate the camera reads; absent or empty: a car without a plate (no reading). */
  plate: z.string().max(16).optional(),
});

export type LaneRequest = z.infer<typeof laneRequestSchema>;

/** One call made to `/gate`, shown in the panel as what the controller sent and got back. */
export interface LaneStep {
  /** `/gate` calls, or a camera's push / heartbeat (preview/camera-lane.ts). */
  type: 'entry' | 'exit' | 'may_leave' | 'push' | 'heartbeat';
  status: number;
  reply: unknown;
}

export interface LaneAnswer {
  /** Whether the barrier opens. */
  opened: boolean;
  /** What the lane's display shows (Simplified Chinese). */
  message: string;
  steps: LaneStep[];
}

export type LaneOutcome =
  { ok: true; answer: LaneAnswer } | { ok: false; status: number; code: string; message: string };

const refuse = (code: string, message: string): LaneOutcome => ({
  ok: false,
  status: 400,
  code,
  message,
});

interface GateReply {
  ok?: boolean;
  data?: Record<string, unknown>;
  error?: { code?: string; message?: string };
}

async function postToGate(
  options: LaneOptions,
  lot: LaneLotWithSecret,
  body: Record<string, unknown>,
): Promise<{ status: number; reply: GateReply }> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(12).toString('hex');
  const res = await fetch(options.gateUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [GATE_HEADERS.lot]: lot.id,
      [GATE_HEADERS.timestamp]: timestamp,
      [GATE_HEADERS.nonce]: nonce,
      [GATE_HEADERS.signature]: gateSignature(lot.secret, {
        lotId: lot.id,
        timestamp,
        nonce,
        body: raw,
      }),
    },
    body: raw,
  });
  const text = await res.text();
  let reply: GateReply;
  try {
    reply = JSON.parse(text) as GateReply;
  } catch {
    reply = { ok: false, error: { code: 'NOT_JSON', message: text.slice(0, 200) } };
  }
  return { status: res.status, reply };
}

const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function refusedText(reply: GateReply): string {
  return reply.error?.message ? `道闸未开：${reply.error.message}` : '道闸未开';
}

/** Plays one car at one gate; bad input is refused before anything is posted. */
export async function playLane(options: LaneOptions, input: unknown): Promise<LaneOutcome> {
  const parsed = laneRequestSchema.safeParse(input);
  if (!parsed.success) {
    return refuse(
      'INVALID_INPUT',
      parsed.error.issues.map((i) => `${i.path.join('.') || '请求'}: ${i.message}`).join('; '),
    );
  }
  const request = parsed.data;
  const lot = options.lots.find((l) => l.id === request.lotId);
  if (!lot) return refuse('LOT_UNKNOWN', `车道面板没有这个停车场：${request.lotId}`);
  const gate = lot.gates.find((g) => g.id === request.gateId);
  if (!gate) return refuse('GATE_UNKNOWN', `${lot.name}没有这个道闸：${request.gateId}`);
  const wanted = request.action === 'entry' ? 'entry' : 'exit';
  if (gate.kind !== wanted) {
    return refuse(
      'WRONG_GATE',
      request.action === 'entry' ? `${gate.name}不是入口` : `${gate.name}不是出口`,
    );
  }
  const typed = (request.plate ?? '').trim();
  if (typed === '') {
    // The camera reads nothing: the controller has nothing to report, the driver scans the QR.
    return {
      ok: true,
      answer: {
        opened: false,
        message:
          request.action === 'entry'
            ? '未识别到车牌：无牌车请用微信扫描入口二维码入场'
            : '未识别到车牌：无牌车请用微信扫描出口二维码缴费离场',
        steps: [],
      },
    };
  }
  const plate = validatePlate(typed, { allowDerived: false });
  if (!plate.ok) return refuse('PLATE_INVALID', `车牌有误：${plate.message}`);

  if (request.action === 'entry') {
    const sent = await postToGate(options, lot, {
      type: 'entry',
      gateId: gate.id,
      plate: plate.plate,
    });
    const steps: LaneStep[] = [{ type: 'entry', status: sent.status, reply: sent.reply }];
    if (!sent.reply.ok)
      return { ok: true, answer: { opened: false, message: refusedText(sent.reply), steps } };
    const created = sent.reply.data?.created === true;
    // The gate's LED text: 欢迎光临, or why the car is free (月卡车 剩余 N 天) or pays.
    const led = sent.reply.data?.led;
    return {
      ok: true,
      answer: {
        opened: true,
        message: `${plate.plate} ${typeof led === 'string' ? led : '欢迎光临'}${created ? '' : '（已在场）'}`,
        steps,
      },
    };
  }

  const asked = await postToGate(options, lot, {
    type: 'may_leave',
    gateId: gate.id,
    plate: plate.plate,
  });
  const steps: LaneStep[] = [{ type: 'may_leave', status: asked.status, reply: asked.reply }];
  if (!asked.reply.ok)
    return { ok: true, answer: { opened: false, message: refusedText(asked.reply), steps } };
  const verdict = asked.reply.data ?? {};
  if (verdict.allowed !== true) {
    const due =
      typeof verdict.due === 'number' && verdict.due > 0 ? `，应付 ${yuan(verdict.due)}` : '';
    const text = typeof verdict.text === 'string' ? verdict.text : '不能放行';
    return { ok: true, answer: { opened: false, message: `${plate.plate} ${text}${due}`, steps } };
  }
  const exited = await postToGate(options, lot, {
    type: 'exit',
    gateId: gate.id,
    plate: plate.plate,
  });
  steps.push({ type: 'exit', status: exited.status, reply: exited.reply });
  if (!exited.reply.ok)
    return { ok: true, answer: { opened: false, message: refusedText(exited.reply), steps } };
  const farewell = typeof verdict.led === 'string' ? verdict.led : '一路顺风';
  return { ok: true, answer: { opened: true, message: `${plate.plate} ${farewell}`, steps } };
}

/** The lots as the browser may see them: without their secrets. */
export function publicLaneLots(lots: readonly LaneLotWithSecret[]): LaneLot[] {
  return lots.map((l) => ({
    id: l.id,
    name: l.name,
    gates: l.gates.map((g) => ({
      id: g.id,
      name: g.name,
      kind: g.kind,
      ...(g.cameraPush && { camera: true }),
    })),
  }));
}
