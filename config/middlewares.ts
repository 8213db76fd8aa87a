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
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
