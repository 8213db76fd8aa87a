import type { Core } from '@strapi/strapi';

import { messages } from '../messages';
import { ConflictError } from '../validation';
import type { DocumentMiddleware } from './types';

const INITIATIVE = 'api::initiative.initiative';

/** For each kind of reference data, how a model refers to it. */
const REFERENCES: Record<string, { label: string; paths: string[] }> = {
  'api::field.field': { label: 'lĩnh vực', paths: ['field'] },
  'api::period.period': { label: 'đợt thi đua', paths: ['period'] },
  'api::unit.unit': { label: 'đơn vị', paths: ['ownerUnit', 'localityUnit'] },
  'api::unit-kind.unit-kind': { label: 'loại đơn vị (cấp xét duyệt)', paths: ['reviewLevel', 'recognitionLevel'] },
};

/**
 * Deleting a field, period, unit or unit kind that models use would silently
 * strip those models (registered, reviewed, recognised ones included) of it:
 * refused with 409 and the number of models concerned. Retire a unit with
 * its validity dates or a successor instead.
 */
export const referenceRules =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const reference = REFERENCES[ctx.uid];
    const documentId = ctx.params.documentId;
    if (!reference || ctx.action !== 'delete' || !documentId) return next();
    const used = await strapi.db.query(INITIATIVE as never).count({
      where: { $or: reference.paths.map((path) => ({ [path]: { documentId } })) },
    });
    if (used > 0) throw new ConflictError(messages.referenceInUse(reference.label, used), { models: used });
    return next();
  };
