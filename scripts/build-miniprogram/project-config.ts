// dist/project.config.json: the root one, pointed at the built package, no TS plugin, so that
// WeChat DevTools (and miniprogram-ci) open dist/ as it is.
import fs from 'node:fs';
import path from 'node:path';
import { readJson } from './files';

export function writeProjectConfig(srcDir: string, outDir: string): void {
  const root = readJson(path.join(path.dirname(srcDir), 'project.config.json'));
  const setting = { ...(root.setting as Record<string, unknown>) };
  const plugins = ((setting.useCompilerPlugins as string[] | undefined) ?? []).filter(
    (p) => p !== 'typescript',
  );
  if (plugins.length > 0) setting.useCompilerPlugins = plugins;
  else delete setting.useCompilerPlugins;
  const config = {
    ...root,
    miniprogramRoot: 'miniprogram/',
    cloudfunctionRoot: '../cloudfunctions/',
    setting,
  };
  fs.writeFileSync(
    path.join(outDir, 'project.config.json'),
    `${JSON.stringify(config, null, 2)}\n`,
  );
}
