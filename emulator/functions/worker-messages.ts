/** Messages between the function host and one function instance (a worker thread). */

export interface WorkerData {
  functionName: string;
  entry: string;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type ToInstance = {
  type: 'invoke';
  id: number;
  /** JSON text: the platform hands the function a JSON copy of the event. */
  event: string;
  env: Record<string, string>;
  context: Record<string, unknown>;
};

export type FromInstance =
  | { type: 'ready' }
  | { type: 'load-error'; error: SerializedError }
  | { type: 'result'; id: number; ok: true; json: string | undefined }
  | { type: 'result'; id: number; ok: false; error: SerializedError };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  if (err && typeof err === 'object') {
    // wx-server-sdk rejects with plain objects ({ errCode, errMsg }) in places.
    return { name: 'Error', message: JSON.stringify(err) };
  }
  return { name: 'Error', message: String(err) };
}
