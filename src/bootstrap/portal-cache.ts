import type { Core } from '@strapi/strapi';

import type { PortalCache } from '../api/portal/services/cache';

const portalCache = (strapi: Core.Strapi) => strapi.service('api::portal.cache') as unknown as PortalCache;

/** The review engine writes below the document service; its committed transitions still invalidate the public API. */
export function invalidatePortalOnReview(strapi: Core.Strapi): void {
  const cache = portalCache(strapi);
  strapi.eventHub.on('review.transition', async () => {
    await cache.invalidate(['initiatives', 'statistics', 'articles']);
  });
}

/** Comment moderation writes below the document service (bulk updates); what it commits still invalidates the public threads and counts. */
export function invalidatePortalOnModeration(strapi: Core.Strapi): void {
  const cache = portalCache(strapi);
  strapi.eventHub.on('comments.moderated', async () => {
    await cache.invalidate(['comments']);
  });
}

/** Redis commands are never queued, so connect before serving rather than miss the cache on the first requests. */
export async function connectPortalCache(strapi: Core.Strapi): Promise<void> {
  await portalCache(strapi).connect();
}

/** Closes the portal's caches and its one Redis connection (shared by the view counter). */
export async function closePortalCache(strapi: Core.Strapi): Promise<void> {
  await portalCache(strapi).close();
}
