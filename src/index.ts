import type { Core } from '@strapi/strapi';

import { defaultAdminLanguage } from './bootstrap/admin-language';
import { equaliseAdminLoginTiming } from './bootstrap/admin-login-timing';
import { configureContentManager } from './bootstrap/content-manager';
import { ensureDemoAdmin } from './bootstrap/demo-admin';
import { configurePasswordMail } from './bootstrap/password-mail';
import { registerNewsroomAdminRoutes } from './bootstrap/newsroom-admin';
import { quietAdmin } from './bootstrap/quiet-admin';
import { closePortalCache, connectPortalCache, invalidatePortalOnModeration, invalidatePortalOnReview } from './bootstrap/portal-cache';
import { repairCube, trackCube } from './domain/initiative-cube';
import { registerDocumentMiddlewares } from './domain/middlewares';
import { registerNewsroomCron } from './domain/newsroom/scheduler';
import { applyMigrationsAfterSync } from './domain/schema-migrations';
import { startNotifications, stopNotifications } from './notifications';
import { backfillPublicVersions, trackPublicVersions } from './domain/public-version';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // The article body's visual editor stores HTML in a rich-text column (admin side: src/admin/app.tsx).
    strapi.customFields.register({ name: 'rich-html', type: 'richtext', inputSize: { default: 12, isResizable: false } });
    registerDocumentMiddlewares(strapi);
    applyMigrationsAfterSync(strapi);
    registerNewsroomAdminRoutes(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    defaultAdminLanguage(strapi);
    await equaliseAdminLoginTiming(strapi);
    // Statistics read pre-aggregated counts (tables from database/migrations), kept in step with every
    // write; checked at start-up against the initiatives, correcting only what differs (writes made outside
    // the application, e.g. a restored dump), without blocking writers.
    trackCube(strapi);
    await (strapi.plugin('review').service('setup') as { backfillReviewPaths(): Promise<number> }).backfillReviewPaths();
    const started = Date.now();
    const { corrected } = await repairCube(strapi);
    if (corrected > 0) strapi.log.warn(`Statistics cube: ${corrected} count(s) corrected in ${Date.now() - started} ms.`);
    // The public reads a model's texts as last recognised (src/domain/public-version.ts).
    trackPublicVersions(strapi);
    await backfillPublicVersions(strapi);
    await configureContentManager(strapi);
    await (strapi.plugin('review').service('setup') as { ensureRoles(): Promise<void> }).ensureRoles();
    await ensureDemoAdmin(strapi);
    await quietAdmin(strapi);
    invalidatePortalOnReview(strapi);
    invalidatePortalOnModeration(strapi);
    await connectPortalCache(strapi);
    if (strapi.config.get('server.cron.enabled', true)) registerNewsroomCron(strapi);
    // Mail through SMTP or, without it, to the log; the outbox dispatcher and the reminders' cron jobs.
    await configurePasswordMail(strapi);
    await startNotifications(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopNotifications();
    await closePortalCache(strapi);
  },
};
