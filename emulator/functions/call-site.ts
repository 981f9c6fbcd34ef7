import http from 'node:http';
import path from 'node:path';

/** Same name as the database emulator's CALL_SITE_HEADER (not imported: workers load little). */
const HEADER = 'x-emulator-call-site';
/** Same name as the database emulator's FUNCTION_HEADER: requests are counted per function. */
const FUNCTION = 'x-emulator-function';
const REPO = path.resolve(__dirname, '../..');

/**
 * The first frame of the function's own code in the current (async) stack: the line that made
 * a database query. Frames of node_modules, Node and the host are skipped.
 */
export function callSite(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    if (line.includes('node:') || line.includes('<anonymous>')) continue;
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line);
    if (!match) continue;
    const file = match[1]!.replace(/^file:\/\//, '');
    if (file.includes('/node_modules/') || file.includes('/emulator/functions/')) continue;
    const name = /at (?:async )?([^\s(]+) \(/.exec(line)?.[1];
    const where = `${path.relative(REPO, file)}:${match[2]}`;
    return name ? `${where} (${name})` : where;
  }
  return undefined;
}

/**
 * Tags each request to the database emulator with the call site that made it, so that an
 * unindexed query is reported where it is written. Only requests to `databaseUrl` are tagged.
 */
export function tagDatabaseRequests(databaseUrl: string | undefined, functionName: string): void {
  if (!databaseUrl) return;
  const target = new URL(databaseUrl);
  const original = http.request;
  const tagged = function (this: unknown, ...args: unknown[]) {
    const req = (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
    try {
      const host = req.host;
      if (host === target.hostname && req.path.startsWith(target.pathname)) {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 60;
        // wx-server-sdk starts each query in `new Promise(async ...)`, which cuts the async
        // stack: when no frame of the function's own code is left, name the function.
        const site = callSite(new Error().stack) ?? `function ${functionName}`;
        Error.stackTraceLimit = limit;
        if (!req.headersSent) {
          req.setHeader(HEADER, encodeURIComponent(site));
          req.setHeader(FUNCTION, functionName);
        }
      }
    } catch {
      // a tag is a convenience: never fail the request for it
    }
    return req;
  };
  http.request = tagged as typeof http.request;
}
