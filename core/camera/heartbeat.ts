import { z } from 'zod';

/**
 * The camera's heartbeat (设备注册 / comet 轮询): a POST of form fields (`serialno`, `ipaddr`,
 * `device_name`, `channel_num`, ...), sent as multipart/form-data by the IVS firmware and as
 * application/x-www-form-urlencoded by others; both are read. In comet mode the camera sends
 * the next one as soon as it has the reply, and acts on the reply's commands.
 */

export const heartbeatSchema = z.looseObject({
  serialno: z.string().min(1).max(64),
  ipaddr: z.string().max(64).optional(),
  device_name: z.string().max(64).optional(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

/** The text fields of a form body, by content type; undefined when it is not a form. */
export function formFields(
  contentType: string | undefined,
  body: string,
): Record<string, string> | undefined {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body));
  }
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
    return boundary ? multipartFields(body, boundary) : undefined;
  }
  return undefined;
}

/** The text parts of a multipart/form-data body (files are skipped). */
export function multipartFields(body: string, boundary: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of body.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const headers = part.slice(0, headerEnd);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (!name || /\bfilename=/i.test(headers)) continue;
    fields[name] = part.slice(headerEnd + 4).replace(/\r\n$/, '');
  }
  return fields;
}

export type HeartbeatParse =
  | { ok: true; heartbeat: Heartbeat }
  | { ok: false; issues: Array<{ field: string; rule: string }> };

export function parseHeartbeat(fields: Record<string, string>): HeartbeatParse {
  const parsed = heartbeatSchema.safeParse(fields);
  return parsed.success
    ? { ok: true, heartbeat: parsed.data }
    : {
        ok: false,
        issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.message })),
      };
}
