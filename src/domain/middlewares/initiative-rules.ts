import type { Core } from '@strapi/strapi';

import { messages } from '../messages';
import { isUnitValidInYear } from '../units';
import { invalid } from '../validation';
import { checkAfterWrite, type DocumentMiddleware } from './types';

const UID = 'api::initiative.initiative';

type StoredInitiative = {
  id: number;
  documentId: string;
  subjectType: 'collective' | 'individual';
  personName: string | null;
  origin: 'new' | 'replicated';
  period: { year: number } | null;
  ownerUnit: { name: string; validFrom: string | null; validTo: string | null } | null;
  replicatedFrom: { documentId: string; recognitionLevel: { id: number } | null } | null;
};

/**
 * Rules every stored initiative obeys, whoever writes it:
 * - an individual model names its person;
 * - a replicated model points to another, recognised model (and a new one to none);
 * - the owner unit exists in the period's year (units are dissolved and merged).
 */
export const initiativeRules = (strapi: Core.Strapi): DocumentMiddleware =>
  checkAfterWrite(strapi, UID, async ({ documentId }) => {
    const stored = (await strapi.db.query(UID).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'subjectType', 'personName', 'origin'],
      populate: {
        period: { select: ['year'] },
        ownerUnit: { select: ['name', 'validFrom', 'validTo'] },
        replicatedFrom: { select: ['documentId'], populate: { recognitionLevel: { select: ['id'] } } },
      },
    })) as StoredInitiative | null;
    if (!stored) return;

    if (stored.subjectType === 'individual' && !stored.personName?.trim()) {
      throw invalid('personName', messages.individualNeedsPerson);
    }

    if (stored.origin === 'replicated') {
      if (!stored.replicatedFrom) throw invalid('replicatedFrom', messages.replicatedNeedsSource);
      if (stored.replicatedFrom.documentId === stored.documentId) {
        throw invalid('replicatedFrom', messages.replicatedFromSelf);
      }
      if (!stored.replicatedFrom.recognitionLevel) {
        throw invalid('replicatedFrom', messages.replicatedFromNotRecognized);
      }
    } else if (stored.replicatedFrom) {
      throw invalid('replicatedFrom', messages.newHasNoSource);
    }

    if (stored.ownerUnit && stored.period && !isUnitValidInYear(stored.ownerUnit, stored.period.year)) {
      throw invalid('ownerUnit', messages.ownerUnitNotValidInYear(stored.ownerUnit.name, stored.period.year));
    }
  });
