import type { Core } from '@strapi/strapi';

import { STATES, type State } from '../plugins/review/shared/workflow';
import { cubeMarginals, cubePositions, type Marginal, type MarginalRow, type PositionRow } from './initiative-cube';
import { loadUnitGraph } from './unit-graph';
import { rollUpAsRecorded, rootsInRange, subtree, type UnitGraph, type YearRange } from './units';

/** The workflow's states, from the review plugin's shared workflow module. */
export const REVIEW_STATES = STATES;
export type ReviewState = State;

/** How a model came about: newly built, replicated from an effective model, or continuing an earlier year's model. */
export const ORIGINS = ['new', 'replicated', 'continuing'] as const;

/** States that do not count as a registration: never submitted, or withdrawn by the unit. */
const NOT_REGISTERED: ReadonlySet<string> = new Set(['draft', 'withdrawn']);

/** The longest span the statistics cover in one call. */
export const MAX_YEARS = 20;

export type Breakdown<K extends string> = Record<K, number>;

export type FieldCount = { fieldId: number | null; code: string | null; name: string | null; count: number; previous: number; growth: number };
export type LevelCount = { kindId: number; code: string; name: string; count: number };
export type KindCount = { kindId: number | null; code: string | null; name: string | null; count: number };
export type UnitCount = { unitId: number; documentId: string; code: string | null; kind: string | null; name: string; count: number };

/** What the statistics cover: one year or a span of years, a unit's subtree or the province, some unit kinds or all. */
export type StatisticsScope = {
  year?: number;
  from?: number;
  to?: number;
  unitId?: number | null;
  /** Only models owned by units of these kinds (e.g. the commune/ward block). */
  kindCodes?: string[] | null;
};

export type InitiativeStatistics = {
  /** The last year covered (the year, for one year). */
  year: number;
  from: number;
  to: number;
  scope: { unitId: number | null; name: string | null; kinds: string[] | null };
  /** Registered initiatives: every state except draft and withdrawn. */
  total: number;
  /** The span of the same length just before (the year before, for one year). */
  previous: { year: number; from: number; to: number; total: number };
  growth: { absolute: number; percent: number | null };
  byYear: Array<{ year: number; total: number }>;
  byField: FieldCount[];
  bySubjectType: Breakdown<'collective' | 'individual'>;
  byOrigin: Breakdown<(typeof ORIGINS)[number]>;
  /** Recognised initiatives by the highest level that recognised them. */
  byRecognitionLevel: LevelCount[];
  /** Every state, draft and withdrawn included. */
  byState: Breakdown<ReviewState>;
  /** Registered initiatives by the kind of their owner unit. */
  byUnitKind: KindCount[];
  /**
   * Registered initiatives by unit, in the tree as it was in those years:
   * the scope's children then (without a scope, the top units valid then),
   * or the units later merged into the scope; the scope itself for its own.
   */
  byUnit: UnitCount[];
};

const rangeOf = ({ year, from, to }: StatisticsScope): YearRange => {
  if (from !== undefined && to !== undefined) return { from, to };
  if (year !== undefined) return { from: year, to: year };
  throw new Error('Statistics need a year or a span of years');
};

const yearsOf = ({ from, to }: YearRange) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/** The span of the same length just before. */
const previousOf = ({ from, to }: YearRange): YearRange => ({ from: from - (to - from + 1), to: from - 1 });

/** The owners whose models are counted: a unit's subtree (with the units merged into it), of some kinds; null for all. */
function ownersOf(graph: UnitGraph, unitId: number | null, kindCodes: string[] | null): number[] | null {
  if (unitId === null && !kindCodes) return null;
  const candidates = unitId !== null ? [...subtree(graph, unitId)] : [...graph.nodes.keys()];
  if (!kindCodes) return candidates;
  const kinds = new Set(kindCodes);
  return candidates.filter((id) => kinds.has(graph.nodes.get(id)?.kindCode ?? ''));
}

type Counts = {
  rows: MarginalRow[];
  positions: PositionRow[];
};

