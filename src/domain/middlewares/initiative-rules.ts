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
  origin: 'new' | 'replicated' | 'continuing';
  replicatedSourceName: string | null;
  replicatedSourceUnit: string | null;
  period: { year: number } | null;
  continuedFrom: { documentId: string; period: { year: number } | null } | null;
  ownerUnit: { name: string; validFrom: string | null; validTo: string | null } | null;
  replicatedFrom: { documentId: string; recognitionLevel: { id: number } | null } | null;
  cover: { name: string; mime: string } | null;
  gallery: Array<{ name: string; mime: string }> | null;
};

/** What a model's public cover and gallery may be. */
const PUBLIC_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** The parts of a stored model the rules below read (images aside). */
export type RuleInput = Pick<
  StoredInitiative,
  'documentId' | 'subjectType' | 'personName' | 'origin' | 'replicatedSourceName' | 'replicatedSourceUnit' | 'period' | 'continuedFrom' | 'ownerUnit' | 'replicatedFrom'
>;

const violation = (field: string, message: string) => ({ field, message });

/**
 * The first rule a model breaks (the field and the Vietnamese message), or
 * null: checked after every write through the document service, and on the
 * rows of a bulk import before they are written.
 */
export function ruleViolation(stored: RuleInput): { field: string; message: string } | null {
  if (stored.subjectType === 'individual' && !stored.personName?.trim()) {
    return violation('personName', messages.individualNeedsPerson);
  }

  const externalName = stored.replicatedSourceName?.trim() ?? '';
  const externalUnit = stored.replicatedSourceUnit?.trim() ?? '';
  if (stored.origin === 'replicated') {
    if (stored.replicatedFrom && (externalName || externalUnit)) return violation('replicatedFrom', messages.replicatedOneSource);
    if (!stored.replicatedFrom) {
      // A source outside the system (historic data): its name and its unit, as the paper records give them.
      if (!externalName && !externalUnit) return violation('replicatedFrom', messages.replicatedNeedsSource);
      if (!externalName || !externalUnit) return violation(externalName ? 'replicatedSourceUnit' : 'replicatedSourceName', messages.externalSourceNeedsUnit);
    } else if (stored.replicatedFrom.documentId === stored.documentId) {
      return violation('replicatedFrom', messages.replicatedFromSelf);
    } else if (!stored.replicatedFrom.recognitionLevel) {
      return violation('replicatedFrom', messages.replicatedFromNotRecognized);
    }
  } else if (stored.replicatedFrom || externalName || externalUnit) {
    return violation('replicatedFrom', messages.newHasNoSource);
  }

  if (stored.continuedFrom) {
    if (stored.origin !== 'continuing') return violation('continuedFrom', messages.continuingOnly);
    if (stored.continuedFrom.documentId === stored.documentId) return violation('continuedFrom', messages.continuedFromSelf);
    const earlier = stored.continuedFrom.period?.year;
    if (stored.period && earlier !== undefined && earlier >= stored.period.year) return violation('continuedFrom', messages.continuedFromLater);
  }

  if (stored.ownerUnit && stored.period && !isUnitValidInYear(stored.ownerUnit, stored.period.year)) {
    return violation('ownerUnit', messages.ownerUnitNotValidInYear(stored.ownerUnit.name, stored.period.year));
  }
  return null;
}

/**
 * Rules every stored initiative obeys, whoever writes it:
 * - an individual model names its person;
 * - a replicated model points to another, recognised model, or names a source
 *   outside the system (name and unit, for historic data); other origins name none;
 * - a continuing model may point to the earlier year's model it continues;
 * - the owner unit exists in the period's year (units are dissolved and merged);
 * - its public images (cover, gallery) are raster images.
 */
export const initiativeRules = (strapi: Core.Strapi): DocumentMiddleware =>
  checkAfterWrite(strapi, UID, async ({ documentId }) => {
    const stored = (await strapi.db.query(UID).findOne({
      where: { documentId },
      select: ['id', 'documentId', 'subjectType', 'personName', 'origin', 'replicatedSourceName', 'replicatedSourceUnit'],
      populate: {
        period: { select: ['year'] },
        ownerUnit: { select: ['name', 'validFrom', 'validTo'] },
        replicatedFrom: { select: ['documentId'], populate: { recognitionLevel: { select: ['id'] } } },
        continuedFrom: { select: ['documentId'], populate: { period: { select: ['year'] } } },
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

    const broken = ruleViolation(stored);
    if (broken) throw invalid(broken.field, broken.message);
  });
