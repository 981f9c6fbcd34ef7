import http from 'node:http';
import { findSourceMap } from 'node:module';
import path from 'node:path';

/** Same name as the database emulator's CALL_SITE_HEADER (not imported: workers load little). */
const HEADER = 'x-emulator-call-site';
/** Same name as the database emulator's FUNCTION_HEADER: requests are counted per function. */
const FUNCTION = 'x-emulator-function';
const REPO = path.resolve(__dirname, '../..');

/** Tags already made, by generated position: a function has few call sites. */
const tags = new Map<string, string>();

function isOwnCode(file: string | null | undefined): file is string {
  return (
    !!file &&
    !file.startsWith('node:') &&
    !file.includes('/node_modules/') &&
    !file.includes('/emulator/functions/') &&
    (file.startsWith('/') || file.startsWith('file://'))
  );
}

/** `repo/relative/file.ts:line (name)` of a frame, through the source map when there is one. */
function tagOf(frame: NodeJS.CallSite, file: string): string {
  const line = frame.getLineNumber() ?? 0;
  const column = frame.getColumnNumber() ?? 0;
  const key = `${file}:${line}:${column}`;
  const known = tags.get(key);
  if (known) return known;
  let source = file.replace(/^file:\/\//, '');
  let sourceLine = line;
  const entry = findSourceMap(source)?.findEntry(line - 1, column - 1) as
    { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource !== undefined && entry.originalLine !== undefined) {
    source = entry.originalSource.replace(/^file:\/\//, '');
    sourceLine = entry.originalLine + 1;
  }
  const name = frame.getFunctionName() ?? frame.getMethodName();
  const where = `${path.relative(REPO, source)}:${sourceLine}`;
  const tag = name ? `${where} (${name})` : where;
  tags.set(key, tag);
  return tag;
}

/**
 * The first frame of the function's own code in the current (async) stack: the line that made
 * a database query. Frames of node_modules, Node and the host are skipped. Read from structured
 * frames (no stack text is formatted, no source map applied but to the frame found).
 */
export function callSite(skip: (...args: never[]) => unknown = callSite): string | undefined {
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_error, frames) => frames;
    Error.stackTraceLimit = 60;
    Error.captureStackTrace(holder, skip);
    for (const frame of holder.stack ?? []) {
      const file = frame.getFileName();
      if (isOwnCode(file)) return tagOf(frame, file);
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
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
        // wx-server-sdk starts each query in `new Promise(async ...)`, which cuts the async
        // stack: when no frame of the function's own code is left, name the function.
        const site = callSite(tagged) ?? `function ${functionName}`;
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
