/**
 * Password-reset e-mails in Vietnamese, from the configured sender, with a
 * working link: users-permissions' reset e-mail (unit officers) gets a
 * Vietnamese template and the registration app as its reset page, while they
 * are still Strapi's defaults (an administrator's own edits are kept).
 * The admin panel's reset e-mail is configured in config/admin.ts.
 */
import type { Core } from '@strapi/strapi';

type TemplateOptions = { from: { name: string; email: string }; response_email: string; object: string; message: string };
type EmailTemplates = Record<string, { options: TemplateOptions } & Record<string, unknown>>;

const STRAPI_DEFAULT_SENDER = 'no-reply@strapi.io';
const STRAPI_DEFAULT_OBJECT = 'Reset password';

export const OFFICER_RESET_SUBJECT = 'Đặt lại mật khẩu tài khoản đăng ký mô hình "Dân vận khéo"';
const OFFICER_RESET_MESSAGE = `<p>Chúng tôi nhận được yêu cầu đặt lại mật khẩu cho tài khoản của bạn.</p>
<p>Mở liên kết sau để đặt mật khẩu mới (liên kết chỉ dùng được một lần):</p>
<p><a href="<%= URL %>?code=<%= TOKEN %>"><%= URL %>?code=<%= TOKEN %></a></p>
<p>Nếu bạn không yêu cầu, hãy bỏ qua email này; mật khẩu hiện tại vẫn giữ nguyên.</p>`;

/** "Name <address>" or "address" → its parts. */
export const parseSender = (from: string): { name: string; email: string } => {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1].trim(), email: match[2].trim() } : { name: '', email: from.trim() };
};

export async function configurePasswordMail(strapi: Core.Strapi): Promise<void> {
  const sender = parseSender(String(strapi.config.get('plugin::email.settings.defaultFrom', '')));
  const emails = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'email' });
  const templates = ((await emails.get()) ?? {}) as EmailTemplates;
  const reset = templates.reset_password?.options;
  if (reset) {
    let changed = false;
    if (reset.from?.email === STRAPI_DEFAULT_SENDER && sender.email) {
      reset.from = sender;
      changed = true;
    }
    if (reset.object === STRAPI_DEFAULT_OBJECT) {
      reset.object = OFFICER_RESET_SUBJECT;
      reset.message = OFFICER_RESET_MESSAGE;
      changed = true;
    }
    if (changed) await emails.set({ value: templates });
  }

  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get()) ?? {}) as Record<string, unknown>;
  if (!settings.email_reset_password) {
    const base = String(strapi.config.get('server.url', '') || `http://localhost:${Number(strapi.config.get('server.port', 1337))}`).replace(/\/$/, '');
    await advanced.set({ value: { ...settings, email_reset_password: `${base}/dang-ky/` } });
  }
}
