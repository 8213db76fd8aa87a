import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', ''),
      jwt: { expiresIn: '7d' },
      // Off: 5 requests per 5 minutes per address would lock out a commune's officers behind one
      // NAT. src/middlewares/login-guard.ts limits /api/auth/* per account and per address instead.
      ratelimit: { enabled: false },
    },
  },
  email: {
    config: {
      // Off: it guards only the admin's forgot-password (per email), which login-guard now limits
      // per account and per address with the same 429 answer as the other auth routes.
      ratelimit: { enabled: false },
    },
  },
  upload: {
    config: {
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT_BYTES', 50 * 1024 * 1024),
      security: {
        allowedTypes: [
          'image/*',
          'application/pdf',
          'application/msword',
          'application/vnd.openxmlformats-officedocument.*',
          'application/vnd.ms-excel',
          'text/plain',
          'text/csv',
        ],
        deniedTypes: ['image/svg+xml', 'application/x-msdownload', 'application/x-sh'],
      },
    },
  },
  review: {
    enabled: true,
    resolve: './src/plugins/review',
  },
});

export default config;
