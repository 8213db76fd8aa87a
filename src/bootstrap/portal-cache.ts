import type { Core } from '@strapi/strapi';

/** The review engine writes below the document service; its committed transitions still invalidate the public API. */
export function invalidatePortalOnReview(strapi: Core.Strapi): void {
  const cache = strapi.service('api::portal.cache') as unknown as { invalidate(tags: readonly string[]): Promise<void> };
  strapi.eventHub.on('review.transition', async () => {
    await cache.invalidate(['initiatives', 'statistics', 'articles']);
  });
}
