import type { Core } from '@strapi/strapi';

import { STATES, type State } from '../plugins/review/shared/workflow';
import { cubeMarginals, type Marginal } from './initiative-cube';
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

/**
 * The breakdowns of some years, from the pre-aggregated cube
 * (src/domain/initiative-cube.ts): one query aggregated by the database,
 * about a hundred rows back whatever the volume; no initiative is read.
 */
async function breakdowns(
  strapi: Core.Strapi,
  year: number,
  ownerIds: number[] | null,
  { current, previous = [] }: { current: readonly Marginal[]; /** Of the year before. */ previous?: readonly Marginal[] }
) {
  const read = (years: number[], only: readonly Marginal[]) =>
    only.length > 0 ? cubeMarginals(strapi, { years, ownerIds, notRegistered: [...NOT_REGISTERED], only }) : Promise.resolve([]);
  const rows = (await Promise.all([read([year], current), read([year - 1], previous)])).flat();
  /** Registered (or, with `all`, every state's) counts of one breakdown of one year, by value. */
  const of = (year: number, marginal: Marginal, { all = false } = {}) => {
    const map = new Map<string | number, number>();
    for (const row of rows) {
      if (row.year !== year || row.marginal !== marginal) continue;
      const count = all ? row.total : row.registered;
      if (count !== 0) map.set(row.value, (map.get(row.value) ?? 0) + count);
    }
    return map;
  };
  const funnel = (year: number) => rows.filter((row) => row.year === year && row.marginal === 'funnel' && row.registered !== 0);
  return { of, funnel };
}

type Breakdowns = Awaited<ReturnType<typeof breakdowns>>;

/** What the statistics of a year read (the year before: only the fields, for growth). */
const STATISTICS: readonly Marginal[] = ['field_id', 'subject_type', 'origin', 'review_state', 'level_id', 'owner_id'];

const emptyBreakdown = <K extends string>(keys: readonly K[]): Breakdown<K> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Breakdown<K>;

const sum = (map: Map<unknown, number>) => [...map.values()].reduce((total, count) => total + count, 0);

type Named = { id: number; code: string; name: string };

/** The reference data statistics need: fields and unit kinds in display order, and the year's review chain. */
export type StatisticsReference = { fields: Named[]; kinds: Named[]; chain: Named[] };

/** Reads the reference data (a few small queries; callers may memoise it until one of those types changes). */
export async function loadStatisticsReference(strapi: Core.Strapi, year: number): Promise<StatisticsReference> {
  const [fields, kinds, period] = await Promise.all([
    strapi.db.query('api::field.field').findMany({ select: ['id', 'code', 'name', 'order'], orderBy: [{ order: 'asc' }, { id: 'asc' }] }) as Promise<Named[]>,
    strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['id', 'code', 'name', 'tier'], orderBy: [{ tier: 'asc' }, { id: 'asc' }] }) as Promise<Named[]>,
    strapi.db.query('api::period.period').findOne({
      where: { year },
      populate: { reviewChain: { populate: { unitKind: { select: ['id', 'code', 'name'] } } } },
    }) as Promise<{ reviewChain: Array<{ unitKind: Named | null }> | null } | null>,
  ]);
  const pick = ({ id, code, name }: Named): Named => ({ id, code, name });
  const chain = (period?.reviewChain ?? []).flatMap((step) => (step.unitKind ? [pick(step.unitKind)] : []));
  return { fields: fields.map(pick), kinds: kinds.map(pick), chain };
}

/** Work already under way that a caller shares between the statistics and the funnel. */
type Shared = { source?: Promise<Breakdowns>; reference?: Promise<StatisticsReference> };

/**
 * Statistics of a period (by year) for the whole province or a unit's subtree
 * as it stands today: dissolved and merged units are counted under their
 * current successors, so years before and after a reorganisation compare.
 */
