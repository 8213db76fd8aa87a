import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

/**
 * Nodemailer's SMTP transport. SMTP_SECURE=true is TLS from the first byte (port 465); otherwise STARTTLS
 * is used when the server offers it, and required with SMTP_STARTTLS=true. Timeouts stay well below the
 * dispatcher's lease (5 minutes), so a slow send is never taken over by another dispatcher meanwhile.
 */
const smtpOptions = (env: Env) => {
  const host = env('SMTP_HOST', '');
  if (!host) return {};
  const user = env('SMTP_USER', '');
  return {
    host,
    port: env.int('SMTP_PORT', env.bool('SMTP_SECURE', false) ? 465 : 587),
    secure: env.bool('SMTP_SECURE', false),
    requireTLS: env.bool('SMTP_STARTTLS', false),
    ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
    tls: { rejectUnauthorized: env.bool('SMTP_TLS_REJECT_UNAUTHORIZED', true) },
    auth: user ? { user, pass: env('SMTP_PASSWORD', '') } : undefined,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
};

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
      // SMTP from the environment; without SMTP_HOST, src/notifications/mail.ts logs each mail instead
      // (this transport is then never used).
      provider: 'nodemailer',
      providerOptions: smtpOptions(env),
      settings: {
        defaultFrom: env('MAIL_FROM', 'Dân vận khéo <no-reply@danvan.local>'),
        defaultReplyTo: env('MAIL_REPLY_TO', '') || undefined,
      },
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
