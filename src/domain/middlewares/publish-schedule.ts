import type { DocumentMiddlewareFactory } from './types';

/**
 * An article published by hand no longer waits for its scheduled time: its
 * "Hẹn giờ đăng" is cleared, so the scheduler (src/domain/newsroom/scheduler.ts)
 * does not publish the draft again later. Unpublishing leaves the draft as it is.
 */
export const publishScheduleMiddleware: DocumentMiddlewareFactory = (strapi) => async (ctx, next) => {
  if (ctx.uid !== 'api::article.article' || ctx.action !== 'publish' || !ctx.params.documentId) return next();
  const result = await next();
  await strapi.db.query(ctx.uid).updateMany({ where: { documentId: ctx.params.documentId, publishAt: { $notNull: true } }, data: { publishAt: null } });
  return result;
};