export async function initiativeStatistics(
  strapi: Core.Strapi,
  { year, unitId = null }: { year: number; unitId?: number | null },
  { source, reference }: Shared = {}
): Promise<InitiativeStatistics> {
  const graph = await loadUnitGraph(strapi);
  const scope = unitId !== null ? graph.nodes.get(unitId) ?? null : null;
  const ownerIds = unitId !== null ? [...subtree(graph, unitId)] : null;

  const [counts, { fields, kinds }] = await Promise.all([
    source ?? breakdowns(strapi, year, ownerIds, { current: STATISTICS, previous: ['field_id'] }),
    reference ?? loadStatisticsReference(strapi, year),
  ]);

  // Every registered initiative has exactly one state, so the by-state breakdown sums to the totals.
  const fieldNow = counts.of(year, 'field_id');
  const fieldBefore = counts.of(year - 1, 'field_id');
  const total = sum(fieldNow);
  const previousTotal = sum(fieldBefore);

  // The cube stores "no field" as 0.
  const byField: FieldCount[] = fields.map((field) => {
    const count = fieldNow.get(field.id) ?? 0;
    const before = fieldBefore.get(field.id) ?? 0;
    return { fieldId: field.id, code: field.code, name: field.name, count, previous: before, growth: count - before };
  });
  const unassigned = fieldNow.get(0) ?? 0;
  if (unassigned > 0 || (fieldBefore.get(0) ?? 0) > 0) {
    const before = fieldBefore.get(0) ?? 0;
    byField.push({ fieldId: null, code: null, name: null, count: unassigned, previous: before, growth: unassigned - before });
  }

  const fill = <K extends string>(keys: readonly K[], map: Map<string | number, number>) => {
    const breakdown = emptyBreakdown(keys);
    for (const key of keys) breakdown[key] = map.get(key) ?? 0;
    return breakdown;
  };
  const bySubjectType = fill(['collective', 'individual'] as const, counts.of(year, 'subject_type'));
  const byOrigin = fill(['new', 'replicated'] as const, counts.of(year, 'origin'));
  const byState = fill(REVIEW_STATES, counts.of(year, 'review_state', { all: true }));

  const levelCounts = counts.of(year, 'level_id');
  const byRecognitionLevel: LevelCount[] = kinds
    .filter((kind) => levelCounts.has(kind.id))
    .map((kind) => ({ kindId: kind.id, code: kind.code, name: kind.name, count: levelCounts.get(kind.id) ?? 0 }));

  // Without a scope, a province-wide tree breaks down by the province's children.
  const topUnits = roots(graph);
  const breakdownScope = unitId ?? (topUnits.length === 1 ? topUnits[0] : null);
  const unitCounts = new Map<number, number>();
  for (const [ownerId, count] of counts.of(year, 'owner_id')) {
    if (ownerId === 0) continue;
    const target = rollUpTo(graph, Number(ownerId), breakdownScope);
    if (target !== null) unitCounts.set(target, (unitCounts.get(target) ?? 0) + count);
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

/**
 * The review funnel of a period: registered → reached and recognised at each
 * level of its chain (a model recognised higher was also recognised lower),
 * from the cube.
 */
export async function reviewFunnel(
  strapi: Core.Strapi,
  { year, unitId = null }: { year: number; unitId?: number | null },
  { source, reference }: Shared = {}
): Promise<ReviewFunnel> {
  const counts = async () => {
    const ownerIds = unitId !== null ? [...subtree(await loadUnitGraph(strapi), unitId)] : null;
    return breakdowns(strapi, year, ownerIds, { current: ['funnel'] });
  };
  const [{ chain }, read] = await Promise.all([reference ?? loadStatisticsReference(strapi, year), source ?? counts()]);
  const indexOf = (id: number) => (id === 0 ? -1 : chain.findIndex((level) => level.id === id));
  const rows = read.funnel(year);

  const levels = chain.map((level, index) => {
    let reached = 0;
    let recognised = 0;
    for (const row of rows) {
      const count = row.registered;
      const recognisedAt = indexOf(row.value2);
      if (Math.max(indexOf(Number(row.value)), recognisedAt) >= index) reached += count;
      if (recognisedAt >= index) recognised += count;
    }
    return { code: level.code, name: level.name, reached, recognised };
  });
  return { year, registered: rows.reduce((total, row) => total + row.registered, 0), levels };
}

/**
 * The statistics and the review funnel of a period together, as the public
 * statistics endpoint shows them: one read of the cube for both.
 */
export async function statisticsWithFunnel(
  strapi: Core.Strapi,
  { year, unitId = null }: { year: number; unitId?: number | null },
  /** The reference data, e.g. memoised by the caller (default: read now). */
  reference: Promise<StatisticsReference> = loadStatisticsReference(strapi, year)
): Promise<{ statistics: InitiativeStatistics; funnel: ReviewFunnel }> {
  const ownerIds = unitId !== null ? [...subtree(await loadUnitGraph(strapi), unitId)] : null;
  const shared = { source: breakdowns(strapi, year, ownerIds, { current: [...STATISTICS, 'funnel'], previous: ['field_id'] }), reference };
  const [statistics, funnel] = await Promise.all([initiativeStatistics(strapi, { year, unitId }, shared), reviewFunnel(strapi, { year, unitId }, shared)]);
  return { statistics, funnel };
}
