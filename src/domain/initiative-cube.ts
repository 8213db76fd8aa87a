/**
 * Pre-aggregated counts of initiatives (the "cube"): one row per combination
 * of period, owner unit, field, subject type, origin, review state,
 * recognition level and review level, with how many initiatives have it.
 *
 * Statistics and the review funnel read this small table (a few thousand
 * rows a year) instead of aggregating every initiative with five joins on
 * each request. It is kept exact by applying, inside the writing
 * transaction, the difference between an initiative's dimensions before and
 * after every write through Strapi's query engine (the document service, the
 * review engine and the Content Manager all go through it), and checked
 * against the initiatives (only differing rows corrected) at start-up and
 * whenever something outside the initiative rows can change it (a period,
 * unit, field or unit kind is deleted). The tables are created by a
 * migration (database/migrations/2026.12.02T00.00.03.initiative-cube.ts).
 *
 * Missing relations are stored as 0 and missing texts as '' so that the
 * unique key works the same on PostgreSQL and SQLite (NULLs are distinct).
 */

import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { tableOf } from './sql';

export const CUBE_TABLE = 'dvk_initiative_counts';
/** The same counts without the owner: a tenth of the rows, for province-wide statistics. */
export const PROVINCE_CUBE_TABLE = 'dvk_initiative_counts_province';

const INITIATIVE = 'api::initiative.initiative';

/** Models whose deletion detaches initiatives from them behind the initiative rows' back. */
const REFERENCED = ['api::period.period', 'api::unit.unit', 'api::field.field', 'api::unit-kind.unit-kind'];

export const CUBE_DIMENSIONS = ['period_id', 'owner_id', 'field_id', 'subject_type', 'origin', 'review_state', 'level_id', 'review_level_id', 'review_path'] as const;

type Dimension = (typeof CUBE_DIMENSIONS)[number];

/** Both cubes, in the order writers lock them (always the same: no deadlock). */
const CUBES: ReadonlyArray<{ table: string; dimensions: readonly Dimension[] }> = [
  { table: CUBE_TABLE, dimensions: CUBE_DIMENSIONS },
  { table: PROVINCE_CUBE_TABLE, dimensions: CUBE_DIMENSIONS.filter((dimension) => dimension !== 'owner_id') },
];

export type CubeKey = {
  period_id: number;
  owner_id: number;
  field_id: number;
  subject_type: string;
  origin: string;
  review_state: string;
  level_id: number;
  review_level_id: number;
  /** The levels (unit kind ids) the model entered, in order, comma-separated: what the funnel reads. */
  review_path: string;
};

type Fact = CubeKey & { id: number };

const keyString = (key: CubeKey, dimensions: readonly Dimension[] = CUBE_DIMENSIONS) => dimensions.map((dimension) => key[dimension]).join('\u0001');

const normalise = (row: Record<string, unknown>): Fact => ({
  id: Number(row.id),
  period_id: Number(row.period_id ?? 0),
  owner_id: Number(row.owner_id ?? 0),
  field_id: Number(row.field_id ?? 0),
  subject_type: String(row.subject_type ?? ''),
  origin: String(row.origin ?? ''),
  review_state: String(row.review_state ?? ''),
  level_id: Number(row.level_id ?? 0),
  review_level_id: Number(row.review_level_id ?? 0),
  review_path: String(row.review_path ?? ''),
});

/** One row per initiative: its id and its cube dimensions (missing relations 0, missing texts ''). */
function factsQuery(strapi: Core.Strapi, db: Knex) {
  const initiative = tableOf(strapi, INITIATIVE);
  const query = db({ i: initiative.name });
  const link = (alias: string, attribute: string) => {
    const { table, owner, target } = initiative.link(attribute);
    query.leftJoin({ [alias]: table }, `${alias}.${owner}`, 'i.id');
    return `${alias}.${target}`;
  };
  const number = (column: string, alias: string) => db.raw('coalesce(??, 0) as ??', [column, alias]);
  const text = (attribute: string, alias: string) => db.raw("coalesce(??, '') as ??", [`i.${initiative.column(attribute)}`, alias]);
  // In CUBE_DIMENSIONS order, which is also the table's column order.
  return query.select(
    'i.id',
    number(link('pl', 'period'), 'period_id'),
    number(link('ou', 'ownerUnit'), 'owner_id'),
    number(link('fl', 'field'), 'field_id'),
    text('subjectType', 'subject_type'),
    text('origin', 'origin'),
    text('reviewState', 'review_state'),
    number(link('rl', 'recognitionLevel'), 'level_id'),
    number(link('rv', 'reviewLevel'), 'review_level_id'),
    text('reviewPath', 'review_path')
  );
}

