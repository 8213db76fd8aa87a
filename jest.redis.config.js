/** Tests that need Redis (and PostgreSQL): `npm run test:redis`. */
const base = require('./jest.config');

module.exports = { ...base, roots: ['<rootDir>/tests/redis'], testPathIgnorePatterns: ['/node_modules/'], maxWorkers: 1 };
