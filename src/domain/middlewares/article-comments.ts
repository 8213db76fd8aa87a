import type { Core } from '@strapi/strapi';

import type { DocumentMiddleware } from './types';

const ARTICLE = 'api::article.article';
const COMMENT = 'api::comment.comment';

/**
 * Comments refer to their article by documentId (so republishing never
 * detaches them); when the article itself is deleted, its comments go with
 * it, in the same transaction. Unpublishing keeps them for a later publication.
 */
export const articleCommentsMiddleware =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== ARTICLE || ctx.action !== 'delete' || !ctx.params.documentId) return next();
    const documentId = ctx.params.documentId;
    return strapi.db.transaction(async () => {
      const result = await next();
      const remaining = await strapi.db.query(ARTICLE).count({ where: { documentId } });
      if (remaining === 0) await strapi.db.query(COMMENT as never).deleteMany({ where: { articleDocumentId: documentId } });
      return result;
    });
  };
