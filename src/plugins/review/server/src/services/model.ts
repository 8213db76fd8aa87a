/**
 * How the review plugin reads initiatives: one loader used by the engine,
 * the queue and the controllers, so every path sees the same shape.
 */
import type { Core } from '@strapi/strapi';

import type { State } from '../../../shared/workflow';

export const INITIATIVE = 'api::initiative.initiative';
export const EVENT = 'plugin::review.review-event';
export const ASSESSMENT = 'plugin::review.assessment';
export const DECISION = 'plugin::review.decision';
export const AMENDMENT = 'plugin::review.decision-amendment';
export const REVIEWER = 'plugin::review.reviewer';

export type Level = { id: number; code: string; name: string };

export type Criterion = { code: string; text: string; required: boolean | null; maxScore: number | null };

export type CriteriaSet = {
  id: number;
  name: string;
  guidelineNumber: string | null;
  subjectType: 'collective' | 'individual';
  criteria: Criterion[] | null;
};

export type LoadedInitiative = {
  id: number;
  documentId: string;
  title: string;
  summary: string | null;
  version: number;
  reviewState: State;
  subjectType: 'collective' | 'individual';
  personName: string | null;
  recognizedAt: string | null;
  /** Unit kind ids of the levels entered, in order, comma-separated. */
  reviewPath: string | null;
  ownerUnit: { id: number; name: string } | null;
  field: { id: number; name: string } | null;
  period: {
    id: number;
    year: number;
    name: string;
    registrationStart: string | null;
    registrationEnd: string | null;
    reviewChain: Array<{ unitKind: Level | null }> | null;
    criteriaSets: CriteriaSet[] | null;
  } | null;
  reviewLevel: Level | null;
  recognitionLevel: Level | null;
};

const LEVEL = { select: ['id', 'code', 'name'] };

/** A period as the engine reads it: dates, review chain and criteria sets. */
const PERIOD = {
  select: ['id', 'year', 'name', 'registrationStart', 'registrationEnd'],
  populate: {
    reviewChain: { populate: { unitKind: LEVEL } },
    criteriaSets: { select: ['id', 'name', 'guidelineNumber', 'subjectType'], populate: { criteria: true } },
  },
};

export type LoadedPeriod = NonNullable<LoadedInitiative['period']>;

/** Periods in the shape `loadInitiative` gives a model's period. */
export async function loadPeriods(strapi: Core.Strapi, ids: number[]): Promise<LoadedPeriod[]> {
  if (ids.length === 0) return [];
  return (await strapi.db.query('api::period.period').findMany({ where: { id: { $in: ids } }, ...PERIOD })) as LoadedPeriod[];
}

export async function loadInitiative(strapi: Core.Strapi, where: { documentId: string } | { id: number }): Promise<LoadedInitiative | null> {
  return (await strapi.db.query(INITIATIVE).findOne({
    where,
    select: ['id', 'documentId', 'title', 'summary', 'version', 'reviewState', 'subjectType', 'personName', 'recognizedAt', 'reviewPath'],
    populate: {
      ownerUnit: { select: ['id', 'name'] },
      field: { select: ['id', 'name'] },
      period: PERIOD,
      reviewLevel: LEVEL,
      recognitionLevel: LEVEL,
    },
  })) as LoadedInitiative | null;
}

/** The period's review chain as levels, in order. */
export const chainOf = (initiative: LoadedInitiative): Level[] =>
  (initiative.period?.reviewChain ?? []).flatMap((step) => (step.unitKind ? [step.unitKind] : []));

/** The current review round: the highest round of criteria snapshots taken so far (0 before any). */
export async function currentRound(strapi: Core.Strapi, initiativeId: number): Promise<number> {
  const latest = (await strapi.db.query(ASSESSMENT).findOne({
    where: { initiative: { id: initiativeId } },
    select: ['round'],
    orderBy: { round: 'desc' },
  })) as { round: number } | null;
  return latest?.round ?? 0;
}
