// Test double of the Tencent Cloud API endpoint (tcb.tencentcloudapi.com) for the database
// actions @cloudbase/manager-node sends: one POST per action, `X-TC-Action` naming it, a JSON
// body, a TC3-HMAC-SHA256 signature (checked here, as the real endpoint does), and answers
// `{ Response: { ..., RequestId } }` or `{ Response: { Error: { Code, Message }, RequestId } }`.
// It keeps the state of one environment's collections, indexes and permissions and records every
// request, so a test can see what the SDK really sent. Point the SDK at it with TCB_BASE_URL.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleIndex {
  Name: string;
  Keys: Array<{ Name: string; Direction: string }>;
  Unique: boolean;
}

export interface RecordedRequest {
  action: string;
  body: Record<string, unknown>;
}

export interface CloudApiDouble {
  url: string;
  requests: RecordedRequest[];
  tables: Map<string, DoubleIndex[]>;
  permissions: Map<string, { Permission: string; SecurityRule?: string }>;
  close(): Promise<void>;
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) =>
  crypto.createHmac('sha256', key).update(text).digest();

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** TC3-HMAC-SHA256 as Tencent Cloud documents it (signed headers content-type and host). */
function verifySignature(
  req: http.IncomingMessage,
  payload: string,
  secretId: string,
  secretKey: string,
): void {
  const auth = String(req.headers.authorization ?? '');
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) throw new ApiError('AuthFailure.SignatureFailure', 'malformed Authorization header');
  const [, id, date, service, signature] = m as unknown as [string, string, string, string, string];
  if (id !== secretId) throw new ApiError('AuthFailure.SecretIdNotFound', 'unknown SecretId');
  const timestamp = Number(req.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
    throw new ApiError('AuthFailure.SignatureExpire', 'timestamp too far from now');
  }
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) {
    throw new ApiError('AuthFailure.SignatureFailure', 'credential date is not the timestamp date');
  }
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
  const canonical = `POST\n/\n\ncontent-type:${String(req.headers['content-type'])}\nhost:${host}\n\ncontent-type;host\n${sha256(payload)}`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  if (crypto.createHmac('sha256', key).update(toSign).digest('hex') !== signature) {
    throw new ApiError('AuthFailure.SignatureFailure', 'signature does not match');
  }
}

