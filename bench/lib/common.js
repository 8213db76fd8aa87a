/**
 * Shared by the bench scripts: where things are, the environment the app runs
 * with (the test suite's TEST_ENV, so no .env is read), PostgreSQL helpers and
 * an in-process Strapi boot.
 */
const fs = require('fs');
const path = require('path');

const APP_DIR = path.resolve(__dirname, '..', '..');
const DIST_DIR = path.join(APP_DIR, 'dist');
const RESULTS_DIR = path.join(APP_DIR, 'bench', '.results');

const PG_ADMIN_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME || 'dvk_bench';

const pgUrlFor = (name) => {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Same secrets and switches as tests/helpers/strapi.ts TEST_ENV. */
const BASE_ENV = {
  APP_KEYS: 'testKeyA,testKeyB',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789ab',
  DEMO_ADMIN: 'false',
  SERVE_ADMIN: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  ENV_PATH: path.join(APP_DIR, '.tmp', 'bench', 'no.env'),
};

/** The environment pointing the app at the bench database. */
const dbEnv = (db = 'postgres') =>
  db === 'sqlite'
    ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(RESULTS_DIR, 'bench.db') }
    : { DATABASE_CLIENT: 'postgres', DATABASE_URL: pgUrlFor(DB_NAME) };

async function withPg(url, fn) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase(name = DB_NAME) {
  await withPg(PG_ADMIN_URL, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
}

async function databaseExists(name = DB_NAME) {
  return withPg(PG_ADMIN_URL, async (client) => {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  });
}

/** Applies an environment to this process (removing the keys a previous boot may have left). */
function applyEnv(env) {
  for (const key of ['DATABASE_URL', 'DATABASE_FILENAME', 'REDIS_URL', 'PORTAL_CACHE']) {
    if (!(key in env)) delete process.env[key];
  }
  Object.assign(process.env, env);
}

/** Boots Strapi in this process (load only: no HTTP server is opened). */
async function loadStrapi(env) {
  fs.mkdirSync(path.dirname(BASE_ENV.ENV_PATH), { recursive: true });
  applyEnv({ NODE_ENV: 'test', LOG_LEVEL: 'error', ...BASE_ENV, ...env });
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR });
  await app.load();
  return app;
}

/** Boots Strapi in this process and listens on an ephemeral loopback port. */
async function startStrapi(env) {
  const app = await loadStrapi(env);
  app.server.mount();
  const server = app.server.httpServer;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { strapi: app, baseUrl: `http://127.0.0.1:${server.address().port}` };
}

const dist = (...parts) => require(path.join(DIST_DIR, ...parts));

module.exports = {
  APP_DIR,
  DIST_DIR,
  RESULTS_DIR,
  PG_ADMIN_URL,
  DB_NAME,
  BASE_ENV,
  pgUrlFor,
  dbEnv,
  withPg,
  recreateDatabase,
  databaseExists,
  applyEnv,
  loadStrapi,
  startStrapi,
  dist,
};
