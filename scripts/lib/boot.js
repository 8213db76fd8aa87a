/**
 * Loads the built Strapi app, turning start-up failures into one clear line
 * and exit code 1 (DEBUG_STARTUP=1 also prints the stack).
 */
const fs = require('fs');
const path = require('path');

const { describeStartupError } = require('./startup-error');

const appDir = path.resolve(__dirname, '..', '..');
const distDir = path.join(appDir, 'dist');

const fail = (message, error) => {
  console.error(`✖ Không khởi động được / Cannot start: ${message}`);
  if (error && process.env.DEBUG_STARTUP) console.error(error);
  process.exit(1);
};

async function loadStrapi() {
  if (!fs.existsSync(path.join(distDir, 'src', 'index.js'))) {
    fail('the app is not built yet. Run `npm run build` first.');
  }
  const { createStrapi } = require('@strapi/strapi');
  let app;
  try {
    app = createStrapi({ appDir, distDir });
    await app.load();
    return app;
  } catch (error) {
    const connection = app && app.config ? app.config.get('database.connection.connection') : undefined;
    if (app) await app.destroy().catch(() => undefined);
    return fail(describeStartupError(error, connection), error);
  }
}

module.exports = { appDir, distDir, loadStrapi };
