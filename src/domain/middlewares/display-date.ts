import type { DocumentMiddleware, DocumentMiddlewareFactory } from './types';

/**
 * Every article has a display date (lists sort on it): one created without
 * shows the moment it was created; clearing it later keeps the stored one.
 */
export const displayDateMiddleware: DocumentMiddlewareFactory = (): DocumentMiddleware => async (ctx, next) => {
  const data = ctx.params.data;
  if (ctx.uid !== 'api::article.article' || !data) return next();
  if (ctx.action === 'create' && !data.displayAt) data.displayAt = new Date().toISOString();
  if (ctx.action === 'update' && 'displayAt' in data && !data.displayAt) delete data.displayAt;
  return next();
};
