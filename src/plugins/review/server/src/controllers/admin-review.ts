/**
 * Admin-panel endpoints of the review: the reviewer's queue, one model with
 * its checklist, criterion results, decisions and the leadership's batch.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { forbidden, notFound } from '../errors';
import { messages } from '../messages';
import { ACTIONS } from '../permissions';
import type { Decisions } from '../services/decisions';
import type { Engine } from '../services/engine';
import { sendEvidence, type Evidence } from '../services/evidence';
import { loadInitiative } from '../services/model';
import type review from '../services/review';
import { fullName, mayRead, reviewerActor, type AdminUserLike } from '../services/scope';
import type { Queue, QueueQuery } from '../services/queue';
import { amendmentBody, assessmentBody, batchBody, candidatesQuery, decisionBody, idParam, listQuery, pageQuery, parse } from '../validation';
import { respond } from './respond';

type Ability = { can(action: string): boolean };

type Review = ReturnType<typeof review>;

const adminReview = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => strapi.plugin('review').service('engine') as Engine;
  const reviews = () => strapi.plugin('review').service('review') as Review;
  const queues = () => strapi.plugin('review').service('queue') as Queue;
  const actorOf = (ctx: Context) => reviewerActor(strapi, ctx.state.user as AdminUserLike);
  const decisions = () => strapi.plugin('review').service('decisions') as Decisions;
  const decisionIdOf = (ctx: Context) => idParam(ctx.params.id, messages.decisionNotFound);

  return {
    async me(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        return { name: actor.name, unit: { id: actor.unitId, name: actor.unitName }, level: actor.levelCode };
      });
    },

    /** In-scope models of a tab, with every tab's count, filtered, sorted and paged. */
    async queue(ctx: Context) {
      await respond(ctx, async () => queues().list(await actorOf(ctx), parse(listQuery, ctx.query) as QueueQuery));
    },

    /** The reviewer, and what the queue's filters offer. */
    async queueOptions(ctx: Context) {
      await respond(ctx, async () => queues().options(await actorOf(ctx)));
    },

    async batchCandidates(ctx: Context) {
      await respond(ctx, async () => queues().batchCandidates(await actorOf(ctx), parse(candidatesQuery, ctx.query)));
    },

    async listDecisions(ctx: Context) {
      await respond(ctx, async () => {
        const { page, pageSize } = parse(pageQuery, ctx.query);
        return queues().decisions(page, pageSize);
      });
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

    /**
     * An evidence file, for admins allowed to read every unit's evidence, or
     * for reviewers whose scope covers the model. Anyone else learns nothing
     * (404, as for a model that does not exist).
     */
    async downloadEvidence(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const initiative = await loadInitiative(strapi, { documentId: String(ctx.params.documentId) });
          if (!initiative) throw notFound(messages.notFound);
          const ability = ctx.state.userAbility as Ability | undefined;
          const readsAll = Boolean(ability?.can(ACTIONS.readAllEvidence));
          if (!readsAll) {
            if (!ability?.can(ACTIONS.review)) throw forbidden(messages.evidenceForbidden);
            if (!(await mayRead(strapi, await actorOf(ctx), initiative))) throw notFound(messages.notFound);
          }
          const fileId = idParam(ctx.params.fileId, messages.evidenceNotFound);
          const { file, stream } = await (strapi.plugin('review').service('evidence') as Evidence).open(initiative.id, fileId);
          sendEvidence(ctx, file, stream);
          return undefined;
        },
        200,
        { raw: true }
      );
    },

    async findDecision(ctx: Context) {
      await respond(ctx, async () => decisions().findOne(decisionIdOf(ctx)));
    },

    /** Corrects an issued decision: the change and its reason are kept as an amendment. */
    async amendDecision(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(amendmentBody, ctx.request.body);
        const user = ctx.state.user as AdminUserLike;
        return decisions().amend(decisionIdOf(ctx), { id: user.id, name: fullName(user) }, body);
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
