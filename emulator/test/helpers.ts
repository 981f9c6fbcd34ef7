import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../../test/support/eventually';

export const FIXTURES = path.join(__dirname, 'fixtures', 'cloudfunctions');

const made: string[] = [];

/** A fresh temporary folder, removed by removeTempDataDirs (each test file calls it last). */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudbase-emulator-'));
  made.push(dir);
  return dir;
}

/** Removes the folders tempDataDir made (after the servers using them are closed). */
export function removeTempDataDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
}

export async function postJson(url: string, body: unknown): Promise<JsonReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Calls a function as the mini-program would and returns its result, failing on an error. */
export async function invoke(
  hostUrl: string,
  name: string,
  data: Record<string, unknown>,
  openid = 'o-test',
): Promise<unknown> {
  const reply = await postJson(`${hostUrl}/invoke/${name}`, { openid, data });
  if (reply.status !== 200) throw new Error(`${name} failed: ${JSON.stringify(reply.body)}`);
  return reply.body.result;
}

/** Polls until `check` holds (for background work such as timers); fails after `limitMs`. */
export async function waitFor(check: () => boolean, limitMs = 15_000): Promise<void> {
  await eventually(() => check() || undefined, 'the condition', limitMs, 20);
}
