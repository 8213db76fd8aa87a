/**
 * End-to-end tests (`npm run test:e2e`): the demo page in a real Chromium
 * (Debian's /usr/bin/chromium) against a booted app. Kept apart from
 * `npm test`, which needs no browser.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/tests/e2e'],
  testPathIgnorePatterns: ['/node_modules/'],
  // One browser and one app at a time.
  maxWorkers: 1,
};
