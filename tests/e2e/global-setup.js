/**
 * Runs once per end-to-end run: what every test run needs (plugins built, app
 * compiled), then the admin panel bundle (`strapi build` into dist/build) when
 * its inputs changed since the last build: our admin customisation, the built
 * local plugins and the installed packages. Takes a few minutes when it builds.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const base = require('../global-setup');

const ROOT = path.resolve(__dirname, '..', '..');
const STAMP = path.join(ROOT, 'dist', 'build', '.source-hash');

const filesUnder = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
        .sort()
    : [];

function inputsHash() {
  const hash = crypto.createHash('sha256');
  const pluginsDir = path.join(ROOT, 'src', 'plugins');
  const pluginStamps = fs.readdirSync(pluginsDir).map((name) => path.join(pluginsDir, name, 'dist', '.source-hash'));
  for (const file of [...filesUnder(path.join(ROOT, 'src', 'admin')), ...pluginStamps, path.join(ROOT, 'package-lock.json')]) {
    hash.update(path.relative(ROOT, file));
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

module.exports = async () => {
  await base();
  const hash = inputsHash();
  if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash && fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    console.log('admin panel: up to date');
    return;
  }
  console.log('admin panel: building (strapi build) ...');
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'strapi'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error('strapi build failed');
  fs.writeFileSync(STAMP, hash);
};
