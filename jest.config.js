/** @type {import('jest').Config} */
module.exports = {
  // Type-checking is `npm run typecheck`; swc only strips types, which keeps the suite fast.
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
};
