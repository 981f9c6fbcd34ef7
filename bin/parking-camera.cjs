#!/usr/bin/env node
// Runs the TypeScript camera simulator through tsx, so the command always matches the sources.
require('tsx/cjs');
require('../camera-sim/main.ts');
