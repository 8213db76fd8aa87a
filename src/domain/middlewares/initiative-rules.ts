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
  cover: { name: string; mime: string } | null;
  gallery: Array<{ name: string; mime: string }> | null;
};

/** What a model's public cover and gallery may be. */
const PUBLIC_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/**
 * Rules every stored initiative obeys, whoever writes it:
 * - an individual model names its person;
 * - a replicated model points to another, recognised model (and a new one to none);
 * - the owner unit exists in the period's year (units are dissolved and merged);
 * - its public images (cover, gallery) are raster images.
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
        cover: { select: ['name', 'mime'] },
        gallery: { select: ['name', 'mime'] },
      },
    })) as StoredInitiative | null;
    if (!stored) return;

    // Public images are served from /uploads on the admin's origin: raster images only, never SVG or HTML.
    for (const [field, files] of [['cover', stored.cover ? [stored.cover] : []], ['gallery', stored.gallery ?? []]] as const) {
      const unsafe = files.find((file) => !PUBLIC_IMAGE_TYPES.has(file.mime));
      if (unsafe) throw invalid(field, messages.publicImageOnly(unsafe.name));
    }

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