export async function startCloudApiDouble(options: {
  envId: string;
  secretId: string;
  secretKey: string;
}): Promise<CloudApiDouble> {
  const instanceId = `tnt-${options.envId.slice(0, 8)}`;
  const tables = new Map<string, DoubleIndex[]>();
  const permissions = new Map<string, { Permission: string; SecurityRule?: string }>();
  const requests: RecordedRequest[] = [];

  const requireEnv = (body: Record<string, unknown>) => {
    if (body.EnvId !== options.envId)
      throw new ApiError('ResourceNotFound', `environment ${String(body.EnvId)} not found`);
  };
  const requireTable = (body: Record<string, unknown>, mustExist: boolean): string => {
    requireEnv(body);
    const connector = body.MongoConnector as
      { DatabaseName?: string; InstanceId?: string } | undefined;
    if (connector?.DatabaseName !== instanceId || connector.InstanceId !== 'flexdb') {
      throw new ApiError(
        'InvalidParameter',
        "MongoConnector does not name this environment's database",
      );
    }
    const name = body.TableName;
    if (typeof name !== 'string' || name === '')
      throw new ApiError('MissingParameter', 'TableName');
    if (mustExist && !tables.has(name))
      throw new ApiError('ResourceNotFound', `table ${name} not found`);
    return name;
  };

  const actions: Record<string, (body: Record<string, unknown>) => Record<string, unknown>> = {
    DescribeEnvInfo: (body) => {
      requireEnv(body);
      return {
        EnvInfo: {
          EnvBaseInfo: {
            EnvId: options.envId,
            Alias: 'double',
            Status: 'NORMAL',
            Databases: [{ InstanceId: instanceId, Status: 'RUNNING', Region: 'ap-shanghai' }],
            Storages: [],
            Functions: [],
          },
        },
      };
    },
    DescribeTable: (body) => {
      const indexes = tables.get(requireTable(body, true)) ?? [];
      return {
        Indexes: indexes.map((i) => ({
          ...i,
          Size: 4096,
          Accesses: { Ops: 0, Since: '2026-01-01T00:00:00Z' },
        })),
        IndexNum: indexes.length,
      };
    },
    CreateTable: (body) => {
      const name = requireTable(body, false);
      if (tables.has(name)) throw new ApiError('ResourceInUse', `table ${name} exists`);
      tables.set(name, [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }]);
      permissions.set(name, { Permission: 'PRIVATE' });
      return {};
    },
    UpdateTable: (body) => {
      const indexes = tables.get(requireTable(body, true)) ?? [];
      for (const drop of (body.DropIndexes as Array<{ IndexName: string }> | undefined) ?? []) {
        const at = indexes.findIndex((i) => i.Name === drop.IndexName);
        if (at < 0) throw new ApiError('ResourceNotFound', `index ${drop.IndexName} not found`);
        indexes.splice(at, 1);
      }
      type CreateIndex = {
        IndexName?: unknown;
        MgoKeySchema?: {
          MgoIsUnique?: unknown;
          MgoIndexKeys?: Array<{ Name: string; Direction: string }>;
        };
      };
      for (const add of (body.CreateIndexes as CreateIndex[] | undefined) ?? []) {
        const keys = add.MgoKeySchema?.MgoIndexKeys;
        const unique = add.MgoKeySchema?.MgoIsUnique;
        if (typeof add.IndexName !== 'string' || !keys?.length || typeof unique !== 'boolean') {
          throw new ApiError(
            'InvalidParameter',
            'CreateIndexes needs IndexName and MgoKeySchema { MgoIndexKeys, MgoIsUnique }',
          );
        }
        if (keys.some((k) => !['1', '-1', '2dsphere'].includes(k.Direction)))
          throw new ApiError('InvalidParameter', 'Direction');
        if (indexes.some((i) => i.Name === add.IndexName))
          throw new ApiError('ResourceInUse', `index ${String(add.IndexName)} exists`);
        indexes.push({
          Name: add.IndexName,
          Keys: keys.map((k) => ({ Name: k.Name, Direction: k.Direction })),
          Unique: unique,
        });
      }
      return {};
    },
    DescribeResourcePermission: (body) => {
      requireEnv(body);
      if (body.ResourceType !== 'collection')
        throw new ApiError('InvalidParameter', 'ResourceType');
      const wanted = (body.Resources as string[] | undefined) ?? [...permissions.keys()];
      const list = wanted
        .filter((r) => permissions.has(r))
        .map((r) => ({ ResourceType: 'collection', Resource: r, ...permissions.get(r) }));
      return { Data: { TotalCount: list.length, PermissionList: list } };
    },
    ModifyResourcePermission: (body) => {
      requireEnv(body);
      const name = body.Resource;
      if (body.ResourceType !== 'collection' || typeof name !== 'string' || !tables.has(name)) {
        throw new ApiError('ResourceNotFound', `collection ${String(name)} not found`);
      }
      if (body.Permission === 'CUSTOM') {
        try {
          JSON.parse(String(body.SecurityRule));
        } catch {
          throw new ApiError('InvalidParameter', 'Invalid security rule config');
        }
        permissions.set(name, { Permission: 'CUSTOM', SecurityRule: String(body.SecurityRule) });
      } else {
        permissions.set(name, { Permission: String(body.Permission) });
      }
      return { Data: { Success: true } };
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const payload = Buffer.concat(chunks).toString('utf8');
      const action = String(req.headers['x-tc-action'] ?? '');
      const RequestId = crypto.randomUUID();
      let response: Record<string, unknown>;
      try {
        if (req.method !== 'POST') throw new ApiError('UnsupportedOperation', 'POST only');
        verifySignature(req, payload, options.secretId, options.secretKey);
        const body = JSON.parse(payload) as Record<string, unknown>;
        requests.push({ action, body });
        const handler = actions[action];
        if (!handler) throw new ApiError('InvalidAction', `action ${action} not in the double`);
        response = { ...handler(body), RequestId };
      } catch (error) {
        const code = error instanceof ApiError ? error.code : 'InternalError';
        response = {
          Error: { Code: code, Message: error instanceof Error ? error.message : String(error) },
          RequestId,
        };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Response: response }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tables,
    permissions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
