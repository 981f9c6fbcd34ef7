// Child process of `npm run deploy:check` (see cli-resolve.ts): resolves cloudbaserc.json with the
// official CloudBase CLI's own code, offline, exactly as `tcb fn deploy` does before its login
// check, and prints the result as JSON on stdout.
//
// The CLI ships as one webpack bundle (dist/standalone/cli.js) whose startup runs the command
// line. We compile the same file with its startup replaced by `module.exports =
// __webpack_require__`, then call the module that defines `getCloudBaseConfig` (the function the
// CLI's command runner awaits before `getLoginState`). It reads `.env`, `.env.local` and
// `.env.<--mode>` from the working folder and the process environment, like the CLI.
//
// Arguments: the CLI's own (`--mode <m>`, `--config-file <f>`), read by the bundle's yargs.
// Besides the config, it loads each function's handler file and reports whether its export exists.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const STARTUP =
  /var __webpack_exports__ = __webpack_require__\(__webpack_require__\.s = \d+\);[\s\S]{0,40}?module\.exports = __webpack_exports__;/;
const CONFIG_MODULE_EXPORTS =
  'exports.getCloudBaseConfig = exports.getPrivateSettings = exports.getArgs = void 0;';

function loadCliRequire() {
  const cliPackage = require.resolve('@cloudbase/cli/package.json');
  const bundle = path.join(path.dirname(cliPackage), require(cliPackage).main);
  const source = fs.readFileSync(bundle, 'utf8');
  if (!STARTUP.test(source))
    throw new Error(`${bundle}: webpack startup not found (CLI version changed?)`);
  const at = source.indexOf(CONFIG_MODULE_EXPORTS);
  if (at < 0) throw new Error(`${bundle}: the CLI's getCloudBaseConfig module was not found`);
  const header = [...source.slice(0, at).matchAll(/\/\*\*\*\/ (\d+):\n/g)].pop();
  if (!header) throw new Error(`${bundle}: no module id before getCloudBaseConfig`);
  const patched = source.replace(STARTUP, 'module.exports = __webpack_require__;');
  const m = new Module(bundle, module);
  m.filename = bundle;
  m.paths = Module._nodeModulePaths(path.dirname(bundle));
  m._compile(patched, bundle);
  return { webpackRequire: m.exports, configModuleId: Number(header[1]) };
}

function probeHandler(cwd, functionRoot, fn) {
  // As `tcb fn deploy`: the function's "dir", else <functionRoot>/<name>.
  const dir = path.resolve(cwd, fn.dir || path.join(functionRoot, fn.name));
  const handler = typeof fn.handler === 'string' ? fn.handler : 'index.main';
  const dot = handler.lastIndexOf('.');
  const file = path.join(dir, `${handler.slice(0, dot)}.js`);
  const exportName = handler.slice(dot + 1);
  const probe = {
    name: fn.name,
    dir,
    dirExists: fs.existsSync(dir),
    file,
    fileExists: fs.existsSync(file),
    exportName,
  };
  if (!probe.fileExists) return probe;
  try {
    const loaded = require(file);
    probe.exportType = typeof loaded[exportName];
  } catch (error) {
    probe.loadError = error instanceof Error ? error.message : String(error);
  }
  return probe;
}

async function main() {
  const { webpackRequire, configModuleId } = loadCliRequire();
  const { getCloudBaseConfig } = webpackRequire(configModuleId);
  const configFileAt = process.argv.indexOf('--config-file');
  const configFile = configFileAt > 0 ? process.argv[configFileAt + 1] : undefined;
  const config = await getCloudBaseConfig(configFile);
  const functions = Array.isArray(config && config.functions) ? config.functions : [];
  const root = (config && config.functionRoot) || './functions';
  const handlers = functions.map((fn) => probeHandler(process.cwd(), root, fn));
  process.stdout.write(`${JSON.stringify({ config, handlers })}\n`);
  // The bundled function code may keep timers (wx-server-sdk); the answer is out.
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
