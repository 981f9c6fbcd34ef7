export { startPreview, type PreviewHandle, type PreviewOptions } from './server';
export { DEMO_IDENTITIES, type PreviewIdentity, type ScanChoice } from './config';
export { buildFileMap, type MiniprogramSources } from './file-map';
