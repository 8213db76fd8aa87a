import path from 'path';
import type { Core } from '@strapi/strapi';

import { ConfigError } from './lib/config-error';

type Env = Core.Config.Shared.ConfigParams['env'];

// Compiled config lives in dist/config, so the app root is two levels up.
const APP_ROOT = path.resolve(__dirname, '..', '..');

const SUPPORTED_CLIENTS = ['sqlite', 'postgres'] as const;
type Client = (typeof SUPPORTED_CLIENTS)[number];

const isSupportedClient = (value: string): value is Client =>
  (SUPPORTED_CLIENTS as readonly string[]).includes(value);

type PostgresParts = { host: string; port: number; database: string; user: string; password: string };

/** Parse DATABASE_URL, rejecting a malformed one at config time instead of deep inside the pg driver. */
const parsePostgresUrl = (raw: string): PostgresParts => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL. Expected postgres://USER:PASSWORD@HOST:PORT/DATABASE.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}//").`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database) {
    throw new ConfigError('DATABASE_URL must name a host and a database: postgres://USER@HOST:PORT/DATABASE.');
  }
  const port = url.port ? Number(url.port) : 5432;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new ConfigError(`DATABASE_URL has an invalid port "${url.port}".`);
  }
  return {
    host: decodeURIComponent(url.hostname),
    port,
    database,
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
};

const postgresConnection = (env: Env) => {
  const url = env('DATABASE_URL', '');
  const parts: PostgresParts = url
    ? parsePostgresUrl(url)
    : {
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'danvan'),
        user: env('DATABASE_USERNAME', 'postgres'),
        password: env('DATABASE_PASSWORD', ''),
      };
  return {
    ...parts,
    ssl: env.bool('DATABASE_SSL', false)
      ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) }
      : false,
    schema: env('DATABASE_SCHEMA', 'public'),
    // Fail fast when the server is unreachable instead of hanging for a minute.
    connectionTimeoutMillis: env.int('DATABASE_CONNECT_TIMEOUT_MS', 5000),
    // JIT compilation pays off for long analytical queries only. Here every query
    // is short, and a join planned on tables not yet analysed (a new install)
    // can look expensive enough to be compiled: half a second for a 1 ms query.
    ...(env.bool('DATABASE_JIT', false) ? {} : { options: '-c jit=off' }),
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  if (!isSupportedClient(client)) {
    throw new ConfigError(
      `DATABASE_CLIENT="${client}" is not supported. Use "sqlite" (default) or "postgres".`
    );
  }

  const acquireConnectionTimeout = env.int('DATABASE_ACQUIRE_TIMEOUT_MS', 10000);
  // Migrations are written in TypeScript (database/migrations) and run from their compiled copies in dist/.
  const settings = { useTypescriptMigrations: true };

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: postgresConnection(env),
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout,
      },
      settings,
    };
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(APP_ROOT, env('DATABASE_FILENAME', '') || '.tmp/data.db'),
      },
      useNullAsDefault: true,
      acquireConnectionTimeout,
    },
    settings,
  };
};

export default config;
