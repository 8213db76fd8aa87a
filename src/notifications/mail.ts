/**
 * Mail without an SMTP server. With SMTP_HOST unset (development, tests), the
 * e-mail plugin's provider is replaced by one that writes each message to the
 * log — recipient, subject and text, so a developer can follow a password
 * reset link — and never fails, so no request turns into a 500 for want of a
 * mail server. In production the same happens, with a warning at start-up.
 */
import type { Core } from '@strapi/strapi';

type MailOptions = { to?: string | string[]; subject?: string; text?: string; html?: string; messageId?: string };

type Logger = { info(message: string): void; warn(message: string): void };

export const createLogProvider = (log: Logger) => ({
  async send(options: MailOptions): Promise<{ logged: true }> {
    const to = Array.isArray(options.to) ? options.to.join(', ') : options.to ?? '';
    const body = options.text ?? (options.html ?? '').replace(/<[^>]+>/g, ' ');
    log.info(`[mail: not sent, SMTP_HOST is not set] To: ${to} | Subject: ${options.subject ?? ''}\n${body}`);
    return { logged: true };
  },
});

export const smtpConfigured = (strapi: Core.Strapi): boolean => Boolean(strapi.config.get('plugin::email.providerOptions.host'));

/** Runs in the application's bootstrap, after the e-mail plugin created its provider. */
export function useLogProviderWithoutSmtp(strapi: Core.Strapi): void {
  if (smtpConfigured(strapi)) return;
  const plugin = strapi.plugin('email') as unknown as { provider: unknown };
  plugin.provider = createLogProvider(strapi.log);
  if (process.env.NODE_ENV === 'production') {
    strapi.log.warn('E-mail: SMTP_HOST is not set; e-mails (password resets, notifications) are written to the log instead of being sent.');
  }
}
