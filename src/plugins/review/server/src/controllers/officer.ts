/**
 * Content-API endpoints for unit officers (users-permissions JWT): their
 * unit's models — create drafts, edit while draft or returned, upload
 * evidence, submit, withdraw, follow the review and its reasons.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { badRequest, notFound } from '../errors';
import { messages } from '../messages';
import type { Engine } from '../services/engine';
import { INITIATIVE } from '../services/model';
import type review from '../services/review';
import { officerActor, type Actor, type OfficerLike } from '../services/scope';
import { initiativeCreateBody, initiativeUpdateBody, listQuery, officerTransitionBody, parse } from '../validation';
import { respond } from './respond';

type Review = ReturnType<typeof review>;

type UploadedFile = { id: number };
type UploadService = {
  upload(input: { data: Record<string, unknown>; files: unknown }): Promise<UploadedFile[]>;
};

const OWN_POPULATE = {
  field: { fields: ['name', 'code'] },
  period: { fields: ['year', 'name'] },
  ownerUnit: { fields: ['name'] },
  localityUnit: { fields: ['name'] },
  replicatedFrom: { fields: ['title', 'slug'] },
  indicators: true,
  personContact: true,
  cover: true,
  gallery: true,
  evidence: true,
  reviewLevel: { fields: ['code', 'name'] },
  recognitionLevel: { fields: ['code', 'name'] },
} as const;

const officer = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => strapi.plugin('review').service('engine') as Engine;
  const reviews = () => strapi.plugin('review').service('review') as Review;
  const actorOf = (ctx: Context) => officerActor(strapi, ctx.state.user as OfficerLike);
  const documents = () => strapi.documents(INITIATIVE);

  /** The model if it belongs to the officer's unit; otherwise 404, without saying whether it exists. */
  const ownModel = async (actor: Actor, documentId: string) => {
    const found = await documents().findFirst({
      filters: { documentId, ownerUnit: { id: actor.unitId } },
      populate: OWN_POPULATE as never,
    });
    if (!found) throw notFound(messages.notFound);
    return found;
  };

  const unitDocumentId = async (unitId: number) =>
    ((await strapi.db.query('api::unit.unit').findOne({ where: { id: unitId }, select: ['documentId'] })) as { documentId: string })
      .documentId;

  return {
    async find(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        return reviews().queue(actor, parse(listQuery, ctx.query));
      });
    },

    async findOne(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        const model = await ownModel(actor, ctx.params.documentId);
        return { ...model, review: await reviews().detail(ctx.params.documentId, actor) };
      });
    },

    async create(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const actor = await actorOf(ctx);
          const body = parse(initiativeCreateBody, ctx.request.body);
          const created = await documents().create({
            data: { ...body, ownerUnit: await unitDocumentId(actor.unitId) } as never,
          });
          return ownModel(actor, created.documentId);
        },
        201
      );
    },

    async update(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        await ownModel(actor, ctx.params.documentId);
        const body = parse(initiativeUpdateBody, ctx.request.body);
        await documents().update({ documentId: ctx.params.documentId, data: body as never });
        return ownModel(actor, ctx.params.documentId);
      });
    },

    async uploadEvidence(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const actor = await actorOf(ctx);
          const model = (await ownModel(actor, ctx.params.documentId)) as { evidence?: Array<{ id: number }> | null };
          const files = (ctx.request as unknown as { files?: Record<string, unknown> }).files?.files;
          if (!files) throw badRequest(messages.noEvidenceFiles, { field: 'files' });
          const upload = strapi.plugin('upload').service('upload') as UploadService;
          const uploaded = await upload.upload({ data: {}, files });
          const evidence = [...(model.evidence ?? []).map((file) => file.id), ...uploaded.map((file) => file.id)];
          await documents().update({ documentId: ctx.params.documentId, data: { evidence } as never });
          return ownModel(actor, ctx.params.documentId);
        },
        201
      );
    },

    async submit(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(officerTransitionBody, ctx.request.body);
        return engine().decide(ctx.params.documentId, await actorOf(ctx), { action: 'submit', version: body.version });
      });
    },

    async withdraw(ctx: Context) {
      await respond(ctx, async () => {
        const body = parse(officerTransitionBody, ctx.request.body);
        return engine().decide(ctx.params.documentId, await actorOf(ctx), { action: 'withdraw', version: body.version, reason: body.reason });
      });
    },

    async history(ctx: Context) {
      await respond(ctx, async () => reviews().history(ctx.params.documentId, await actorOf(ctx)));
    },
  };
};

export default officer;
