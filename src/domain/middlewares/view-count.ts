import type { Core } from '@strapi/strapi';

import type { DocumentMiddleware } from './types';

const UID = 'api::article.article';

/**
 * `viewCount` is counted by the system. Writes that come from an HTTP request
 * (Content Manager, REST) cannot set it: a new article starts at 0 and an
 * update keeps the stored count. Scripts (demo data, imports) may set it.
 */
export const viewCountMiddleware =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const data = ctx.params.data;
    if (ctx.uid !== UID || !data || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    if (!strapi.requestContext.get()) return next();
    if (ctx.action === 'create') data.viewCount = 0;
    else delete data.viewCount;
    return next();
  };
