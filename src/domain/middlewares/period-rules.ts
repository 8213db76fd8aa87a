import type { Core } from '@strapi/strapi';

import { messages } from '../messages';
import { invalid } from '../validation';
import { checkAfterWrite, type DocumentMiddleware } from './types';

const UID = 'api::period.period';

type StoredPeriod = {
  registrationStart: string | null;
  registrationEnd: string | null;
  reviewDeadline: string | null;
  reviewChain: Array<{ unitKind: { id: number } | null }> | null;
  criteriaSets: Array<{ subjectType: string }> | null;
};

/** Dates that are set must be in order: registration opens ≤ closes ≤ review deadline. */
const windowsOrdered = (period: StoredPeriod) => {
  const dates = [period.registrationStart, period.registrationEnd, period.reviewDeadline].filter(
    (date): date is string => Boolean(date)
  );
  return dates.every((date, index) => index === 0 || dates[index - 1] <= date);
};

/**
 * A period's windows are ordered, its review chain names each level once,
 * and it applies at most one criteria set per subject type.
 */
export const periodRules = (strapi: Core.Strapi): DocumentMiddleware =>
  checkAfterWrite(strapi, UID, async ({ id }) => {
    const stored = (await strapi.db.query(UID).findOne({
      where: { id },
      select: ['registrationStart', 'registrationEnd', 'reviewDeadline'],
      populate: {
        reviewChain: { populate: { unitKind: { select: ['id'] } } },
        criteriaSets: { select: ['subjectType'] },
      },
    })) as StoredPeriod | null;
    if (!stored) return;

    if (!windowsOrdered(stored)) throw invalid('registrationEnd', messages.periodWindowsOrder);

    const chain = stored.reviewChain ?? [];
    if (chain.some((step) => !step.unitKind)) throw invalid('reviewChain', messages.periodChainEmptyStep);
    const levels = chain.map((step) => step.unitKind?.id);
    if (new Set(levels).size !== levels.length) throw invalid('reviewChain', messages.periodChainDuplicateLevel);

    const subjects = (stored.criteriaSets ?? []).map((set) => set.subjectType);
    if (new Set(subjects).size !== subjects.length) {
      throw invalid('criteriaSets', messages.periodOneCriteriaSetPerSubject);
    }
  });
