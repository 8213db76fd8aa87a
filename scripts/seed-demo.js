#!/usr/bin/env node
/**
 * `npm run seed:demo`: loads the demo province into the configured database.
 * Idempotent: running it again changes nothing that is already there.
 */
const path = require('path');

const { distDir, loadStrapi } = require('./lib/boot');

async function main() {
  const app = await loadStrapi();
  try {
    const { seedDemo } = require(path.join(distDir, 'src', 'seed', 'demo.js'));
    const summary = await seedDemo(app);
    console.log(`Demo data: ${JSON.stringify(summary)}`);
  } finally {
    await app.destroy();
  }
}

main().catch((error) => {
  console.error(`✖ Demo data failed: ${error.message}`);
  if (process.env.DEBUG_STARTUP) console.error(error);
  process.exit(1);
});