/** A cube as a live aggregate of the initiatives (columns in table order). */
const liveCube = (strapi: Core.Strapi, db: Knex, dimensions: readonly Dimension[]) =>
  db
    .from(factsQuery(strapi, db).as('f'))
    .select(...dimensions)
    .count({ n: '*' })
    .groupBy(...dimensions);

type Counted = { key: CubeKey; n: number };

/**
 * Compares the stored cubes with a live count of the initiatives and
 * corrects only the rows that differ, without blocking writers.
 *
 * Both sides are read in one snapshot (REPEATABLE READ on PostgreSQL; SQLite
 * reads in one transaction), so a write committed meanwhile is either in
 * both or in neither. The corrections are then added to the stored counts
 * (`n = n + difference`), which commutes with the writers' own additions:
 * a write committed after the snapshot was not counted on either side and
 * keeps its own effect. Only the corrected rows are locked, briefly; no
 * table lock. Rows left at zero are removed.
 */
export async function repairCube(strapi: Core.Strapi): Promise<{ corrected: number }> {
  const corrections: Array<{ table: string; dimensions: readonly Dimension[]; key: CubeKey; delta: number }> = [];
  const compare = async (db: Knex) => {
    for (const { table, dimensions } of CUBES) {
      const { stored, live } = await readBoth(strapi, db, table, dimensions);
      for (const [name, { key, n }] of live) {
        const delta = n - (stored.get(name)?.n ?? 0);
        if (delta !== 0) corrections.push({ table, dimensions, key, delta });
      }
      for (const [name, { key, n }] of stored) if (!live.has(name)) corrections.push({ table, dimensions, key, delta: -n });
    }
  };
  const inside = strapi.db.inTransaction();
  if (inside) {
    // Within a larger write (a referenced row's deletion): that transaction's own view is the truth.
    await strapi.db.transaction(async ({ trx }) => compare(trx as unknown as Knex));
  } else if (strapi.db.dialect.client === 'postgres') {
    await strapi.db.connection.transaction(async (trx) => {
      await trx.raw('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      await compare(trx);
    });
  } else {
    await strapi.db.connection.transaction(async (trx) => compare(trx));
  }
  if (corrections.length > 0) {
    await strapi.db.transaction(async ({ trx }) => {
      const db = trx as unknown as Knex;
      const ordered = corrections
        .map((correction) => ({ ...correction, order: `${correction.table}\u0002${keyString(correction.key, correction.dimensions)}` }))
        .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
      for (const { table, dimensions, key, delta } of ordered) {
        await db(table)
          .insert({ ...Object.fromEntries(dimensions.map((dimension) => [dimension, key[dimension]])), n: delta })
          .onConflict([...dimensions])
          .merge({ n: db.raw('??.?? + ?', [table, 'n', delta]) });
      }
      for (const { table } of CUBES) await db(table).where('n', 0).delete();
    });
    // VACUUM cannot run inside a transaction, and ANALYZE on another connection would wait for its lock.
    if (strapi.db.dialect.client === 'postgres' && !inside) {
      for (const { table } of CUBES) await strapi.db.connection.raw(`ANALYZE ${table}`);
    }
  }
  return { corrected: corrections.length };
}

/** A stored cube and a live aggregate of the initiatives, keyed alike (rows counting 0 left out). */
async function readBoth(
  strapi: Core.Strapi,
  db: Knex,
  table: string,
  dimensions: readonly Dimension[]
): Promise<{ stored: Map<string, Counted>; live: Map<string, Counted> }> {
  const toMap = (rows: Array<Record<string, unknown>>) => {
    const map = new Map<string, Counted>();
    for (const row of rows) {
      const n = Number(row.n);
      const { id: _id, ...key } = normalise({ ...row, id: 0 });
      if (n !== 0) map.set(keyString(key, dimensions), { key, n });
    }
    return map;
  };
  // One after the other: a transaction holds a single connection.
  const stored = (await db(table).select('*')) as Array<Record<string, unknown>>;
  const live = (await liveCube(strapi, db, dimensions)) as Array<Record<string, unknown>>;
  return { stored: toMap(stored), live: toMap(live) };
}

/** The dimensions of the given initiatives, locked until the transaction ends on PostgreSQL. */
async function factsOf(strapi: Core.Strapi, db: Knex, ids: number[]): Promise<Fact[]> {
  if (ids.length === 0) return [];
  if (strapi.db.dialect.client === 'postgres') {
    // Lock first, then read in a second statement: under READ COMMITTED a statement that waited for a
    // row lock still sees the joined link rows as they were when it started (a concurrent writer's
    // committed change would be missed and counted twice).
    await db(tableOf(strapi, INITIATIVE).name).whereIn('id', ids).orderBy('id').forUpdate().select('id');
  }
  return ((await factsQuery(strapi, db).whereIn('i.id', ids)) as Array<Record<string, unknown>>).map(normalise);
}

/** Adds `after` and removes `before` from both cubes, in a deterministic order (no deadlock between writers). */
async function applyDifference(db: Knex, before: Fact[], after: Fact[]): Promise<void> {
  for (const { table, dimensions } of CUBES) {
    const deltas = new Map<string, { key: Partial<CubeKey>; delta: number }>();
    const add = (fact: Fact, delta: number) => {
      const name = keyString(fact, dimensions);
      const entry = deltas.get(name) ?? { key: Object.fromEntries(dimensions.map((dimension) => [dimension, fact[dimension]])), delta: 0 };
      entry.delta += delta;
      deltas.set(name, entry);
    };
    for (const fact of before) add(fact, -1);
    for (const fact of after) add(fact, 1);
    const changes = [...deltas.entries()].filter(([, { delta }]) => delta !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // One statement per 200 cells, in key order (two writers lock the rows in the same order).
    for (let start = 0; start < changes.length; start += 200) {
      await db(table)
        .insert(changes.slice(start, start + 200).map(([, { key, delta }]) => ({ ...key, n: delta })))
        .onConflict([...dimensions])
        .merge({ n: db.raw('??.?? + excluded.n', [table, 'n']) });
    }
  }
}

type LifecycleEvent = {
  params: { where?: Record<string, unknown> };
  result?: unknown;
  state: Record<string, unknown>;
};

const idsOfResult = (result: unknown): number[] => {
  if (result && typeof result === 'object') {
    if ('id' in result && typeof (result as { id: unknown }).id === 'number') return [(result as { id: number }).id];
    if ('ids' in result && Array.isArray((result as { ids: unknown }).ids)) return (result as { ids: unknown[] }).ids.map(Number);
  }
  return [];
};

/**
 * Counts models that a bulk write (the XLSX import) inserted with SQL, below
 * the query engine so no lifecycle saw them, inside the caller's transaction:
 * one difference for all of them. New models had no dimensions before.
 */
export async function countInserted(strapi: Core.Strapi, ids: number[]): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const db = trx as unknown as Knex;
    const after: Fact[] = [];
    for (let start = 0; start < ids.length; start += 500) after.push(...(await factsOf(strapi, db, ids.slice(start, start + 500))));
    await applyDifference(db, [], after);
  });
}

