import type { Core } from '@strapi/strapi';

import { messages } from '../messages';
import { invalidateUnitGraph } from '../unit-graph';
import { invalid } from '../validation';
import { checkAfterWrite, type DocumentMiddleware } from './types';

const UID = 'api::unit.unit';

type StoredUnit = {
  id: number;
  validFrom: string | null;
  validTo: string | null;
  parent: { id: number } | null;
  successor: { id: number } | null;
};

type Link = 'parent' | 'successor';

/** Follows one link (parent or successor) from `startId`; true when it comes back to `targetId`. */
async function linkLeadsTo(strapi: Core.Strapi, link: Link, startId: number | null, targetId: number): Promise<boolean> {
  const seen = new Set<number>();
  let current = startId;
  while (current !== null && !seen.has(current)) {
    if (current === targetId) return true;
    seen.add(current);
    const row = (await strapi.db.query(UID).findOne({
      where: { id: current },
      select: ['id'],
      populate: { [link]: { select: ['id'] } },
    })) as Partial<Record<Link, { id: number } | null>> | null;
    current = row?.[link]?.id ?? null;
  }
  return false;
}

/**
 * A unit is never its own ancestor nor its own (indirect) successor, and its
 * validity period is ordered. Every unit write also drops the cached graph.
 */
export const unitRules = (strapi: Core.Strapi): DocumentMiddleware => {
  const check = checkAfterWrite(strapi, UID, async ({ id }) => {
    const stored = (await strapi.db.query(UID).findOne({
      where: { id },
      select: ['id', 'validFrom', 'validTo'],
      populate: { parent: { select: ['id'] }, successor: { select: ['id'] } },
    })) as StoredUnit | null;
    if (!stored) return;
    if (stored.validFrom && stored.validTo && stored.validTo < stored.validFrom) {
      throw invalid('validTo', messages.unitValidityOrder);
    }
    if (await linkLeadsTo(strapi, 'parent', stored.parent?.id ?? null, stored.id)) {
      throw invalid('parent', messages.unitOwnAncestor);
    }
    if (await linkLeadsTo(strapi, 'successor', stored.successor?.id ?? null, stored.id)) {
      throw invalid('successor', messages.unitOwnSuccessor);
    }
  });
  return async (ctx, next) => {
    if (ctx.uid !== UID) return next();
    try {
      return await check(ctx, next);
    } finally {
      if (ctx.action !== 'findOne' && ctx.action !== 'findMany' && ctx.action !== 'findFirst' && ctx.action !== 'count') {
        invalidateUnitGraph();
      }
    }
  };
};
