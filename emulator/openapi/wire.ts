/**
 * The wire of `cloud.openapi.*` as wx-server-sdk 4.0.2 sends it (index.js, generic.ts and
 * callWXOpenAPI.ts; @cloudbase/node-sdk dist/wx/index.js callCompatibleWxOpenApi): a
 * multipart/form-data POST to the same service URL as the database, with fields `action`
 * (`wx.openApi`), `apiName` (e.g. `subscribeMessage.send`) and `requestData`, a protobuf
 * `CommApiData { apiType = 1; openapiData = 2 { repeated KeyValuePair pairs = 1 { key = 1;
 * value = 2 } }; appid = 6 }` whose values are the JSON of each snake_case argument. The answer
 * is a protobuf `CommOpenApiResp { respData = 1; contentType = 2; errorCode = 3; httpCode = 4 }`
 * holding WeChat's JSON (`{ errcode, errmsg, ... }`), which the SDK turns into a result or an
 * error with that errCode.
 */

export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** The fields of a multipart/form-data body by name (the last one wins); undefined if not one. */
export function parseMultipart(
  body: Buffer,
  contentType: string | undefined,
): Map<string, Buffer> | undefined {
  const match = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(
    contentType ?? '',
  );
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return undefined;
  const fields = new Map<string, Buffer>();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter has no CRLF before it.
  const text = Buffer.concat([Buffer.from('\r\n'), body]);
  let at = text.indexOf(delimiter);
  if (at < 0) throw new WireError('multipart body without its boundary');
  for (;;) {
    const start = at + delimiter.length;
    if (text.subarray(start, start + 2).toString() === '--') return fields;
    const next = text.indexOf(delimiter, start);
    if (next < 0) throw new WireError('multipart body not closed');
    const part = text.subarray(start + 2, next);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw new WireError('multipart part without headers');
    const headers = part.subarray(0, split).toString('utf8');
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) fields.set(name, Buffer.from(part.subarray(split + 4)));
    at = next;
  }
}

// ---- protobuf, the few shapes used ----

interface Field {
  no: number;
  varint?: number;
  bytes?: Buffer;
}

function readVarint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i += 1) {
    const byte = buf[pos + i];
    if (byte === undefined) throw new WireError('truncated varint');
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return [value, pos + i + 1];
  }
  throw new WireError('varint too long');
}

function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    const no = Math.floor(tag / 8);
    const wire = tag % 8;
    pos = afterTag;
    if (wire === 0) {
      const [value, next] = readVarint(buf, pos);
      fields.push({ no, varint: value });
      pos = next;
    } else if (wire === 2) {
      const [length, next] = readVarint(buf, pos);
      if (next + length > buf.length) throw new WireError('truncated field');
      fields.push({ no, bytes: buf.subarray(next, next + length) });
      pos = next + length;
    } else if (wire === 1 || wire === 5) {
      pos += wire === 1 ? 8 : 4;
    } else {
      throw new WireError(`unsupported wire type ${wire}`);
    }
  }
  if (pos !== buf.length) throw new WireError('truncated message');
  return fields;
}

export interface OpenApiRequest {
  /** 0 OPEN_API, 1 INNER_API, 2 SVRKIT_API, 3 TOKEN_API. */
  apiType: number;
  /** The arguments as sent (snake_case keys), each value parsed from its JSON. */
  params: Record<string, unknown>;
  /** Given for a call on behalf of another mini-program (`cloud.openapi({ appid })`). */
  appid?: string;
}

/** Decodes `requestData` (CommApiData). */
export function decodeRequestData(data: Buffer): OpenApiRequest {
  const request: OpenApiRequest = { apiType: 0, params: {} };
  for (const field of readFields(data)) {
    if (field.no === 1 && field.varint !== undefined) request.apiType = field.varint;
    if (field.no === 6 && field.bytes) request.appid = field.bytes.toString('utf8');
    if (field.no !== 2 || !field.bytes) continue;
    for (const pair of readFields(field.bytes)) {
      if (pair.no !== 1 || !pair.bytes) continue;
      let key: string | undefined;
      let value: Buffer | undefined;
      for (const kv of readFields(pair.bytes)) {
        if (kv.no === 1 && kv.bytes) key = kv.bytes.toString('utf8');
        if (kv.no === 2 && kv.bytes) value = kv.bytes;
      }
      if (key === undefined) throw new WireError('a pair without its key');
      const text = value?.toString('utf8') ?? '';
      try {
        request.params[key] = JSON.parse(text) as unknown;
      } catch {
        // A file or buffer argument (not JSON): kept as its size.
        request.params[key] = { bytes: value?.length ?? 0 };
      }
    }
  }
  return request;
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

const bytesField = (no: number, value: Buffer) =>
  Buffer.concat([varint(no * 8 + 2), varint(value.length), value]);

/** Encodes the answer (CommOpenApiResp) carrying WeChat's JSON reply. */
export function encodeJsonResponse(reply: Record<string, unknown>): Buffer {
  return Buffer.concat([
    bytesField(1, Buffer.from(JSON.stringify(reply), 'utf8')),
    bytesField(2, Buffer.from('application/json; charset=utf-8')),
    varint(4 * 8),
    varint(200),
  ]);
}
