import type { Core } from '@strapi/strapi';

import { defaultAdminLanguage } from './bootstrap/admin-language';
import { equaliseAdminLoginTiming } from './bootstrap/admin-login-timing';
import { configureContentManager } from './bootstrap/content-manager';
import { ensureDemoAdmin } from './bootstrap/demo-admin';
import { closePortalCache, connectPortalCache, invalidatePortalOnReview } from './bootstrap/portal-cache';
import { ensureCubeTable, rebuildCube, trackCube } from './domain/initiative-cube';
import { registerDocumentMiddlewares } from './domain/middlewares';
import { applyMigrationsAfterSync } from './domain/schema-migrations';
import { backfillPublicVersions, trackPublicVersions } from './domain/public-version';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentMiddlewares(strapi);
    applyMigrationsAfterSync(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    defaultAdminLanguage(strapi);
    await equaliseAdminLoginTiming(strapi);
    // Statistics read pre-aggregated counts: recounted at start-up (cheap insurance against writes made
    // outside the application, e.g. a restored dump), then kept in step with every write.
    await ensureCubeTable(strapi);
    trackCube(strapi);
    await rebuildCube(strapi);
    // The public reads a model's texts as last recognised (src/domain/public-version.ts).
    trackPublicVersions(strapi);
    await backfillPublicVersions(strapi);
    await configureContentManager(strapi);
    await (strapi.plugin('review').service('setup') as { ensureRoles(): Promise<void> }).ensureRoles();
    await ensureDemoAdmin(strapi);
    invalidatePortalOnReview(strapi);
    await connectPortalCache(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closePortalCache(strapi);
  },
};
