#!/usr/bin/env node
/**
 * Builds the local plugins under src/plugins with `strapi-plugin build`.
 *
 * Strapi silently skips a local plugin that has no dist/, and serves stale
 * code when dist/ is older than the sources, so every npm script that boots
 * or builds the app runs this first. A plugin is rebuilt only when the hash of
 * its sources differs from the one recorded at its last build.
 * Pass --force to rebuild regardless.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const PLUGINS_DIR = path.join(ROOT, 'src', 'plugins');
const STAMP = '.source-hash';
const SKIP = new Set(['dist', 'node_modules', '.turbo']);

const listFiles = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !SKIP.has(entry.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    })
    .sort();

const hashSources = (pluginDir) => {
  const hash = crypto.createHash('sha256');
  for (const file of listFiles(pluginDir)) {
    hash.update(path.relative(pluginDir, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
};

const force = process.argv.includes('--force');
const plugins = fs.existsSync(PLUGINS_DIR)
  ? fs.readdirSync(PLUGINS_DIR).filter((name) => fs.existsSync(path.join(PLUGINS_DIR, name, 'package.json')))
  : [];

for (const name of plugins) {
  const dir = path.join(PLUGINS_DIR, name);
  const stampFile = path.join(dir, 'dist', STAMP);
  const hash = hashSources(dir);
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) {
    console.log(`plugin ${name}: up to date`);
    continue;
  }
  console.log(`plugin ${name}: building ...`);
  const started = Date.now();
  const bin = path.join(ROOT, 'node_modules', '.bin', 'strapi-plugin');
  const result = spawnSync(bin, ['build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    console.error(`✖ plugin ${name}: build failed`);
    process.exit(result.status || 1);
  }
  fs.writeFileSync(stampFile, hash);
  console.log(`plugin ${name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
