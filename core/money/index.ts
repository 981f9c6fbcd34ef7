export * from './fen';
export * from './arithmetic';
export * from './format';
export * from './parse';
