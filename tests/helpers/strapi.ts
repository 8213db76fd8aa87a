/**
 * Boots a real Strapi for one test file, on a throw-away database:
 * a fresh SQLite file by default, a freshly created PostgreSQL database when
 * TEST_DB=postgres. The app is compiled once per run by tests/global-setup.js.
 */
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';

import { createStrapi } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { Client } from 'pg';
import supertest from 'supertest';

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const DIST_DIR = path.join(APP_DIR, 'dist');

export type TestDb = 'sqlite' | 'postgres';

export const testDb = (): TestDb => (process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

/** The maintenance database used to create and drop per-file test databases. */
export const pgAdminUrl = () => process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestApp = {
  strapi: Core.Strapi;
  /** A supertest agent bound to the app's HTTP server. */
  http: () => supertest.Agent;
  /** Where the app listens, e.g. http://127.0.0.1:40123 (an ephemeral loopback port), for browsers and other clients. */
  baseUrl: string;
  db: TestDb;
  stop: () => Promise<void>;
};

const uniqueName = () => `dvk_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;

async function withPg<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns the environment that points Strapi at it, plus a drop function. */
export async function createTestDatabase(db: TestDb = testDb()) {
  const name = uniqueName();
  if (db === 'postgres') {
    await withPg((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(pgAdminUrl());
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: url.toString() },
      url: url.toString(),
      drop: () => withPg((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  }
  const file = path.join(APP_DIR, '.tmp', 'test', `${name}.db`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return {
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
    url: file,
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  APP_KEYS: 'testKeyA,testKeyB',
  API_TOKEN_SALT: 'test-api-token-salt',
  ADMIN_JWT_SECRET: 'test-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'test-transfer-token-salt',
  JWT_SECRET: 'test-jwt-secret',
  ENCRYPTION_KEY: 'test-encryption-key-0123456789ab',
  DEMO_ADMIN: 'false',
  SERVE_ADMIN: 'false',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'error',
  STRAPI_TELEMETRY_DISABLED: 'true',
  // The notification tests run the e-mail dispatcher themselves; no other suite sends mail.
  NOTIFICATIONS_DISPATCHER: 'false',
  // The newsroom's scheduled jobs run only when a test calls them, with the time it chooses.
  CRON_ENABLED: 'false',
  // Never read the developer's .env during tests.
  ENV_PATH: path.join(APP_DIR, '.tmp', 'test', 'no.env'),
};

/** Boots Strapi on a fresh database. Extra environment variables override the defaults. */
export async function startTestApp(extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const env = { ...TEST_ENV, ...database.env, ...extraEnv };
  for (const key of ['DATABASE_URL', 'DATABASE_FILENAME', 'REDIS_URL']) {
    if (!(key in env)) delete process.env[key];
  }
  Object.assign(process.env, env);

  const strapi = createStrapi({ appDir: APP_DIR, distDir: DIST_DIR });
  let baseUrl: string;
  try {
    await strapi.load();
    strapi.server.mount();
    // Listen once on an ephemeral loopback port, so concurrent requests share one server.
    const server = strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  } catch (error) {
    await strapi.destroy().catch(() => undefined);
    await database.drop();
    throw error;
  }

  return {
    strapi,
    db: testDb(),
    http: () => supertest.agent(baseUrl),
    baseUrl,
    stop: async () => {
      await strapi.destroy();
      await database.drop();
    },
  };
}
