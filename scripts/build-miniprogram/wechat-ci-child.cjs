// Runs miniprogram-ci's getCompiledResult on a project folder offline and sends the outcome to the
// parent over IPC: { ok: true, files } or { ok: false, code, path, message }.
// A child of its own because the CI module keeps timers and a forked compiler alive for minutes
// after it answers; this process exits as soon as the answer is sent.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ci = require('miniprogram-ci');

async function main(projectDir) {
  const config = JSON.parse(fs.readFileSync(path.join(projectDir, 'project.config.json'), 'utf8'));
  const setting = config.setting || {};
  const project = new ci.Project({
    appid: config.appid,
    type: 'miniProgram',
    projectPath: projectDir,
    // Refused when empty; nothing is signed offline.
    privateKey: 'offline-placeholder',
    ignores: [],
  });
  // The real attr() asks WeChat's servers about the appid; offline, the defaults stand in.
  project.attr = async () => JSON.parse(JSON.stringify(ci.DefaultProjectAttr));
  // The look-up of a whitelist fails without network; the module logs it and goes on.
  const result = await ci.getCompiledResult({
    project,
    // What DevTools would upload with: the project's own settings.
    setting: { es6: !!setting.es6, es7: !!setting.enhance, minify: !!setting.minified },
    onProgressUpdate: () => {},
  });
  return { ok: true, files: Object.keys(result).length };
}

function send(message) {
  process.send(message, () => process.exit(0));
}

main(process.argv[2]).then(send, (error) =>
  send({
    ok: false,
    code: error && error.code !== undefined ? String(error.code) : undefined,
    path: error && typeof error.path === 'string' ? error.path : undefined,
    message: error instanceof Error ? error.message : String(error),
  }),
);
