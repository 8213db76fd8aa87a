import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // First: answers the public API's cache hits before routing (src/middlewares/portal-fast-cache.ts).
  'global::portal-fast-cache',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // Comma-separated list of the news sites allowed to call the API from a browser.
      origin: env.array('CORS_ORIGINS', ['*']),
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  {
    // Login and password-reset limits per account and per address (src/middlewares/login-guard.ts);
    // after the body parser, which it reads the account from. Replaces Strapi's own limiters.
    name: 'global::login-guard',
    config: {
      account: {
        points: env.int('LOGIN_ACCOUNT_MAX_FAILURES', 10),
        durationSeconds: env.int('LOGIN_ACCOUNT_WINDOW_SECONDS', 15 * 60),
      },
      address: {
        points: env.int('LOGIN_ADDRESS_MAX_ATTEMPTS', 100),
        durationSeconds: env.int('LOGIN_ADDRESS_WINDOW_SECONDS', 15 * 60),
      },
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
