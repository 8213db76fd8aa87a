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
  // The reset e-mail of the admin panel, in Vietnamese, from the configured sender.
  forgotPassword: {
    from: env('MAIL_FROM', 'Dân vận khéo <no-reply@danvan.local>'),
    replyTo: env('MAIL_REPLY_TO', '') || undefined,
    // Strapi's typing says string, but its forgot-password service reads { subject, text, html }.
    emailTemplate: {
      subject: 'Đặt lại mật khẩu trang quản trị "Dân vận khéo"',
      text: `Xin chào <%= user.firstname %>,\n\nChúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản quản trị của bạn. Mở liên kết sau để đặt mật khẩu mới:\n\n<%= url %>\n\nNếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu hiện tại vẫn giữ nguyên.`,
      html: `<p>Xin chào <%= user.firstname %>,</p><p>Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản quản trị của bạn. Mở liên kết sau để đặt mật khẩu mới:</p><p><a href="<%= url %>"><%= url %></a></p><p>Nếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu hiện tại vẫn giữ nguyên.</p>`,
    } as unknown as string,
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
