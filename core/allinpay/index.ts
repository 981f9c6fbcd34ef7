export * from './sign';
export * from './form';
export * from './trxstatus';
export * from './requests';
export * from './responses';
export * from './validation';
export * from './fields';
