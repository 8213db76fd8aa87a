/**
 * Runs once per jest run: builds the local plugins and the officers'
 * registration app (public/dang-ky, which the browser tests open) if their
 * sources changed, and compiles the TypeScript app into dist/, so every test
 * file only loads.
 */
const path = require('path');
const { execFileSync } = require('child_process');

module.exports = async () => {
  const appDir = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [path.join(appDir, 'scripts', 'build-plugins.js')], { stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(appDir, 'scripts', 'build-portal-app.js')], { stdio: 'inherit' });
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir });
};
