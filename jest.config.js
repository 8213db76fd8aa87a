/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // Browser and Redis tests have their own configs and npm scripts (test:e2e, test:redis).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/e2e/', '<rootDir>/tests/redis/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  globalSetup: '<rootDir>/tests/global-setup.js',
  // Tests and their setup hooks boot Strapi and seed data: on a slow or busy machine that takes minutes,
  // not seconds. The limit only stops a hung test; TEST_TIMEOUT_MS overrides it.
  testTimeout: Number(process.env.TEST_TIMEOUT_MS) || 600_000,
  // Each integration test file boots its own Strapi on its own database.
  maxWorkers: 2,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
};
