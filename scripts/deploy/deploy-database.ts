// `npm run deploy:database [-- --dry-run]`: creates the collections, indexes and security rules of
// cloudbase/database.json in a CloudBase environment through the management SDK
// (@cloudbase/manager-node). Idempotent: it reads what exists first and changes only what
// differs, so a second run changes nothing. With --dry-run it reads and prints, changing nothing.
// Credentials from the environment: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and
// TENCENTCLOUD_SESSIONTOKEN for a temporary key); the environment id from ENV_ID or --env-id.
import fs from 'node:fs';
import path from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import { REPO_ROOT } from '../build-functions';
import {
  describeStep,
  planDatabase,
  type FoundCollection,
  type ManifestCollection,
  type Step,
} from './database-plan';

export const MANIFEST = path.join(REPO_ROOT, 'cloudbase', 'database.json');

export interface DeployDatabaseOptions {
  envId: string;
  secretId: string;
  secretKey: string;
  token?: string;
  dryRun: boolean;
  manifest?: string;
  log?: (line: string) => void;
}

export interface DeployDatabaseResult {
  steps: Step[];
  applied: number;
}

type Manager = InstanceType<typeof CloudBase>;

async function readFound(
  app: Manager,
  wanted: ManifestCollection[],
): Promise<Map<string, FoundCollection>> {
  const found = new Map<string, FoundCollection>();
  for (const c of wanted) {
    const exists = await app.database.checkCollectionExists(c.name);
    const indexes = exists.Exists
      ? ((
          (await app.database.describeCollection(c.name)) as {
            Indexes?: FoundCollection['indexes'];
          }
        ).Indexes ?? [])
      : [];
    found.set(c.name, { exists: exists.Exists, indexes });
  }
  const existing = wanted.filter((c) => found.get(c.name)?.exists).map((c) => c.name);
  if (existing.length > 0) {
    // The permission service reads the environment's info loaded by the calls above.
    const { Data } = await app.permission.describeResourcePermission({
      resourceType: 'collection',
      resources: existing,
    });
    for (const p of Data.PermissionList ?? []) {
      const entry = p.Resource ? found.get(p.Resource) : undefined;
      if (entry) entry.permission = { Permission: p.Permission, SecurityRule: p.SecurityRule };
    }
  }
  return found;
}

async function apply(app: Manager, step: Step): Promise<void> {
  switch (step.kind) {
    case 'createCollection':
      await app.database.createCollection(step.collection);
      return;
    case 'createIndex':
      await app.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: step.index.name,
            MgoKeySchema: {
              MgoIsUnique: step.index.unique,
              MgoIndexKeys: step.index.keys.map((k) => ({ Name: k.name, Direction: k.direction })),
            },
          },
        ],
      });
      return;
    case 'setRule':
      await app.permission.modifyResourcePermission({
        resourceType: 'collection',
        resource: step.collection,
        permission: 'CUSTOM',
        securityRule: step.rule,
      });
      return;
    case 'conflict':
      return;
  }
}

export async function deployDatabase(
  options: DeployDatabaseOptions,
): Promise<DeployDatabaseResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const manifest = JSON.parse(fs.readFileSync(options.manifest ?? MANIFEST, 'utf8')) as {
    collections: ManifestCollection[];
  };
  const app = new CloudBase({
    secretId: options.secretId,
    secretKey: options.secretKey,
    token: options.token,
    envId: options.envId,
  });
  const found = await readFound(app, manifest.collections);
  const steps = planDatabase(manifest.collections, found);
  if (steps.length === 0) {
    log(
      `database of ${options.envId}: ${manifest.collections.length} collections as cloudbase/database.json says; nothing to change`,
    );
    return { steps, applied: 0 };
  }
  let applied = 0;
  for (const step of steps) {
    log(`${options.dryRun ? 'would ' : ''}${describeStep(step)}`);
    if (!options.dryRun && step.kind !== 'conflict') {
      await apply(app, step);
      applied += 1;
    }
  }
  const conflicts = steps.filter((s) => s.kind === 'conflict').length;
  log(
    `database of ${options.envId}: ${options.dryRun ? 'dry run, changed nothing' : `${applied} change(s) applied`}${conflicts ? `, ${conflicts} conflict(s) left` : ''}`,
  );
  return { steps, applied };
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--env-id');
  const envId = (at >= 0 ? argv[at + 1] : undefined) ?? process.env.ENV_ID ?? '';
  const secretId = process.env.TENCENTCLOUD_SECRETID ?? '';
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY ?? '';
  if (!envId || !secretId || !secretKey) {
    console.error(
      'deploy:database needs ENV_ID (or --env-id <id>), TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY in the environment ' +
        '(a Tencent Cloud API key: console, 访问管理, API 密钥)',
    );
    process.exit(1);
  }
  deployDatabase({
    envId,
    secretId,
    secretKey,
    token: process.env.TENCENTCLOUD_SESSIONTOKEN,
    dryRun: argv.includes('--dry-run'),
  })
    .then((result) => process.exit(result.steps.some((s) => s.kind === 'conflict') ? 1 : 0))
    .catch((error: unknown) => {
      console.error(`deploy:database: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
