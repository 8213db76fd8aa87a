/**
 * Notifications at run time: the e-mail dispatcher on a timer, and the
 * reminders and daily digest as Strapi cron jobs (times in Vietnam).
 * NOTIFICATIONS_DISPATCHER=false turns the dispatcher off (the test suites do,
 * except the notification tests, which run it themselves).
 */
import type { Core } from '@strapi/strapi';

import { createDispatcher, type Dispatcher } from './dispatcher';
import { useLogProviderWithoutSmtp } from './mail';

type ReviewNotifications = {
  remindDeadlines(now: Date, days?: number): Promise<number>;
  remindWaiting(now: Date, days: number): Promise<number>;
  buildDigests(now: Date): Promise<number>;
};

let dispatcher: Dispatcher | null = null;

const envInt = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

export const notificationsService = (strapi: Core.Strapi) => strapi.plugin('review').service('notifications') as ReviewNotifications;

/** The dispatcher of this instance, sending through the e-mail plugin. */
export const createAppDispatcher = (strapi: Core.Strapi, overrides: Partial<Parameters<typeof createDispatcher>[0]> = {}): Dispatcher =>
  createDispatcher({
    knex: strapi.db.connection,
    send: (mail) => strapi.plugin('email').service('email').send(mail),
    maxAttempts: envInt('NOTIFICATIONS_MAX_ATTEMPTS', 8),
    baseDelayMs: envInt('NOTIFICATIONS_RETRY_DELAY_SECONDS', 60) * 1000,
    log: strapi.log,
    ...overrides,
  });

export async function startNotifications(strapi: Core.Strapi): Promise<void> {
  useLogProviderWithoutSmtp(strapi);
  const reminders = () => notificationsService(strapi);
  const waitingDays = envInt('REVIEW_REMINDER_DAYS', 14);
  strapi.cron.add({
    // 07:00 in Vietnam: reminders first, then the digest that may include them.
    notificationReminders: {
      async task(_context: unknown, ...args: unknown[]) {
        const now = args[0] instanceof Date ? args[0] : new Date();
        await reminders().remindDeadlines(now, envInt('REGISTRATION_REMINDER_DAYS', 7));
        await reminders().remindWaiting(now, waitingDays);
        await reminders().buildDigests(now);
      },
      options: { rule: '0 0 7 * * *', tz: 'Asia/Ho_Chi_Minh' },
    },
  });
  if (process.env.NOTIFICATIONS_DISPATCHER === 'false') return;
  dispatcher = createAppDispatcher(strapi);
  dispatcher.start(envInt('NOTIFICATIONS_POLL_SECONDS', 5) * 1000);
  // A committed decision's e-mails leave at once on this instance, not at the next poll.
  strapi.eventHub.on('review.transition', async () => dispatcher?.wake());
}

export async function stopNotifications(): Promise<void> {
  await dispatcher?.stop();
  dispatcher = null;
}
