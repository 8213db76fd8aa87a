/**
 * Browser tests' set-up: everything the other tests need, plus the officers'
 * registration app built into public/dang-ky/ (skipped when up to date).
 */
const path = require('path');
const { execFileSync } = require('child_process');

const base = require('./global-setup');

module.exports = async () => {
  await base();
  execFileSync(process.execPath, [path.resolve(__dirname, '..', 'scripts', 'build-portal-app.js')], { stdio: 'inherit' });
};
