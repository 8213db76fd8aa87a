#!/usr/bin/env node
/**
 * `npm test` (SQLite) and `npm run test:pg` (PostgreSQL): runs jest against a
 * real booted Strapi and ends with the line `jest: N passed, N failed`.
 * Usage: node scripts/test.js [--db=sqlite|postgres] [--name=NAME] [jest arguments ...]
 *
 * The jest JSON goes to .tmp/jest-NAME.json. NAME is --name, else taken from a
 * `--config=jest.NAME.config.js` argument (`npm run test:e2e` → jest-e2e.json),
 * else the database, so separate suites never overwrite each other's results.
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
const nameArg = args.find((arg) => arg.startsWith('--name='));
const jestArgs = args.filter((arg) => arg !== dbArg && arg !== nameArg);

const configIndex = jestArgs.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
const configFile = configIndex === -1 ? null : jestArgs[configIndex].split('=')[1] || jestArgs[configIndex + 1] || '';
const configName = configFile ? /^jest\.([\w-]+)\.config\.[cm]?js$/.exec(path.basename(configFile)) : null;
const name = nameArg ? nameArg.slice('--name='.length) : configName ? configName[1] : db;
if (!/^[\w-]+$/.test(name)) {
  console.error(`✖ Invalid --name=${name}: use letters, digits, - and _`);
  process.exit(2);
}

const outputFile = path.join(ROOT, '.tmp', `jest-${name}.json`);
fs.mkdirSync(path.dirname(outputFile), { recursive: true });
fs.rmSync(outputFile, { force: true });

const result = spawnSync(
  process.execPath,
  [require.resolve('jest/bin/jest'), '--json', `--outputFile=${outputFile}`, ...jestArgs],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, TEST_DB: db } }
);

const summary = summarize([outputFile]);
console.log(`[${name === db ? db : `${name}, ${db}`}] ${summary.line}`);
process.exit(result.status === 0 && summary.failed === 0 && summary.ran ? 0 : 1);
