// deploy:check against a copy of the project's real cloudbaserc.json, .env.example and config.json
// files, with small stand-in bundles in dist/ (the real ones take a build); each test plants one
// fault and expects the check, run through the official CLI's config resolution, to name it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDeploy } from './deploy-check';
import { REPO_ROOT } from '../build-functions';

jest.setTimeout(120_000);

const NAMES = ['api', 'camera', 'gate', 'h5', 'notify', 'reconcile'];
let project: string;

function write(rel: string, text: string) {
  const file = path.join(project, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON file edited in place
type Loose = any;
function editJson(rel: string, edit: (value: Loose) => void) {
  const file = path.join(project, rel);
  const value = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(value);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-check-test-'));
  fs.copyFileSync(path.join(REPO_ROOT, 'cloudbaserc.json'), path.join(project, 'cloudbaserc.json'));
  fs.copyFileSync(path.join(REPO_ROOT, '.env.example'), path.join(project, '.env.example'));
  for (const name of NAMES) {
    write(
      `cloudfunctions/${name}/config.json`,
      fs.readFileSync(path.join(REPO_ROOT, 'cloudfunctions', name, 'config.json'), 'utf8'),
    );
    write(`cloudfunctions/${name}/index.ts`, 'export {};\n');
    const call =
      name === 'api' ? 'cloud.openapi.wxacode.getUnlimited({ scene: event.scene })' : '{}';
    write(`cloudfunctions/${name}/dist/index.js`, `exports.main = async (event) => ${call};\n`);
  }
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

test('the project as committed passes, resolved by the CLI from .env.example, and warns about the cloud-call permission', async () => {
  const { problems, warnings, resolution } = await checkDeploy(project);
  expect(problems).toEqual([]);
  expect(resolution.config.envId).toBe('your-env-id');
  const api = resolution.config.functions?.find((f) => f.name === 'api') as Loose;
  expect(api.runtime).toBe('Nodejs20.19');
  expect(api.envVariables.ALLINPAY_CUSID).toBe('000000000000000');
  // One reminder per listed cloud call: QR codes (api) and subscribe messages (every function
  // that can settle a payment sends the receipt).
  expect(warnings).toEqual([
    expect.stringContaining('wxacode.getUnlimited'),
    ...['api', 'notify', 'reconcile', 'gate', 'camera', 'h5'].map((name) =>
      expect.stringMatching(new RegExp(`^function ${name} .*subscribeMessage\\.send`)),
    ),
  ]);
});

test('a developer .env beside the project does not hide a gap in .env.example', async () => {
  write('.env', 'ALLINPAY_KEY=from-a-private-file\n');
  const example = fs.readFileSync(path.join(project, '.env.example'), 'utf8');
  write('.env.example', example.replace(/^ALLINPAY_KEY=.*$/m, ''));
  const { problems } = await checkDeploy(project);
  expect(problems.length).toBe(NAMES.length); // one per function
  expect(problems[0]).toMatch(
    /envVariables\.ALLINPAY_KEY: \{\{env\.ALLINPAY_KEY\}\} is not set: add ALLINPAY_KEY=<value> to \.env\.example/,
  );
});

test('an unresolved ENV_ID fails', async () => {
  const example = fs.readFileSync(path.join(project, '.env.example'), 'utf8');
  write('.env.example', example.replace(/^ENV_ID=.*$/m, ''));
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual(
    expect.arrayContaining([expect.stringMatching(/envId .*set ENV_ID in \.env\.example/)]),
  );
});

test('a missing function folder fails with the build command', async () => {
  fs.rmSync(path.join(project, 'cloudfunctions/gate/dist'), { recursive: true });
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([
    'function gate: folder cloudfunctions/gate/dist does not exist: run `npm run build:functions` (or fix "dir")',
  ]);
});

test('a handler file without index.main fails', async () => {
  write('cloudfunctions/notify/dist/index.js', 'exports.handler = async () => ({});\n');
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([
    'function notify: cloudfunctions/notify/dist/index.js does not export a function `main` (handler index.main)',
  ]);
  fs.rmSync(path.join(project, 'cloudfunctions/notify/dist/index.js'));
  expect((await checkDeploy(project)).problems).toEqual([
    'function notify: cloudfunctions/notify/dist/index.js is missing (handler index.main): run `npm run build:functions`',
  ]);
});

test('a runtime CloudBase does not offer fails', async () => {
  editJson('cloudbaserc.json', (rc) => (rc.functions[1].runtime = 'Nodejs20'));
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([
    expect.stringMatching(
      /^function notify: runtime "Nodejs20" is not one CloudBase offers .*use Nodejs20\.19$/,
    ),
  ]);
});

test('a runtime older than the bundle target fails', async () => {
  editJson('cloudbaserc.json', (rc) => (rc.functions[0].runtime = 'Nodejs16.13'));
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([
    "function api: runtime Nodejs16.13 is older than the bundle's esbuild target node20 (scripts/build-functions.ts)",
  ]);
});

test('cloudbaserc.json and a config.json that disagree fail', async () => {
  editJson('cloudfunctions/reconcile/config.json', (c) => {
    c.timeout = 20;
    c.triggers[0].config = '0 */5 * * * * *';
  });
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([
    'function reconcile: timeout is 60 in cloudbaserc.json but 20 in cloudfunctions/reconcile/config.json: make them equal',
    expect.stringMatching(
      /^function reconcile: triggers is .*0 \*\/1 .* in cloudbaserc\.json but .*0 \*\/5 .*: make them equal$/,
    ),
  ]);
});

test('a function folder missing from cloudbaserc.json fails', async () => {
  write('cloudfunctions/extra/index.ts', 'export {};\n');
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([
    'cloudfunctions/extra is not in cloudbaserc.json "functions": add it (or remove the folder)',
  ]);
});

test('a cloud call not declared in config.json fails', async () => {
  editJson('cloudfunctions/api/config.json', (c) => (c.permissions.openapi = []));
  const { problems, warnings } = await checkDeploy(project);
  expect(problems).toEqual([
    'function api: calls cloud.openapi.wxacode.getUnlimited but cloudfunctions/api/config.json does not list it in permissions.openapi',
  ]);
  // api lists nothing now, so it gets no reminder of the DevTools upload (the others still do).
  expect(warnings.filter((w) => w.startsWith('function api '))).toEqual([]);
});

test('a value the CLI does not render fails', async () => {
  editJson(
    'cloudbaserc.json',
    (rc) => (rc.functions[0].envVariables.PARKING_QR_PAGE = 'pages/{{env.PAGE}}'),
  );
  const { problems } = await checkDeploy(project);
  expect(problems).toEqual([expect.stringContaining('only renders a whole value')]);
});
