import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Strapi 5 reads the Koa proxy setting here (a bare boolean is ignored). Behind a reverse proxy the
  // client address is taken from X-Forwarded-For, counting PROXY_HOPS entries from the right: the
  // entries a client wrote itself further left are ignored, so it cannot choose its address.
  proxy: {
    koa: env.bool('IS_PROXIED', false),
    maxIpsCount: env.int('PROXY_HOPS', 1),
  },
  app: {
    keys: env.array('APP_KEYS', []),
  },
  logger: {
    updates: { enabled: false },
  },
  // Reminders and the daily notification digest (src/notifications/index.ts); scheduled publishing and
  // expiring highlights (src/domain/newsroom/scheduler.ts), once a minute.
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
  },
  webhooks: {
    populateRelations: false,
  },
});

export default config;
