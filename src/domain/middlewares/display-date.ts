import type { DocumentMiddleware, DocumentMiddlewareFactory } from './types';

/** An article without a display date shows the moment it was created, so lists sort it among the newest. */
export const displayDateMiddleware: DocumentMiddlewareFactory = (): DocumentMiddleware => async (ctx, next) => {
  const data = ctx.params.data;
  if (ctx.uid === 'api::article.article' && ctx.action === 'create' && data && !data.displayAt) {
    data.displayAt = new Date().toISOString();
  }
  return next();
};
