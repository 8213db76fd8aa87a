import type { Core } from '@strapi/strapi';

import { corsPolicy } from './lib/cors';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // First: answers the public API's cache hits before routing (src/middlewares/portal-fast-cache.ts).
  'global::portal-fast-cache',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    // strapi::cors's default grants every origin credentialed access to every route; see config/lib/cors.ts.
    name: 'strapi::cors',
    config: {
      // CORS_ORIGINS: the news sites that may read the public API (no credentials).
      // ADMIN_CORS_ORIGINS: origins allowed credentialed access to everything else (none by default).
      ...corsPolicy(env.array('CORS_ORIGINS', ['*']), env.array('ADMIN_CORS_ORIGINS', [])),
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'If-None-Match'],
      expose: ['ETag', 'Retry-After'],
      maxAge: 86400,
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
