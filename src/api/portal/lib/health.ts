import type { Core } from '@strapi/strapi';

export type HealthReport = {
  status: 'ok' | 'error';
  database: { status: 'ok' | 'error'; client: string; latencyMs: number };
  uptimeSeconds: number;
};

const DB_CHECK_TIMEOUT_MS = 2000;

/** Checks that the database answers `select 1` within a short timeout. */
export async function checkHealth(strapi: Core.Strapi): Promise<HealthReport> {
  const client = strapi.db.dialect.client;
  const started = Date.now();
  let database: HealthReport['database'];
  try {
    await strapi.db.connection.raw('select 1').timeout(DB_CHECK_TIMEOUT_MS, { cancel: false });
    database = { status: 'ok', client, latencyMs: Date.now() - started };
  } catch (error) {
    // The reason goes to the log only: this endpoint is public.
    strapi.log.error(`Health check: database unreachable: ${error instanceof Error ? error.message : String(error)}`);
    database = { status: 'error', client, latencyMs: Date.now() - started };
  }
  return {
    status: database.status,
    database,
    uptimeSeconds: Math.round(process.uptime()),
  };
}
