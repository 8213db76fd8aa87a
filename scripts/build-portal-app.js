#!/usr/bin/env node
/**
 * Builds the officers' registration app (src/portal-app) with Vite into
 * public/dang-ky/, which strapi::public serves at /dang-ky/. Skipped when the
 * hash of its sources (and of the shared workflow it imports) matches the one
 * recorded at the last build. Pass --force to rebuild regardless.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const APP_DIR = path.join(ROOT, 'src', 'portal-app');
const OUT_DIR = path.join(ROOT, 'public', 'dang-ky');
const STAMP = path.join(OUT_DIR, '.source-hash');
const SOURCES = [APP_DIR, path.join(ROOT, 'src', 'plugins', 'review', 'shared')];

const listFiles = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();

const hash = crypto.createHash('sha256');
for (const file of SOURCES.flatMap(listFiles)) {
  hash.update(path.relative(ROOT, file));
  hash.update(fs.readFileSync(file));
}
const digest = hash.digest('hex');

if (!process.argv.includes('--force') && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === digest) {
  console.log('portal app: up to date');
  process.exit(0);
}
console.log('portal app: building ...');
const started = Date.now();
const result = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), 'build', '--config', path.join(APP_DIR, 'vite.config.mts'), '--logLevel', 'warn'], {
  cwd: ROOT,
  stdio: 'inherit',
  // Always the production build (React without its development checks), also when jest set NODE_ENV=test.
  env: { ...process.env, NODE_ENV: 'production' },
});
if (result.status !== 0) {
  console.error('✖ portal app: build failed');
  process.exit(result.status || 1);
}
fs.writeFileSync(STAMP, digest);
console.log(`portal app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
