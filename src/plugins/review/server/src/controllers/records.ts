/**
 * Admin endpoints for provincial staff digitising past years (permission
 * `plugin::review.record`): register a model on a unit's behalf in any
 * period, and record a paper outcome in a closed period.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { Records } from '../services/records';
import { fullName, reviewerActor, type Actor, type AdminUserLike } from '../services/scope';
import { ReviewError } from '../errors';
import { parse, recordOutcomeBody, recordRegistrationBody } from '../validation';
import { respond } from './respond';

/** The recording person: their reviewer unit when they have one, otherwise the person alone. */
export async function recordingActor(strapi: Core.Strapi, ctx: Context): Promise<Actor> {
  const user = ctx.state.user as AdminUserLike;
  try {
    return await reviewerActor(strapi, user);
  } catch (error) {
    if (!(error instanceof ReviewError)) throw error;
    return { type: 'admin', id: user.id, name: fullName(user), unitId: 0, unitName: '', levelCode: null, levelId: null };
  }
}

const recordsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('review').service('records') as Records;
  const actorOf = (ctx: Context) => recordingActor(strapi, ctx);

  return {
    async register(ctx: Context) {
      await respond(ctx, async () => service().register(await actorOf(ctx), parse(recordRegistrationBody, ctx.request.body)), 201);
    },

    async outcome(ctx: Context) {
      await respond(ctx, async () => service().recordOutcome(await actorOf(ctx), String(ctx.params.documentId), parse(recordOutcomeBody, ctx.request.body)));
    },
  };
};

export default recordsController;
