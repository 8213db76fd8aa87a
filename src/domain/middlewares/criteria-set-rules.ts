import type { Core } from '@strapi/strapi';

import { messages } from '../messages';
import { invalid } from '../validation';
import { checkAfterWrite, type DocumentMiddleware } from './types';

const UID = 'api::criteria-set.criteria-set';

type StoredSet = { criteria: Array<{ code: string }> | null };

/** Criterion codes are unique within a set (case and surrounding spaces ignored). */
export const criteriaSetRules = (strapi: Core.Strapi): DocumentMiddleware =>
  checkAfterWrite(strapi, UID, async ({ id }) => {
    const stored = (await strapi.db.query(UID).findOne({
      where: { id },
      select: ['id'],
      populate: { criteria: { select: ['code'] } },
    })) as StoredSet | null;
    const seen = new Set<string>();
    for (const [index, criterion] of (stored?.criteria ?? []).entries()) {
      const code = criterion.code.trim().toUpperCase();
      if (seen.has(code)) throw invalid(['criteria', String(index), 'code'], messages.criteriaCodeDuplicate(criterion.code.trim()));
      seen.add(code);
    }
  });