/**
 * The breakdowns and review positions of some years, from the pre-aggregated
 * cube (src/domain/initiative-cube.ts): aggregated by the database, about a
 * hundred rows back per year whatever the volume; no initiative is read.
 */
async function readCounts(
  strapi: Core.Strapi,
  range: YearRange,
  ownerIds: number[] | null,
  { current, previous, positions }: { current: readonly Marginal[]; previous: readonly Marginal[]; positions: boolean }
): Promise<Counts> {
  const read = (years: number[], only: readonly Marginal[]) =>
    only.length > 0 ? cubeMarginals(strapi, { years, ownerIds, notRegistered: [...NOT_REGISTERED], only }) : Promise.resolve([]);
  const [now, before, funnel] = await Promise.all([
    read(yearsOf(range), current),
    read(yearsOf(previousOf(range)), previous),
    positions ? cubePositions(strapi, { years: yearsOf(range), ownerIds }) : Promise.resolve([]),
  ]);
  return { rows: [...now, ...before], positions: funnel };
}

/** Registered (or, with `all`, every state's) counts of one breakdown over some years, by value. */
function countsOf(counts: Counts, range: YearRange, marginal: Marginal, { all = false } = {}): Map<string | number, number> {
  const map = new Map<string | number, number>();
  for (const row of counts.rows) {
    if (row.year < range.from || row.year > range.to || row.marginal !== marginal) continue;
    const count = all ? row.total : row.registered;
    if (count !== 0) map.set(row.value, (map.get(row.value) ?? 0) + count);
  }
  return map;
}

/** What the statistics of a span read (the span before: only the fields, for growth). */
const STATISTICS: readonly Marginal[] = ['field_id', 'subject_type', 'origin', 'review_state', 'level_id', 'owner_id'];

const emptyBreakdown = <K extends string>(keys: readonly K[]): Breakdown<K> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Breakdown<K>;

const sum = (map: Map<unknown, number>) => [...map.values()].reduce((total, count) => total + count, 0);

type Named = { id: number; code: string; name: string };
type Kind = Named & { tier: number };

/** The reference data statistics need: fields and unit kinds in display order, and each year's review chain. */
export type StatisticsReference = {
  fields: Named[];
  kinds: Kind[];
  /** Review chains by year (a plain object: callers memoise the reference as JSON). */
  chains: Record<string, Named[]>;
};

/** Reads the reference data (a few small queries; callers may memoise it until one of those types changes). */
export async function loadStatisticsReference(strapi: Core.Strapi, range: YearRange | number): Promise<StatisticsReference> {
  const { from, to } = typeof range === 'number' ? { from: range, to: range } : range;
  const [fields, kinds, periods] = await Promise.all([
    strapi.db.query('api::field.field').findMany({ select: ['id', 'code', 'name', 'order'], orderBy: [{ order: 'asc' }, { id: 'asc' }] }) as Promise<Named[]>,
    strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['id', 'code', 'name', 'tier'], orderBy: [{ tier: 'asc' }, { id: 'asc' }] }) as Promise<Kind[]>,
    strapi.db.query('api::period.period').findMany({
      where: { year: { $between: [from, to] } },
      select: ['year'],
      populate: { reviewChain: { populate: { unitKind: { select: ['id', 'code', 'name'] } } } },
    }) as Promise<Array<{ year: number; reviewChain: Array<{ unitKind: Named | null }> | null }>>,
  ]);
  const pick = ({ id, code, name }: Named): Named => ({ id, code, name });
  const chains = Object.fromEntries(periods.map((period) => [String(period.year), (period.reviewChain ?? []).flatMap((step) => (step.unitKind ? [pick(step.unitKind)] : []))]));
  return { fields: fields.map(pick), kinds: kinds.map((kind) => ({ ...pick(kind), tier: kind.tier ?? 0 })), chains };
}

/** Work already under way that a caller shares between the statistics and the funnel. */
type Shared = { graph?: UnitGraph; source?: Promise<Counts>; reference?: Promise<StatisticsReference> };