/**
 * Keeps the cube in step with every write to initiatives through the query
 * engine, and recounts it when a referenced row is deleted.
 */
export function trackCube(strapi: Core.Strapi): void {
  const matchingIds = async (where: Record<string, unknown> | undefined) =>
    ((await strapi.db.query(INITIATIVE as never).findMany({ where: where ?? {}, select: ['id'] })) as Array<{ id: number }>).map((row) => row.id);

  const captureBefore = async (event: LifecycleEvent) => {
    await strapi.db.transaction(async ({ trx }) => {
      const ids = await matchingIds(event.params.where);
      event.state.cubeIds = ids;
      event.state.cubeBefore = await factsOf(strapi, trx as unknown as Knex, ids);
    });
  };
  const applyAfter = async (event: LifecycleEvent, { deleted = false } = {}) => {
    await strapi.db.transaction(async ({ trx }) => {
      const db = trx as unknown as Knex;
      const before = (event.state.cubeBefore as Fact[] | undefined) ?? [];
      const ids = (event.state.cubeIds as number[] | undefined) ?? idsOfResult(event.result);
      const after = deleted ? [] : await factsOf(strapi, db, ids);
      await applyDifference(db, before, after);
    });
  };

  const before = (event: LifecycleEvent) => captureBefore(event);
  const after = (event: LifecycleEvent) => applyAfter(event);
  const afterDeleting = (event: LifecycleEvent) => applyAfter(event, { deleted: true });
  strapi.db.lifecycles.subscribe({
    models: [INITIATIVE],
    afterCreate: after,
    afterCreateMany: after,
    beforeUpdate: before,
    afterUpdate: after,
    beforeUpdateMany: before,
    afterUpdateMany: after,
    beforeDelete: before,
    afterDelete: afterDeleting,
    beforeDeleteMany: before,
    afterDeleteMany: afterDeleting,
  } as never);

  const recount = () => repairCube(strapi);
  strapi.db.lifecycles.subscribe({ models: REFERENCED, afterDelete: recount, afterDeleteMany: recount } as never);
}

