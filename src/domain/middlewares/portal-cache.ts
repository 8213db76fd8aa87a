import type { Core } from '@strapi/strapi';

import type { DocumentMiddleware } from './types';

const READS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

type Cache = { invalidate(tags: readonly string[]): Promise<void> };

/** What each content type's writes invalidate in the public API. */
export const INVALIDATES: Record<string, readonly string[]> = {
  'api::article.article': ['articles'],
  'api::category.category': ['categories', 'articles'],
  'api::tag.tag': ['tags', 'articles'],
  'api::site.site': ['sites', 'articles', 'categories'],
  'api::initiative.initiative': ['initiatives', 'statistics', 'articles'],
  'api::commendation.commendation': ['initiatives'],
  'api::unit.unit': ['initiatives', 'statistics'],
  'api::unit-kind.unit-kind': ['initiatives', 'statistics', 'reference'],
  'api::field.field': ['initiatives', 'statistics', 'reference'],
  'api::period.period': ['initiatives', 'statistics', 'reference'],
  'plugin::review.decision': ['initiatives'],
  // Approved comments are public (threads, counts on cards); a pending one changes nothing the public sees.
  'api::comment.comment': ['comments'],
};

/** A reader's comment arrives pending: storing it must not flush the public cache (a spammer could otherwise). */
const changesNothingPublic = (ctx: { uid: string; action: string; params: { data?: Record<string, unknown> } }) =>
  ctx.uid === 'api::comment.comment' && ctx.action === 'create' && ctx.params.data?.status !== 'approved';


/**
 * After any write (create, update, delete, publish, unpublish ...) of a type
 * the public API shows, invalidate the cached responses that depend on it.
 */
export const portalCacheMiddleware =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (READS.has(ctx.action) || changesNothingPublic(ctx)) return next();
    const result = await next();
    const tags = INVALIDATES[ctx.uid];
    if (tags) await (strapi.service('api::portal.cache') as unknown as Cache).invalidate(tags);
    return result;
  };
