import fs from 'node:fs';
import path from 'node:path';
import {
  type CameraAction,
  type PlateRead,
  actOnReply,
  heartbeatForm,
  plateReadBody,
} from './device';

/**
 * A simulated camera talking to a push URL: reads, heartbeats, and the offline queue. A read the
 * server cannot take (no connection, or a 5xx) is kept in the queue file, as a camera keeps it on
 * its card while the network is down (断线重传), and replayed in order with `isoffline: 1`, each
 * dropped once the server acknowledges it with ContinuePushOffline.
 */

export interface CameraTarget {
  /** The push URL, `https://<host>/camera/<token>`. */
  url: string;
  serialno: string;
}

export type PushResult =
  { delivered: true; status: number; action: CameraAction } | { delivered: false; reason: string };

async function post(url: string, body: string, contentType: string): Promise<PushResult> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { delivered: false, reason: cause ?? (error as Error).message };
  }
  const text = await res.text();
  if (res.status >= 500) return { delivered: false, reason: `HTTP ${res.status}` };
  return { delivered: true, status: res.status, action: actOnReply(text) };
}

export function pushRead(target: CameraTarget, read: PlateRead): Promise<PushResult> {
  return post(target.url, plateReadBody(read), 'application/json');
}

export function pushHeartbeat(target: CameraTarget): Promise<PushResult> {
  const form = heartbeatForm(target.serialno);
  return post(target.url, form.body, form.contentType);
}

/** The queue file: the reads not delivered yet, oldest first. */
export function loadQueue(file: string): PlateRead[] {
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${file} is not a queue of reads (a JSON array)`);
  return parsed as PlateRead[];
}

function saveQueue(file: string, reads: PlateRead[]): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(reads, null, 1));
  fs.renameSync(tmp, file);
}

/** A live read; when the server cannot take it and `queueFile` is given, it is queued. */
export async function readPlate(
  target: CameraTarget,
  read: PlateRead,
  queueFile?: string,
): Promise<PushResult & { queued?: boolean }> {
  const result = await pushRead(target, read);
  if (!result.delivered && queueFile) {
    saveQueue(queueFile, [...loadQueue(queueFile), read]);
    return { ...result, queued: true };
  }
  return result;
}

export interface ReplayReport {
  sent: number;
  acknowledged: number;
  left: number;
  /** Why the replay stopped early (the server did not acknowledge, or could not be reached). */
  stopped?: string;
}

/** Replays the queue in order until it is empty or the server stops acknowledging. */
export async function replayQueue(
  target: CameraTarget,
  queueFile: string,
  onEach: (read: PlateRead, result: PushResult) => void = () => undefined,
): Promise<ReplayReport> {
  let queue = loadQueue(queueFile);
  const report: ReplayReport = { sent: 0, acknowledged: 0, left: queue.length };
  while (queue.length > 0) {
    const read = { ...queue[0]!, isoffline: 1 as const };
    const result = await pushRead(target, read);
    report.sent += 1;
    onEach(read, result);
    if (!result.delivered) {
      report.stopped = result.reason;
      break;
    }
    if (result.action.continueOffline !== read.plateid) {
      report.stopped = result.action.error
        ? `${result.action.error.code}: ${result.action.error.message}`
        : 'not acknowledged (no ContinuePushOffline for this plateid)';
      break;
    }
    queue = queue.slice(1);
    saveQueue(queueFile, queue);
    report.acknowledged += 1;
  }
  report.left = queue.length;
  return report;
}
