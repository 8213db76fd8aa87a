/**
 * Admin endpoints of the moderation of readers' comments (permission
 * `plugin::review.moderate-comments`: editors, not reviewers).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { CommentsModeration, ModerationQuery } from '../services/comments';
import { commentArticlesQuery, commentListQuery, commentModerationBody, commentReplyBody, commentsClosedBody, parse } from '../validation';
import { respond } from './respond';

const moderatorId = (ctx: Context) => (ctx.state.user as { id: number }).id;
const bodyOf = (ctx: Context) => (ctx.request as { body?: unknown }).body;
const idOf = (ctx: Context) => String(ctx.params.documentId ?? '').slice(0, 64);

const comments = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('review').service('comments') as CommentsModeration;
  return {
    async list(ctx: Context) {
      await respond(ctx, async () => service().list(parse(commentListQuery, ctx.query) as ModerationQuery));
    },
    async moderate(ctx: Context) {
      await respond(ctx, async () => {
        const { ids, action } = parse(commentModerationBody, bodyOf(ctx));
        return service().moderate(ids, action, moderatorId(ctx));
      });
    },
    async reply(ctx: Context) {
      await respond(ctx, async () => service().reply(idOf(ctx), parse(commentReplyBody, bodyOf(ctx)).text, moderatorId(ctx)), 201);
    },
    async articles(ctx: Context) {
      await respond(ctx, async () => {
        const { q, include } = parse(commentArticlesQuery, ctx.query);
        return service().articles(q || undefined, include);
      });
    },
    async setClosed(ctx: Context) {
      await respond(ctx, async () => service().setClosed(idOf(ctx), parse(commentsClosedBody, bodyOf(ctx)).closed));
    },
  };
};

export default comments;
