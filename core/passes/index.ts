export * from './lane-rule';
export * from './list-csv';
export * from './lists';
export * from './pass';
export * from './plan';
export * from './privilege';
