import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../../cloud/database';
import { COLLECTIONS } from '../../store/collections';

/**
 * A plate camera registered by an operator to one gate (lane); its direction is the gate's kind.
 * The camera's push URL ends with its token `<cameraId>.<secret>`: the id finds the record, the
 * secret is kept only as its SHA-256 and compared timing-safe. The token is shown once, at
 * registration.
 */
export interface CameraDoc {
  _id: string;
  lotId: string;
  gateId: string;
  direction: 'entry' | 'exit';
  /** The device's serial number (`serialno` of every push and heartbeat). */
  serialno: string;
  name: string;
  /** SHA-256 (hex) of the token's secret. */
  secretHash: string;
  /** LED encoder id (core/camera/led-encoder.ts). */
  led: string;
  createdAt: number;
  createdBy: string;
  lastHeartbeatAt?: number;
  lastReadAt?: number;
  /** A car held at the lane (closed decision): judged again on every heartbeat until it passes. */
  waiting?: { readId: string; plate: string; since: number };
  /** Remote opens already handed to this camera (their gate_events ids, newest last). */
  deliveredCommands?: string[];
  /** Bumped by every heartbeat that hands out a command: the compare-and-set of those hand-outs. */
  commandsVersion?: number;
}

export const cameras = (db: Database) => db.collection<CameraDoc>(COLLECTIONS.cameras);

const ID = /^cam[0-9a-f]{12}$/;
const SECRET = /^[0-9a-f]{32}$/;

export function newCameraToken(): { cameraId: string; secret: string; token: string } {
  const cameraId = `cam${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  return { cameraId, secret, token: `${cameraId}.${secret}` };
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The token's parts, or undefined when it cannot be one of ours. */
export function splitToken(token: string): { cameraId: string; secret: string } | undefined {
  const [cameraId, secret, ...rest] = token.split('.');
  if (rest.length > 0 || !cameraId || !secret || !ID.test(cameraId) || !SECRET.test(secret)) {
    return undefined;
  }
  return { cameraId, secret };
}

/** Whether `secret` is the one whose hash is stored (constant time over the hashes). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(secretHash(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A camera counts as online while its heartbeats are this recent (comet polls every few seconds). */
export const ONLINE_SECONDS = 60;
