/**
 * Content-API endpoints for unit officers (users-permissions JWT): their
 * unit's models — create drafts, edit while draft or returned, upload
 * evidence, submit, withdraw, follow the review and its reasons.
 */
import fs from 'fs';

import type { Core } from '@strapi/strapi';
import { fromFile as fileTypeOf } from 'file-type';
import type { Context } from 'koa';

import { EDITABLE_STATES, type State } from '../../../shared/workflow';
import { badRequest, forbidden, notFound, tooLarge } from '../errors';
import { messages } from '../messages';
import type { Engine } from '../services/engine';
import { safeName, sendEvidence, type Evidence, type IncomingFile } from '../services/evidence';
import { INITIATIVE } from '../services/model';
import type review from '../services/review';
import { officerActor, unitService, type Actor, type OfficerLike } from '../services/scope';
import {
  idParam,
  initiativeCreateBody,
  initiativeUpdateBody,
  officerListQuery,
  officerTransitionBody,
  parse,
  replicationSourceQuery,
} from '../validation';
import { respond } from './respond';

type Review = ReturnType<typeof review>;

/** The multipart parser's temporary files of a request, whatever field they came in. */
const tempFilesOf = (ctx: Context): IncomingFile[] =>
  Object.values((ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }).files ?? {}).flat();

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
  reviewLevel: { fields: ['code', 'name'] },
  recognitionLevel: { fields: ['code', 'name'] },
} as const;

/** Lowercase, no diacritics (đ → d), single spaces: the form the models' `searchText` column is stored in. */
const normalizeForSearch = (input: string) =>
  input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

type PeriodRow = { documentId: string; year: number; name: string; registrationStart: string | null; registrationEnd: string | null };

/** Whether a period takes first registrations on a day (YYYY-MM-DD), as the engine checks it on submit. */
export const registrationStatus = (period: PeriodRow, day: string): 'open' | 'not_open' | 'closed' =>
  period.registrationStart && day < period.registrationStart ? 'not_open' : period.registrationEnd && day > period.registrationEnd ? 'closed' : 'open';

/** How many units the "locality" picker offers at most (the officer's unit and those below it). */
const MAX_LOCALITY_UNITS = 500;
const MAX_REPLICATION_SOURCES = 20;

/**
 * Cover and gallery images are public media (served from /uploads once the
 * model is published): raster images only, decided by their bytes.
 */
export const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
export const MAX_IMAGE_BYTES = Number(process.env.OFFICER_IMAGE_MAX_MB ?? 10) * 1024 * 1024;
export const MAX_GALLERY_IMAGES = 20;
type ImageSlot = 'cover' | 'gallery';
type MediaRef = { id: number };
type UploadService = {
  upload: (input: { data: { fileInfo: Record<string, unknown> }; files: unknown }) => Promise<Array<{ id: number }>>;
  remove: (file: unknown) => Promise<unknown>;
};

