#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the command always matches the sources.
require('tsx/cjs');
require('../cli/main.ts');
