import type { IncomingHttpHeaders } from 'node:http';

/** A small request/reply model and router: handlers return a value, the server writes it. */

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The query string as received, without `?` (the browser-redirect form may come as GET). */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
  /**
   * Timeout fault injection: hold the connection this long, then close it without answering,
   * as a platform that never replies does (the client's own timeout fires first if shorter).
   */
  hangUpAfterMs?: number;
}

export type Handler = (
  req: SandboxRequest,
  params: Record<string, string>,
) => Reply | Promise<Reply>;

export function jsonReply(status: number, value: unknown): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

export function textReply(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

export function redirectReply(location: string): Reply {
  return { status: 303, headers: { location }, body: '' };
}

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

export class Router {
  private readonly routes: Route[] = [];

  /** `pattern` is a path whose `:name` segments are parameters. */
  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split('/'), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = path.split('/');
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchParts(route.parts, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchParts(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? '';
    const v = parts[i] ?? '';
    if (p.startsWith(':')) {
      if (!v) return undefined;
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return undefined;
      }
    } else if (p !== v) return undefined;
  }
  return params;
}

/** Reads a JSON or form body into a plain object (admin and cashier calls accept both). */
export function parseLooseBody(
  req: SandboxRequest,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const type = String(req.headers['content-type'] ?? '');
  if (req.body.trim() === '') return { ok: true, value: {} };
  if (type.includes('application/json') || /^\s*[[{]/.test(req.body)) {
    try {
      return { ok: true, value: JSON.parse(req.body) };
    } catch {
      return { ok: false, error: 'body is not valid JSON' };
    }
  }
  return { ok: true, value: Object.fromEntries(new URLSearchParams(req.body)) };
}
