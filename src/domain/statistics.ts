import type { Core } from '@strapi/strapi';

import { STATES, type State } from '../plugins/review/shared/workflow';
import { tableOf } from './sql';
import { loadUnitGraph } from './unit-graph';
import { rollUpTo, roots, subtree } from './units';

/** The workflow's states, from the review plugin's shared workflow module. */
export const REVIEW_STATES = STATES;
export type ReviewState = State;

/** States that do not count as a registration: never submitted, or withdrawn by the unit. */
const NOT_REGISTERED: ReadonlySet<string> = new Set(['draft', 'withdrawn']);

export type Breakdown<K extends string> = Record<K, number>;

export type FieldCount = { fieldId: number | null; code: string | null; name: string | null; count: number; previous: number; growth: number };
export type LevelCount = { kindId: number; code: string; name: string; count: number };
export type UnitCount = { unitId: number; documentId: string; name: string; count: number };

export type InitiativeStatistics = {
  year: number;
  scope: { unitId: number | null; name: string | null };
  /** Registered initiatives: every state except draft and withdrawn. */
  total: number;
  previous: { year: number; total: number };
  growth: { absolute: number; percent: number | null };
  byField: FieldCount[];
  bySubjectType: Breakdown<'collective' | 'individual'>;
  byOrigin: Breakdown<'new' | 'replicated'>;
  /** Recognised initiatives by the highest level that recognised them. */
  byRecognitionLevel: LevelCount[];
  /** Every state, draft and withdrawn included. */
  byState: Breakdown<ReviewState>;
  /**
   * Registered initiatives by the scope's direct children today (the scope
   * itself for its own); dissolved units count under their successors.
   */
  byUnit: UnitCount[];
};

type CubeRow = {
  owner_id: number | null;
  field_id: number | null;
  subject_type: string;
  origin: string;
  review_state: string;
  level_id: number | null;
  n: number | string;
};

/**
 * One grouped query per year: initiatives counted by owner unit, field,
 * subject type, origin, state and recognition level. Every breakdown is
 * folded from this small cube; no initiative is fetched.
 */
/** Initiatives of a period's year as a query on alias `i`, with a helper that left-joins a relation's link table. */
function initiativesOfYear(strapi: Core.Strapi, year: number) {
  const initiative = tableOf(strapi, 'api::initiative.initiative');
  const period = tableOf(strapi, 'api::period.period');
  const periodLink = initiative.link('period');
  const query = strapi.db
    .connection({ i: initiative.name })
    .join({ pl: periodLink.table }, `pl.${periodLink.owner}`, 'i.id')
    .join({ p: period.name }, 'p.id', `pl.${periodLink.target}`)
    .where(`p.${period.column('year')}`, year);
  /** Joins the link table of `attribute` as `alias`; returns the column holding the related id. */
  const joinLink = (alias: string, attribute: string) => {
    const link = initiative.link(attribute);
    query.leftJoin({ [alias]: link.table }, `${alias}.${link.owner}`, 'i.id');
    return `${alias}.${link.target}`;
  };
  return { query, column: (attribute: string) => `i.${initiative.column(attribute)}`, joinLink };
}

async function countCube(strapi: Core.Strapi, year: number, ownerIds: number[] | null): Promise<CubeRow[]> {
  const { query, column, joinLink } = initiativesOfYear(strapi, year);
  const owner = joinLink('ou', 'ownerUnit');
  const field = joinLink('fl', 'field');
  const level = joinLink('rl', 'recognitionLevel');
  const dimensions = [owner, field, column('subjectType'), column('origin'), column('reviewState'), level];
  query
    .select({
      owner_id: owner,
      field_id: field,
      subject_type: column('subjectType'),
      origin: column('origin'),
      review_state: column('reviewState'),
      level_id: level,
    })
    .count({ n: '*' })
    .groupBy(dimensions);
  if (ownerIds) query.whereIn(owner, ownerIds);
  return (await query) as CubeRow[];
}
const emptyBreakdown = <K extends string>(keys: readonly K[]): Breakdown<K> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Breakdown<K>;

const registered = (rows: CubeRow[]) => rows.filter((row) => !NOT_REGISTERED.has(row.review_state));
const sum = (rows: CubeRow[]) => rows.reduce((total, row) => total + Number(row.n), 0);

/**
 * Statistics of a period (by year) for the whole province or a unit's subtree
 * as it stands today: dissolved and merged units are counted under their
 * current successors, so years before and after a reorganisation compare.
 */
