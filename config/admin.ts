import type { Core } from '@strapi/strapi';

import { previewUrl } from '../src/domain/newsroom/preview-url';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', ''),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', ''),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT', ''),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', ''),
  },
  // Off: it counts per address + email, so one password sprayed over many accounts is never
  // limited. src/middlewares/login-guard.ts limits /admin/login and the reset routes instead.
  rateLimit: { enabled: false },
  // The API test harness boots without the admin bundle.
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
  flags: {
    nps: false,
    promoteEE: false,
    docLinks: false,
  },
  // Strapi 5 Preview: drafts open in the demo news page through a signed, short-lived link
  // (src/domain/newsroom/preview-url.ts); PREVIEW_ORIGINS adds the news sites' own origins.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: ["'self'", ...env.array('PREVIEW_ORIGINS', [])],
      handler: (uid: string, params: { documentId?: string; locale?: string; status?: string }) => previewUrl(strapi, uid, params),
    },
  },
});

export default config;
