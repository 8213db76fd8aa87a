import { env } from '@strapi/utils';

import databaseConfig from '../../config/database';

/** The PostgreSQL connection options the config yields for these variables. */
const postgresConnection = (vars: Record<string, string>) => {
  const saved = { ...process.env };
  Object.assign(process.env, { DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres://dvk@127.0.0.1:5432/dvk' }, vars);
  try {
    const config = databaseConfig({ env } as never) as unknown as { connection: { connection: Record<string, unknown> } };
    return config.connection.connection;
  } finally {
    process.env = saved;
  }
};

describe('database config', () => {
  it('turns PostgreSQL JIT compilation off by default', () => {
    expect(postgresConnection({}).options).toBe('-c jit=off');
  });

  it('leaves JIT to the server when DATABASE_JIT=true', () => {
    expect(postgresConnection({ DATABASE_JIT: 'true' })).not.toHaveProperty('options');
    expect(postgresConnection({ DATABASE_JIT: 'true' })).toMatchObject({ host: '127.0.0.1', database: 'dvk', user: 'dvk' });
  });
});
