export * from './fen';
export * from './fen-schema';
export * from './arithmetic';
export * from './format';
export * from './parse';