function fromCounts(
  counts: Counts,
  range: YearRange,
  { fields, kinds }: StatisticsReference,
  graph: UnitGraph,
  { unitId, kindCodes }: { unitId: number | null; kindCodes: string[] | null }
): InitiativeStatistics {
  const before = previousOf(range);
  const fieldNow = countsOf(counts, range, 'field_id');
  const fieldBefore = countsOf(counts, before, 'field_id');
  // Every registered initiative has exactly one field value (0: none), so the by-field breakdown sums to the totals.
  const total = sum(fieldNow);
  const previousTotal = sum(fieldBefore);

  const byYear = yearsOf(range).map((year) => ({ year, total: sum(countsOf(counts, { from: year, to: year }, 'field_id')) }));

  const byField: FieldCount[] = fields.map((field) => {
    const count = fieldNow.get(field.id) ?? 0;
    const previous = fieldBefore.get(field.id) ?? 0;
    return { fieldId: field.id, code: field.code, name: field.name, count, previous, growth: count - previous };
  });
  const unassigned = fieldNow.get(0) ?? 0;
  if (unassigned > 0 || (fieldBefore.get(0) ?? 0) > 0) {
    const previous = fieldBefore.get(0) ?? 0;
    byField.push({ fieldId: null, code: null, name: null, count: unassigned, previous, growth: unassigned - previous });
  }

  const fill = <K extends string>(keys: readonly K[], map: Map<string | number, number>) => {
    const breakdown = emptyBreakdown(keys);
    for (const key of keys) breakdown[key] = map.get(key) ?? 0;
    return breakdown;
  };
  const bySubjectType = fill(['collective', 'individual'] as const, countsOf(counts, range, 'subject_type'));
  const byOrigin = fill(ORIGINS, countsOf(counts, range, 'origin'));
  const byState = fill(REVIEW_STATES, countsOf(counts, range, 'review_state', { all: true }));

  const levelCounts = countsOf(counts, range, 'level_id');
  const byRecognitionLevel: LevelCount[] = kinds
    .filter((kind) => levelCounts.has(kind.id))
    .map((kind) => ({ kindId: kind.id, code: kind.code, name: kind.name, count: levelCounts.get(kind.id) ?? 0 }));

  const owners = countsOf(counts, range, 'owner_id');

  const kindTotals = new Map<string | null, number>();
  for (const [ownerId, count] of owners) {
    const code = Number(ownerId) === 0 ? null : graph.nodes.get(Number(ownerId))?.kindCode ?? null;
    kindTotals.set(code, (kindTotals.get(code) ?? 0) + count);
  }
  const byUnitKind: KindCount[] = kinds
    .filter((kind) => kindTotals.has(kind.code))
    .map((kind) => ({ kindId: kind.id, code: kind.code, name: kind.name, count: kindTotals.get(kind.code) ?? 0 }));
  if (kindTotals.has(null)) byUnitKind.push({ kindId: null, code: null, name: null, count: kindTotals.get(null) ?? 0 });

  // Without a scope, a province-wide tree breaks down by the children of its single top unit of the period.
  const topUnits = rootsInRange(graph, range);
  const breakdownScope = unitId ?? (topUnits.length === 1 ? topUnits[0] : null);
  const unitCounts = new Map<number, number>();
  for (const [ownerId, count] of owners) {
    if (Number(ownerId) === 0) continue;
    const target = rollUpAsRecorded(graph, Number(ownerId), breakdownScope) ?? breakdownScope;
    if (target !== null) unitCounts.set(target, (unitCounts.get(target) ?? 0) + count);
  }
  const byUnit: UnitCount[] = [...unitCounts.entries()]
    .map(([id, count]) => {
      const unit = graph.nodes.get(id);
      return { unitId: id, documentId: unit?.documentId ?? '', code: unit?.code ?? null, kind: unit?.kindCode ?? null, name: unit?.name ?? '', count };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));

  const scope = unitId !== null ? graph.nodes.get(unitId) ?? null : null;
  return {
    year: range.to,
    from: range.from,
    to: range.to,
    scope: { unitId, name: scope?.name ?? null, kinds: kindCodes },
    total,
    previous: { year: before.to, from: before.from, to: before.to, total: previousTotal },
    growth: {
      absolute: total - previousTotal,
      percent: previousTotal > 0 ? Math.round(((total - previousTotal) / previousTotal) * 1000) / 10 : null,
    },
    byYear,
    byField,
    bySubjectType,
    byOrigin,
    byRecognitionLevel,
    byState,
    byUnitKind,
    byUnit,
  };
}

