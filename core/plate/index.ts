export * from './provinces';
export * from './charsets';
export * from './normalise';
export * from './kinds';
export * from './classify';
export * from './split';
export * from './derive';
export * from './keyboard';