/** A breakdown the statistics read: counts by one dimension per year. */
export type Marginal = 'field_id' | 'subject_type' | 'origin' | 'review_state' | 'level_id' | 'owner_id';

export type MarginalRow = {
  year: number;
  marginal: Marginal;
  /** The dimension's value. */
  value: string | number;
  /** Initiatives in every state. */
  total: number;
  /** Initiatives registered: every state except those in `notRegistered`. */
  registered: number;
};

const MARGINALS: ReadonlyArray<{ marginal: Marginal; columns: string[] }> = [
  { marginal: 'field_id', columns: ['field_id'] },
  { marginal: 'subject_type', columns: ['subject_type'] },
  { marginal: 'origin', columns: ['origin'] },
  { marginal: 'review_state', columns: ['review_state'] },
  { marginal: 'level_id', columns: ['level_id'] },
  { marginal: 'owner_id', columns: ['owner_id'] },
];

/**
 * Every breakdown of the given years in one query, aggregated by the
 * database so only about a hundred rows come back whatever the volume:
 * GROUPING SETS on PostgreSQL, a UNION ALL of the same groupings on SQLite.
 * Restricted to owners in `ownerIds` when given.
 */
export async function cubeMarginals(
  strapi: Core.Strapi,
  {
    years,
    ownerIds,
    notRegistered,
    only,
  }: { years: number[]; ownerIds: number[] | null; notRegistered: readonly string[]; /** Default: every breakdown. */ only?: readonly Marginal[] }
): Promise<MarginalRow[]> {
  const marginals = only ? MARGINALS.filter((entry) => only.includes(entry.marginal)) : MARGINALS;
  if (ownerIds) return marginalsFrom(strapi, CUBE_TABLE, marginals, { years, ownerIds, notRegistered });
  // Province-wide: everything but the owners from the small owner-less cube, the owners from the full one.
  const byOwner = marginals.filter((entry) => entry.marginal === 'owner_id');
  const others = marginals.filter((entry) => entry.marginal !== 'owner_id');
  const parts = await Promise.all([
    others.length > 0 ? marginalsFrom(strapi, PROVINCE_CUBE_TABLE, others, { years, ownerIds, notRegistered }) : [],
    byOwner.length > 0 ? marginalsFrom(strapi, CUBE_TABLE, byOwner, { years, ownerIds, notRegistered }) : [],
  ]);
  return parts.flat();
}