const officer = ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => strapi.plugin('review').service('engine') as Engine;
  const reviews = () => strapi.plugin('review').service('review') as Review;
  const evidence = () => strapi.plugin('review').service('evidence') as Evidence;
  const actorOf = (ctx: Context) => officerActor(strapi, ctx.state.user as OfficerLike);
  const documents = () => strapi.documents(INITIATIVE);
  const upload = () => strapi.plugin('upload').service('upload') as unknown as UploadService;
  /** Deletes a media library file (and its resized formats) that no model uses any more. */
  const removeMedia = async (id: number) => {
    const file = await strapi.db.query('plugin::upload.file').findOne({ where: { id } });
    if (file) await upload().remove(file);
  };

  /** The model if it belongs to the officer's unit; otherwise 404, without saying whether it exists. */
  const ownModel = async (actor: Actor, documentId: string) => {
    const found = await documents().findFirst({
      filters: { documentId, ownerUnit: { id: actor.unitId } },
      populate: OWN_POPULATE as never,
    });
    if (!found) throw notFound(messages.notFound);
    const model = found as unknown as { id: number; reviewState: State } & Record<string, unknown>;
    return { ...model, evidence: await evidence().list(model.id) };
  };

  const fileIdOf = (ctx: Context) => idParam(ctx.params.fileId, messages.evidenceNotFound);

  /** Evidence changes only while the model may be edited (draft or returned), like its content. */
  const editableModel = async (actor: Actor, documentId: string) => {
    const model = await ownModel(actor, documentId);
    if (!EDITABLE_STATES.has(model.reviewState)) throw forbidden(messages.frozen, { state: model.reviewState });
    return model;
  };

  /**
   * Images may change only while nobody outside sees them: the public reads a recognised model's
   * texts as last recognised, but its cover and gallery live, so a model already recognised at some
   * level (returned from a higher one) keeps the images it was recognised with.
   */
  const imageEditableModel = async (actor: Actor, documentId: string) => {
    const model = await editableModel(actor, documentId);
    if ((model as { recognitionLevel?: unknown }).recognitionLevel) throw forbidden(messages.imagesPublic, { state: model.reviewState });
    return model;
  };

  const unitDocumentId = async (unitId: number) =>
    ((await strapi.db.query('api::unit.unit').findOne({ where: { id: unitId }, select: ['documentId'] })) as { documentId: string })
      .documentId;

  return {
    /** Who the officer is and what the registration form offers: their unit, the periods with their windows, fields, localities. */
    async me(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        const user = ctx.state.user as OfficerLike;
        const below = (await unitService(strapi).subtreeIds(actor.unitId)).slice(0, MAX_LOCALITY_UNITS);
        const [periods, fields, units] = await Promise.all([
          strapi.documents('api::period.period').findMany({
            fields: ['year', 'name', 'registrationStart', 'registrationEnd'] as never,
            sort: { year: 'desc' } as never,
          }) as unknown as Promise<PeriodRow[]>,
          strapi.documents('api::field.field').findMany({ fields: ['name', 'code'] as never, sort: { name: 'asc' } as never }),
          strapi.db.query('api::unit.unit').findMany({ where: { id: { $in: below } }, select: ['documentId', 'name'], orderBy: { name: 'asc' } }) as Promise<
            Array<{ documentId: string; name: string }>
          >,
        ]);
        const today = new Date().toISOString().slice(0, 10);
        return {
          user: { id: user.id, username: user.username ?? null, email: user.email ?? null },
          unit: { documentId: await unitDocumentId(actor.unitId), name: actor.unitName },
          // The units above, nearest first, with their kind: the levels a submission can go to.
          ancestors: (await unitService(strapi).ancestorsOf(actor.unitId)).map((unit) => ({ name: unit.name, kind: unit.kindCode })),
          periods: periods.map((period) => ({
            documentId: period.documentId,
            year: period.year,
            name: period.name,
            registrationStart: period.registrationStart,
            registrationEnd: period.registrationEnd,
            registration: registrationStatus(period, today),
          })),
          fields: (fields as unknown as Array<{ documentId: string; name: string; code: string | null }>).map(({ documentId, name, code }) => ({
            documentId,
            name,
            code,
          })),
          localityUnits: units.map(({ documentId, name }) => ({ documentId, name })),
        };
      });
    },

    /** Recognised models (at any level, not withdrawn) a new model may be replicated from, matched without diacritics. */
    async replicationSources(ctx: Context) {
      await respond(ctx, async () => {
        await actorOf(ctx);
        const { q } = parse(replicationSourceQuery, ctx.query);
        const words = normalizeForSearch(q ?? '').split(' ').filter(Boolean);
        const found = await documents().findMany({
          filters: {
            recognitionLevel: { id: { $notNull: true } },
            reviewState: { $ne: 'withdrawn' },
            ...(words.length ? { $and: words.map((word) => ({ searchText: { $contains: word } })) } : {}),
          } as never,
          fields: ['title', 'recognizedAt'] as never,
          populate: { ownerUnit: { fields: ['name'] }, period: { fields: ['year'] }, recognitionLevel: { fields: ['name'] } } as never,
          sort: [{ recognizedAt: 'desc' }, { id: 'desc' }] as never,
          limit: MAX_REPLICATION_SOURCES,
        });
        type Source = {
          documentId: string;
          title: string;
          ownerUnit: { name: string } | null;
          period: { year: number } | null;
          recognitionLevel: { name: string } | null;
        };
        return (found as unknown as Source[]).map((model) => ({
          documentId: model.documentId,
          title: model.title,
          ownerUnit: model.ownerUnit?.name ?? null,
          year: model.period?.year ?? null,
          recognitionLevel: model.recognitionLevel?.name ?? null,
        }));
      });
    },

    async find(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        return reviews().queue(actor, parse(officerListQuery, ctx.query));
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
      const files = tempFilesOf(ctx);
      try {
        await respond(
          ctx,
          async () => {
            const actor = await actorOf(ctx);
            const model = await editableModel(actor, ctx.params.documentId);
            const upload = (ctx.request as unknown as { files?: Record<string, IncomingFile | IncomingFile[]> }).files?.files;
            if (!upload) throw badRequest(messages.noEvidenceFiles, { field: 'files' });
            await evidence().add(model.id, [upload].flat(), { type: 'officer', id: actor.id, name: actor.name });
            return ownModel(actor, ctx.params.documentId);
          },
          201
        );
      } finally {
        // Whatever the answer, nothing of the request stays in the temporary folder.
        await Promise.all(files.map((file) => fs.promises.rm(file.filepath, { force: true })));
      }
    },

    async downloadEvidence(ctx: Context) {
      await respond(ctx, async () => {
        const model = await ownModel(await actorOf(ctx), ctx.params.documentId);
        const { file, stream } = await evidence().open(model.id, fileIdOf(ctx));
        sendEvidence(ctx, file, stream);
        return undefined;
      }, 200, { raw: true });
    },

    async removeEvidence(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        const model = await editableModel(actor, ctx.params.documentId);
        await evidence().remove(model.id, fileIdOf(ctx));
        return ownModel(actor, ctx.params.documentId);
      });
    },

    /** Adds an image as the model's cover (replacing the former one) or to its gallery; multipart field `file`. */
    async uploadImage(ctx: Context) {
      const files = tempFilesOf(ctx);
      try {
        await respond(
          ctx,
          async () => {
            const slot = ctx.params.slot as string;
            if (slot !== 'cover' && slot !== 'gallery') throw badRequest(messages.imageSlot, { field: 'slot' });
            const actor = await actorOf(ctx);
            const model = (await imageEditableModel(actor, ctx.params.documentId)) as unknown as { cover: MediaRef | null; gallery: MediaRef[] | null };
            if (files.length === 0) throw badRequest(messages.imageMissing, { field: 'file' });
            if (files.length > 1) throw badRequest(messages.imageOneAtATime, { field: 'file' });
            const [file] = files;
            const shown = file.originalFilename || 'ảnh';
            const detected = await fileTypeOf(file.filepath).catch(() => undefined);
            if (!detected || IMAGE_TYPES[detected.ext] !== detected.mime) throw badRequest(messages.imageType(shown), { field: slot, file: shown });
            if (file.size > MAX_IMAGE_BYTES) throw tooLarge(messages.imageTooLarge(shown, MAX_IMAGE_BYTES / 1024 / 1024), { field: slot, maxBytes: MAX_IMAGE_BYTES });
            const gallery = (model.gallery ?? []).map((media) => media.id);
            if (slot === 'gallery' && gallery.length >= MAX_GALLERY_IMAGES) throw badRequest(messages.galleryFull(MAX_GALLERY_IMAGES), { field: 'gallery' });

            const name = safeName(file.originalFilename, detected.ext);
            const [stored] = await upload().upload({
              data: { fileInfo: { name, alternativeText: null, caption: null } },
              // The type the bytes are, never the one the client declared.
              files: { ...file, originalFilename: name, mimetype: detected.mime },
            });
            const previous = model.cover;
            try {
              await documents().update({
                documentId: ctx.params.documentId,
                data: (slot === 'cover' ? { cover: stored.id } : { gallery: [...gallery, stored.id] }) as never,
              });
            } catch (error) {
              await removeMedia(stored.id);
              throw error;
            }
            if (slot === 'cover' && previous) await removeMedia(previous.id);
            return ownModel(actor, ctx.params.documentId);
          },
          201
        );
      } finally {
        await Promise.all(files.map((file) => fs.promises.rm(file.filepath, { force: true })));
      }
    },

    /** Removes an image from the model's cover or gallery, and from the media library. */
    async removeImage(ctx: Context) {
      await respond(ctx, async () => {
        const actor = await actorOf(ctx);
        const model = (await imageEditableModel(actor, ctx.params.documentId)) as unknown as { cover: MediaRef | null; gallery: MediaRef[] | null };
        const fileId = idParam(ctx.params.fileId, messages.imageNotFound);
        const gallery = (model.gallery ?? []).map((media) => media.id);
        let slot: ImageSlot;
        if (model.cover?.id === fileId) slot = 'cover';
        else if (gallery.includes(fileId)) slot = 'gallery';
        else throw notFound(messages.imageNotFound);
        await documents().update({
          documentId: ctx.params.documentId,
          data: (slot === 'cover' ? { cover: null } : { gallery: gallery.filter((id) => id !== fileId) }) as never,
        });
        await removeMedia(fileId);
        return ownModel(actor, ctx.params.documentId);
      });
    },

    evidencePolicy(ctx: Context) {
      ctx.body = { data: evidence().policy() };
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