/**
 * Statistics of a year or a span of years, for the whole province or a
 * unit's subtree (with the units merged into it), optionally only models
 * owned by units of some kinds. Units are broken down as the tree was then.
 */
export async function initiativeStatistics(strapi: Core.Strapi, query: StatisticsScope, shared: Shared = {}): Promise<InitiativeStatistics> {
  const range = rangeOf(query);
  const unitId = query.unitId ?? null;
  const kindCodes = query.kindCodes ?? null;
  const graph = shared.graph ?? (await loadUnitGraph(strapi));
  const [counts, reference] = await Promise.all([
    shared.source ?? readCounts(strapi, range, ownersOf(graph, unitId, kindCodes), { current: STATISTICS, previous: ['field_id'], positions: false }),
    shared.reference ?? loadStatisticsReference(strapi, range),
  ]);
  return fromCounts(counts, range, reference, graph, { unitId, kindCodes });
}

/** What happened to the models at one level of the review, as they stand now. */
export type FunnelStep = {
  code: string;
  name: string;
  /** Models that entered the level (their owner's first level, or proposed from below). */
  entered: number;
  /** Waiting for the level's review (submitted, or proposed from below and not yet started). */
  waiting: number;
  underReview: number;
  /** Recognised at this level, including those since proposed onward. */
  recognised: number;
  returned: number;
  notRecognised: number;
  /** Recognised here and proposed to the next level. */
  proposedOnward: number;
  withdrawn: number;
};
export type ReviewFunnel = { year: number; from: number; to: number; registered: number; levels: FunnelStep[] };

type Outcome = Exclude<keyof FunnelStep, 'code' | 'name' | 'entered' | 'proposedOnward'>;

const OUTCOME_OF_STATE: Record<string, Outcome | undefined> = {
  submitted: 'waiting',
  proposed: 'waiting',
  under_review: 'underReview',
  recognized: 'recognised',
  returned: 'returned',
  not_recognized: 'notRecognised',
  withdrawn: 'withdrawn',
};

/** The levels a model entered: its recorded path, or (written outside the review) its current or recognition level. */
const pathOf = (row: PositionRow): number[] => {
  if (row.path.length > 0) return row.path;
  if (row.reviewLevelId !== 0) return [row.reviewLevelId];
  return row.levelId !== 0 ? [row.levelId] : [];
};

/**
 * The review funnel, level by level, from where each model stands: a model
 * counts at each level it entered — recognised and proposed onward at every
 * level it has left, and under its current state at the level it is on. A
 * model enters at the first level above its owner, so a district-owned model
 * is never counted at commune level.
 */
function funnelOf(positions: PositionRow[], range: YearRange, { kinds, chains }: StatisticsReference): ReviewFunnel {
  const steps = new Map<number, FunnelStep>();
  const kindById = new Map(kinds.map((kind) => [kind.id, kind]));
  const step = (id: number): FunnelStep => {
    let found = steps.get(id);
    if (!found) {
      const kind = kindById.get(id);
      found = { code: kind?.code ?? '', name: kind?.name ?? '', entered: 0, waiting: 0, underReview: 0, recognised: 0, returned: 0, notRecognised: 0, proposedOnward: 0, withdrawn: 0 };
      steps.set(id, found);
    }
    return found;
  };
  let registered = 0;
  for (const row of positions) {
    if (!NOT_REGISTERED.has(row.state)) registered += row.count;
    const path = pathOf(row);
    for (const [index, levelId] of path.entries()) {
      const at = step(levelId);
      at.entered += row.count;
      if (index < path.length - 1) {
        at.recognised += row.count;
        at.proposedOnward += row.count;
      } else {
        const outcome = OUTCOME_OF_STATE[row.state];
        if (outcome) at[outcome] += row.count;
      }
    }
  }
  // Levels in review order: the latest year's chain, then any other level, lowest tier first.
  const order = new Map<number, number>();
  for (const year of yearsOf(range).reverse()) {
    for (const [index, level] of (chains[String(year)] ?? []).entries()) if (!order.has(level.id)) order.set(level.id, index);
  }
  const rank = (id: number) => order.get(id) ?? 1000 - (kindById.get(id)?.tier ?? 0);
  for (const id of order.keys()) step(id);
  const levels = [...steps.entries()].sort(([a], [b]) => rank(a) - rank(b)).map(([, value]) => value);
  return { year: range.to, from: range.from, to: range.to, registered, levels };
}

