/**
 * CloudBase HTTP access (集成请求/集成响应): the event a function gets and the reply it returns.
 * The body may arrive base64-encoded (`isBase64Encoded`); both forms are accepted.
 */
export interface HttpAccessEvent {
  path?: string;
  httpMethod?: string;
  headers?: Record<string, string | string[] | undefined>;
  /** The URL's query, decoded (the first value of a repeated name). */
  queryStringParameters?: Record<string, string> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export interface HttpReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: false;
}

/** Bodies larger than this are refused before parsing (notifications and gate calls are small). */
export const MAX_BODY_BYTES = 16 * 1024;

export function isHttpAccessEvent(event: unknown): event is HttpAccessEvent {
  return typeof event === 'object' && event !== null && 'httpMethod' in event;
}

/** The raw body as text (UTF-8), decoded from base64 when the platform encoded it. */
export function rawBody(event: HttpAccessEvent): string {
  const body = event.body ?? '';
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
}

export function textReply(statusCode: number, body: string): HttpReply {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}

export function jsonReply(statusCode: number, body: unknown): HttpReply {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}
