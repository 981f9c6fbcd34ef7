// The door to China time and duration texts of /core/parking (pure files, no imports), so that
// pages show times exactly as the server computes them. Same DevTools sync note as core/plate.
export * from '../../../core/parking/china-time';
export * from '../../../core/parking/duration-text';