async function marginalsFrom(
  strapi: Core.Strapi,
  table: string,
  marginals: ReadonlyArray<{ marginal: Marginal; columns: string[] }>,
  { years, ownerIds, notRegistered }: { years: number[]; ownerIds: number[] | null; notRegistered: readonly string[] }
): Promise<MarginalRow[]> {
  const knex = strapi.db.connection;
  const period = tableOf(strapi, 'api::period.period');
  const yearColumn = `p.${period.column('year')}`;
  const states = notRegistered.length > 0 ? notRegistered : [''];
  const registered = knex.raw(`sum(case when c.review_state in (${states.map(() => '?').join(', ')}) then 0 else c.n end) as registered`, [...states]);
  const base = () => {
    const query = knex({ c: table }).join({ p: period.name }, 'p.id', 'c.period_id').whereIn(yearColumn, years).where('c.n', '<>', 0);
    if (ownerIds) query.whereIn('c.owner_id', ownerIds);
    return query;
  };
  type Raw = Record<string, unknown>;
  let rows: Raw[];
  if (strapi.db.dialect.client === 'postgres') {
    const columns = [...new Set(marginals.flatMap((entry) => entry.columns))];
    // GROUPING(columns...) is a bit mask of the columns a row is *not* grouped by (first column = highest bit): one value per set.
    const maskOf = (grouped: string[]) => columns.reduce((mask, column, index) => (grouped.includes(column) ? mask : mask | (1 << (columns.length - 1 - index))), 0);
    const byMask = new Map(marginals.map((entry) => [maskOf(entry.columns), entry.marginal]));
    const sets = marginals.map((entry) => `(${['??', ...entry.columns.map(() => '??')].join(', ')})`).join(', ');
    const setBindings = marginals.flatMap((entry) => [yearColumn, ...entry.columns.map((column) => `c.${column}`)]);
    const grouped = (await base()
      .select({ year: yearColumn }, ...columns.map((column) => `c.${column}`))
      .select(knex.raw('sum(c.n) as total'), registered)
      .select(knex.raw(`grouping(${columns.map(() => '??').join(', ')}) as mask`, columns.map((column) => `c.${column}`)))
      .groupByRaw(`grouping sets (${sets})`, setBindings)) as Raw[];
    rows = grouped.map((row) => ({ ...row, marginal: byMask.get(Number(row.mask)) }));
  } else {
    const branches = marginals.map((entry) =>
      base()
        .select({ year: yearColumn }, knex.raw('? as marginal', [entry.marginal]))
        .select(knex.raw('?? as value', [`c.${entry.columns[0]}`]))
        .select(knex.raw('sum(c.n) as total'), registered)
        .groupBy(yearColumn, ...entry.columns.map((column) => `c.${column}`))
    );
    // SQLite takes no parentheses around the members of a compound select, so each grouped branch is a subquery.
    const [first, ...others] = branches.map((branch, index) => knex.select('*').from(branch.as(`b${index}`)));
    rows = (await first.unionAll(others, false)) as Raw[];
  }
  return rows.map((row) => {
    const marginal = row.marginal as Marginal;
    const entry = marginals.find((candidate) => candidate.marginal === marginal);
    const first = entry ? entry.columns[0] : '';
    const value = 'value' in row ? row.value : row[first];
    const numeric = marginal !== 'subject_type' && marginal !== 'origin' && marginal !== 'review_state';
    return {
      year: Number(row.year),
      marginal,
      value: numeric ? Number(value ?? 0) : String(value ?? ''),
      total: Number(row.total),
      registered: Number(row.registered),
    };
  });
}

/** Where the models of a year stand in their review: the funnel's input. */
export type PositionRow = {
  year: number;
  /** Unit kind ids of the levels entered, in order ('' when not recorded: models written outside the review). */
  path: number[];
  state: string;
  reviewLevelId: number;
  levelId: number;
  count: number;
};

/** Counts by year and review position (path, state, current and recognition level), from the cube. */
export async function cubePositions(strapi: Core.Strapi, { years, ownerIds }: { years: number[]; ownerIds: number[] | null }): Promise<PositionRow[]> {
  const knex = strapi.db.connection;
  const period = tableOf(strapi, 'api::period.period');
  const yearColumn = `p.${period.column('year')}`;
  const query = knex({ c: ownerIds ? CUBE_TABLE : PROVINCE_CUBE_TABLE })
    .join({ p: period.name }, 'p.id', 'c.period_id')
    .whereIn(yearColumn, years)
    .where('c.n', '<>', 0)
    .select({ year: yearColumn, path: 'c.review_path', state: 'c.review_state', reviewLevelId: 'c.review_level_id', levelId: 'c.level_id' })
    .sum({ count: 'c.n' })
    .groupBy(yearColumn, 'c.review_path', 'c.review_state', 'c.review_level_id', 'c.level_id');
  if (ownerIds) query.whereIn('c.owner_id', ownerIds);
  return ((await query) as Array<Record<string, unknown>>).map((row) => ({
    year: Number(row.year),
    path: String(row.path ?? '')
      .split(',')
      .filter(Boolean)
      .map(Number),
    state: String(row.state),
    reviewLevelId: Number(row.reviewLevelId ?? 0),
    levelId: Number(row.levelId ?? 0),
    count: Number(row.count),
  }));
}

/** Both cubes as stored and as a live aggregate would count them (keys prefixed by table): for consistency checks. */
export async function compareCube(strapi: Core.Strapi): Promise<{ stored: Map<string, number>; live: Map<string, number> }> {
  const stored = new Map<string, number>();
  const live = new Map<string, number>();
  for (const { table, dimensions } of CUBES) {
    const both = await readBoth(strapi, strapi.db.connection, table, dimensions);
    for (const [key, { n }] of both.stored) stored.set(`${table}:${key}`, n);
    for (const [key, { n }] of both.live) live.set(`${table}:${key}`, n);
  }
  return { stored, live };
}
