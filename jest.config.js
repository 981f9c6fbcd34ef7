/** @type {import('jest').Config} */
// Type-checking is `npm run typecheck`; swc only strips types, which keeps the suite fast.
const transform = { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const ignore = ['/node_modules/', '/dist/', '/.data/'];

// Integration tests start real servers; on a loaded 2-core machine a hook can pass 5 s.
const testTimeout = 30_000;

module.exports = {
  testTimeout,
  // A run leaves nothing in the temporary directory: counted and failed in the teardown
  // (test/support/temp-dir-global.ts).
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  projects: [
    {
      displayName: 'node',
      transform,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/**/*.test.ts'],
      testPathIgnorePatterns: [...ignore, '<rootDir>/miniprogram/'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      // A query that no declared index serves fails its test file (emulator/README.md).
      setupFilesAfterEnv: ['<rootDir>/emulator/test/jest-index-coverage.ts'],
    },
    {
      // Components and pages under miniprogram-simulate (see ../shared/toolchain-notes.md).
      displayName: 'miniprogram',
      transform,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniprogram/**/*.test.ts'],
      testPathIgnorePatterns: ignore,
      // TDesign ships ES modules (miniprogram_dist), loaded by components under test.
      transformIgnorePatterns: ['/node_modules/(?!tdesign-miniprogram/)'],
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
