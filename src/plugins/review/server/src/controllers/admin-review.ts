/**
 * Admin-panel endpoints of the review: the reviewer's queue, one model with
 * its checklist, criterion results, decisions and the leadership's batch.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { Engine } from '../services/engine';
import { reviewerActor, type AdminUserLike } from '../services/scope';
import type review from '../services/review';
import { assessmentBody, batchBody, decisionBody, listQuery, parse } from '../validation';
import { respond } from './respond';

type Review = ReturnType<typeof review>;

const adminReview = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => strapi.plugin('review').service('engine') as Engine;
  const reviews = () => strapi.plugin('review').service('review') as Review;
  const actorOf = (ctx: Context) => reviewerActor(strapi, ctx.state.user as AdminUserLike);

  return {
    async me(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        return { name: actor.name, unit: { id: actor.unitId, name: actor.unitName }, level: actor.levelCode };
      });
    },

    async queue(ctx: Context) {
      await respond(ctx, async () => reviews().queue(await actorOf(ctx), parse(listQuery, ctx.query)));
    },

    async findOne(ctx: Context) {
      await respond(ctx, async () => reviews().detail(ctx.params.documentId, await actorOf(ctx)));
    },

    async history(ctx: Context) {
      await respond(ctx, async () => reviews().history(ctx.params.documentId, await actorOf(ctx)));
    },

    async assess(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(assessmentBody, ctx.request.body);
        return reviews().assess(ctx.params.documentId, await actorOf(ctx), body.items);
      });
    },

    async decide(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(decisionBody, ctx.request.body);
        return engine().decide(ctx.params.documentId, await actorOf(ctx), {
          action: body.action as Parameters<Engine['decide']>[2]['action'],
          version: body.version,
          reason: body.reason,
        });
      });
    },

    async batch(ctx: Context) {
      await respond(
        ctx,
        async () => engine().batchRecognize(await actorOf(ctx), parse(batchBody, ctx.request.body)),
        201
      );
    },
  };
};

export default adminReview;
