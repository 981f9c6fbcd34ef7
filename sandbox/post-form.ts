import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  status?: number;
  body?: string;
  error?: string;
}

const MAX_REPLY_BYTES = 64 * 1024;

/**
 * POSTs a form body and reads the reply, on a fresh connection (no keep-alive, so nothing stays
 * open after close). Never throws: a network failure or a timeout is reported in `error`.
 */
export function postForm(
  url: string,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: 'invalid notify_url' });
      return;
    }
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        agent: false,
        signal,
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'allinpay-sandbox',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (err) => resolve({ status: res.statusCode, error: err.message }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no reply within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(body);
  });
}
