/**
 * The registration import (permission `plugin::review.record`): the
 * template, a dry run and a commit of one uploaded XLSX (multipart field
 * `files`). Strapi's body parser stores the upload in a temporary file and
 * removes it after the answer.
 */
import fs from 'fs/promises';

import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { badRequest } from '../errors';
import type { Imports, ImportFile } from '../services/imports';
import { importMessages } from '../services/import/messages';
import { MAX_IMPORT_BYTES } from '../services/import/read-xlsx';
import { recordingActor } from './records';
import { respond } from './respond';

type Upload = { filepath: string; originalFilename?: string | null; size: number };

/** The one uploaded file, read into memory once its size is known to be within the limit. */
async function uploaded(ctx: Context): Promise<ImportFile> {
  const files = (ctx.request as unknown as { files?: Record<string, Upload | Upload[]> }).files?.files;
  if (!files) throw badRequest(importMessages.noFile);
  if (Array.isArray(files)) throw badRequest(importMessages.oneFile);
  if (files.size > MAX_IMPORT_BYTES) throw badRequest(importMessages.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024), { maxBytes: MAX_IMPORT_BYTES });
  const name = (files.originalFilename || 'nhap-du-lieu.xlsx').normalize('NFC').slice(0, 255);
  return { name, buffer: await fs.readFile(files.filepath) };
}

const importsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin('review').service('imports') as Imports;

  return {
    async template(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const buffer = await service().template();
          ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          ctx.set('Content-Disposition', `attachment; filename="mau-nhap-mo-hinh.xlsx"; filename*=UTF-8''${encodeURIComponent('mẫu-nhập-mô-hình.xlsx')}`);
          ctx.set('X-Content-Type-Options', 'nosniff');
          ctx.status = 200;
          ctx.body = buffer;
        },
        200,
        { raw: true }
      );
    },

    async dryRun(ctx: Context) {
      await respond(ctx, async () => service().dryRun(await recordingActor(strapi, ctx), await uploaded(ctx)));
    },

    async commit(ctx: Context) {
      await respond(ctx, async () => service().commit(await recordingActor(strapi, ctx), await uploaded(ctx)), 201);
    },
  };
};

export default importsController;