/** The review funnel of a year or span (see `funnelOf`), from the cube. */
export async function reviewFunnel(strapi: Core.Strapi, query: StatisticsScope, shared: Shared = {}): Promise<ReviewFunnel> {
  const range = rangeOf(query);
  const read = async () => {
    const graph = shared.graph ?? (await loadUnitGraph(strapi));
    return readCounts(strapi, range, ownersOf(graph, query.unitId ?? null, query.kindCodes ?? null), { current: [], previous: [], positions: true });
  };
  const [counts, reference] = await Promise.all([shared.source ?? read(), shared.reference ?? loadStatisticsReference(strapi, range)]);
  return funnelOf(counts.positions, range, reference);
}

/**
 * The statistics and the review funnel of a span together, as the public
 * statistics endpoint shows them: one read of the cube for both.
 */
export async function statisticsWithFunnel(
  strapi: Core.Strapi,
  query: StatisticsScope,
  /** The reference data, e.g. memoised by the caller (default: read now). */
  reference?: Promise<StatisticsReference>
): Promise<{ statistics: InitiativeStatistics; funnel: ReviewFunnel }> {
  const range = rangeOf(query);
  const graph = await loadUnitGraph(strapi);
  const owners = ownersOf(graph, query.unitId ?? null, query.kindCodes ?? null);
  const shared: Shared = {
    graph,
    source: readCounts(strapi, range, owners, { current: STATISTICS, previous: ['field_id'], positions: true }),
    reference: reference ?? loadStatisticsReference(strapi, range),
  };
  const [statistics, funnel] = await Promise.all([initiativeStatistics(strapi, query, shared), reviewFunnel(strapi, query, shared)]);
  return { statistics, funnel };
}

/** A unit that registered models itself (an owner), with its parent as recorded, for rankings. */
export type OwnerCount = { unitId: number; documentId: string; code: string | null; kind: string | null; name: string; parent: string | null; count: number };

/**
 * The units that registered the most models in a year or span (owners
 * themselves, at any depth of the scope), from the same cube and owner
 * filter as the statistics; ties by name.
 */
export async function topOwnerUnits(strapi: Core.Strapi, query: StatisticsScope, limit: number): Promise<OwnerCount[]> {
  const range = rangeOf(query);
  const graph = await loadUnitGraph(strapi);
  const counts = await readCounts(strapi, range, ownersOf(graph, query.unitId ?? null, query.kindCodes ?? null), {
    current: ['owner_id'],
    previous: [],
    positions: false,
  });
  return [...countsOf(counts, range, 'owner_id').entries()]
    .filter(([ownerId]) => Number(ownerId) !== 0 && graph.nodes.has(Number(ownerId)))
    .map(([ownerId, count]) => {
      const unit = graph.nodes.get(Number(ownerId)) as NonNullable<ReturnType<UnitGraph['nodes']['get']>>;
      const parent = unit.parentId !== null ? graph.nodes.get(unit.parentId)?.name ?? null : null;
      return { unitId: unit.id, documentId: unit.documentId, code: unit.code, kind: unit.kindCode, name: unit.name, parent, count };
    })
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'))
    .slice(0, limit);
}
