#!/usr/bin/env node
/**
 * `npm test` (SQLite) and `npm run test:pg` (PostgreSQL): runs jest against a
 * real booted Strapi and ends with the line `jest: N passed, N failed`.
 * Usage: node scripts/test.js [--db=sqlite|postgres] [jest arguments ...]
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const { summarize } = require('./lib/jest-summary');

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const dbArg = args.find((arg) => arg.startsWith('--db='));
const db = dbArg ? dbArg.slice('--db='.length) : process.env.TEST_DB || 'sqlite';
if (!['sqlite', 'postgres'].includes(db)) {
  console.error(`✖ Unknown --db=${db}: use sqlite or postgres`);
  process.exit(2);
}
const jestArgs = args.filter((arg) => arg !== dbArg);

const outputFile = path.join(ROOT, '.tmp', `jest-${db}.json`);
fs.mkdirSync(path.dirname(outputFile), { recursive: true });
fs.rmSync(outputFile, { force: true });

const result = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--json', `--outputFile=${outputFile}`, ...jestArgs],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TEST_DB: db } }
);

const summary = summarize([outputFile]);
console.log(`[${db}] ${summary.line}`);
process.exit(result.status === 0 && summary.failed === 0 && summary.ran ? 0 : 1);