export async function initiativeStatistics(
  strapi: Core.Strapi,
  { year, unitId = null }: { year: number; unitId?: number | null }
): Promise<InitiativeStatistics> {
  const graph = await loadUnitGraph(strapi);
  const scope = unitId !== null ? graph.nodes.get(unitId) ?? null : null;
  const ownerIds = unitId !== null ? [...subtree(graph, unitId)] : null;

  const [rows, previousRows, fields, kinds] = await Promise.all([
    countCube(strapi, year, ownerIds),
    countCube(strapi, year - 1, ownerIds),
    strapi.db.query('api::field.field').findMany({ select: ['id', 'code', 'name', 'order'], orderBy: [{ order: 'asc' }, { id: 'asc' }] }) as Promise<
      Array<{ id: number; code: string; name: string }>
    >,
    strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['id', 'code', 'name', 'tier'], orderBy: [{ tier: 'asc' }, { id: 'asc' }] }) as Promise<
      Array<{ id: number; code: string; name: string }>
    >,
  ]);

  const current = registered(rows);
  const previous = registered(previousRows);
  const total = sum(current);
  const previousTotal = sum(previous);

  const countBy = <K>(list: CubeRow[], key: (row: CubeRow) => K) => {
    const map = new Map<K, number>();
    for (const row of list) map.set(key(row), (map.get(key(row)) ?? 0) + Number(row.n));
    return map;
  };

  const fieldNow = countBy(current, (row) => row.field_id);
  const fieldBefore = countBy(previous, (row) => row.field_id);
  const byField: FieldCount[] = fields.map((field) => {
    const count = fieldNow.get(field.id) ?? 0;
    const before = fieldBefore.get(field.id) ?? 0;
    return { fieldId: field.id, code: field.code, name: field.name, count, previous: before, growth: count - before };
  });
  const unassigned = fieldNow.get(null) ?? 0;
  if (unassigned > 0 || (fieldBefore.get(null) ?? 0) > 0) {
    const before = fieldBefore.get(null) ?? 0;
    byField.push({ fieldId: null, code: null, name: null, count: unassigned, previous: before, growth: unassigned - before });
  }

  const bySubjectType = emptyBreakdown(['collective', 'individual'] as const);
  const byOrigin = emptyBreakdown(['new', 'replicated'] as const);
  for (const row of current) {
    if (row.subject_type in bySubjectType) bySubjectType[row.subject_type as 'collective'] += Number(row.n);
    if (row.origin in byOrigin) byOrigin[row.origin as 'new'] += Number(row.n);
  }

  const byState = emptyBreakdown(REVIEW_STATES);
  for (const row of rows) if (row.review_state in byState) byState[row.review_state as ReviewState] += Number(row.n);

  const levelCounts = countBy(
    current.filter((row) => row.level_id !== null),
    (row) => row.level_id as number
  );
  const byRecognitionLevel: LevelCount[] = kinds
    .filter((kind) => levelCounts.has(kind.id))
    .map((kind) => ({ kindId: kind.id, code: kind.code, name: kind.name, count: levelCounts.get(kind.id) ?? 0 }));

  // Without a scope, a province-wide tree breaks down by the province's children.
  const topUnits = roots(graph);
  const breakdownScope = unitId ?? (topUnits.length === 1 ? topUnits[0] : null);
  const unitCounts = new Map<number, number>();
  for (const row of current) {
    if (row.owner_id === null) continue;
    const target = rollUpTo(graph, row.owner_id, breakdownScope);
    if (target !== null) unitCounts.set(target, (unitCounts.get(target) ?? 0) + Number(row.n));
  }
  const byUnit: UnitCount[] = [...unitCounts.entries()]
    .map(([id, count]) => {
      const unit = graph.nodes.get(id);
      return { unitId: id, documentId: unit?.documentId ?? '', name: unit?.name ?? '', count };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));

  return {
    year,
    scope: { unitId, name: scope?.name ?? null },
    total,
    previous: { year: year - 1, total: previousTotal },
    growth: {
      absolute: total - previousTotal,
      percent: previousTotal > 0 ? Math.round(((total - previousTotal) / previousTotal) * 1000) / 10 : null,
    },
    byField,
    bySubjectType,
    byOrigin,
    byRecognitionLevel,
    byState,
    byUnit,
  };
}

export type FunnelStep = { code: string; name: string; reached: number; recognised: number };
export type ReviewFunnel = { year: number; registered: number; levels: FunnelStep[] };

type FunnelRow = { review_level_id: number | null; recognition_level_id: number | null; n: number | string };

/**
 * The review funnel of a period: registered → reached and recognised at each
 * level of its chain (a model recognised higher was also recognised lower).
 * One grouped query.
 */
export async function reviewFunnel(strapi: Core.Strapi, { year, unitId = null }: { year: number; unitId?: number | null }): Promise<ReviewFunnel> {
  const period = (await strapi.db.query('api::period.period').findOne({
    where: { year },
    populate: { reviewChain: { populate: { unitKind: { select: ['id', 'code', 'name'] } } } },
  })) as { reviewChain: Array<{ unitKind: { id: number; code: string; name: string } | null }> | null } | null;
  const chain = (period?.reviewChain ?? []).flatMap((step) => (step.unitKind ? [step.unitKind] : []));
  const indexOf = (id: number | null) => (id === null ? -1 : chain.findIndex((level) => level.id === id));

  const { query, column, joinLink } = initiativesOfYear(strapi, year);
  const reviewLevel = joinLink('rv', 'reviewLevel');
  const recognitionLevel = joinLink('rl', 'recognitionLevel');
  query
    .whereNotIn(column('reviewState'), [...NOT_REGISTERED])
    .select({ review_level_id: reviewLevel, recognition_level_id: recognitionLevel })
    .count({ n: '*' })
    .groupBy(reviewLevel, recognitionLevel);
  if (unitId !== null) {
    const owner = joinLink('ou', 'ownerUnit');
    query.whereIn(owner, [...subtree(await loadUnitGraph(strapi), unitId)]);
  }
  const rows = (await query) as FunnelRow[];

  const levels = chain.map((level, index) => {
    let reached = 0;
    let recognised = 0;
    for (const row of rows) {
      const count = Number(row.n);
      const recognisedAt = indexOf(row.recognition_level_id);
      if (Math.max(indexOf(row.review_level_id), recognisedAt) >= index) reached += count;
      if (recognisedAt >= index) recognised += count;
    }
    return { code: level.code, name: level.name, reached, recognised };
  });
  return { year, registered: rows.reduce((total, row) => total + Number(row.n), 0), levels };
}
