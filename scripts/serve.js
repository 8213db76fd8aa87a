#!/usr/bin/env node
/**
 * `npm start`: starts the built app like `strapi start`, but reports a start-up
 * failure (bad configuration, unreachable database) as one clear line and
 * exit code 1 instead of a stack trace.
 */
const { loadStrapi } = require('./lib/boot');

loadStrapi().then((app) => app.start());
