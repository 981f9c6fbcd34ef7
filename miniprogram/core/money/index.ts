// The one door from the mini-program to the money rules of /core/money (integer fen, no floats).
// DevTools compiles only files inside miniprogramRoot: `npm run build:miniprogram` bundles this in.
// The zod schemas (core/money/fen-schema.ts) stay out: they would add ~390 KB to the package.
export * from '../../../core/money/fen';
export * from '../../../core/money/arithmetic';
export * from '../../../core/money/format';
export * from '../../../core/money/parse';
