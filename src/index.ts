import type { Core } from '@strapi/strapi';

import { defaultAdminLanguage } from './bootstrap/admin-language';
import { configureContentManager } from './bootstrap/content-manager';
import { ensureDemoAdmin } from './bootstrap/demo-admin';
import { ensureIndexes } from './bootstrap/indexes';
import { invalidatePortalOnReview } from './bootstrap/portal-cache';
import { registerDocumentMiddlewares } from './domain/middlewares';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    defaultAdminLanguage(strapi);
    await ensureIndexes(strapi);
    await configureContentManager(strapi);
    await (strapi.plugin('review').service('setup') as { ensureRoles(): Promise<void> }).ensureRoles();
    await ensureDemoAdmin(strapi);
    invalidatePortalOnReview(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await (strapi.service('api::portal.cache') as unknown as { close(): Promise<void> }).close();
  },
};
