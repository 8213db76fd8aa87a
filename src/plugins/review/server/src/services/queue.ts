/**
 * The reviewer's queue ("Hồ sơ cần xét"): in-scope models by tab, with the
 * count of every tab, filters, sorting and server-side paging; the choices
 * its filters offer; and the leadership's batch candidates and past decisions.
 *
 * The queue reads with two SQL statements: one grouped count of every state
 * under the scope and filters (the tab counts and the total), and one page
 * of ids in the chosen order over the initiatives table and its link tables
 * (names from Strapi's metadata); the page's rows are then loaded with their
 * relations through the query engine. The scope is scopeWhere's rule
 * (services/scope.ts) in SQL: owner below the reviewer's unit, current level
 * theirs; the API tests check both give the same models.
 *
 * Without a text filter the counts come from the statistics cube
 * (`dvk_initiative_counts`, src/domain/initiative-cube.ts), which holds how
 * many models share each owner, review level, period, field, subject type,
 * origin and state, and is kept exact inside every write transaction: a few
 * hundred rows summed instead of every model in scope. The text filter is
 * not a cube dimension: with text, counts and page come from the queue's
 * narrow rows (`dvk_initiative_queue`, migration
 * 2026.12.02T00.00.05.review-queue-index, kept in step by triggers), whose
 * words are found through a full-text index: every word of the filter must
 * be a word of the model's text, the last one possibly a word's beginning
 * (as while typing), exactly as the public search matches.
 */
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';

import { QUEUE_TABS, STATES, type QueueTab, type State } from '../../../shared/workflow';
import { ASSESSMENT, DECISION, INITIATIVE } from './model';
import { unitService, type Actor } from './scope';

export const QUEUE_SORTS = ['updatedAt', 'createdAt', 'title', 'reviewState', 'subjectType'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export type QueueQuery = {
  tab: QueueTab;
  /** One state instead of a tab (kept for API clients). */
  state?: State;
  period?: number;
  field?: number;
  subjectType?: 'collective' | 'individual';
  origin?: 'new' | 'replicated' | 'continuing';
  /** A unit: models owned by it or any unit below it. */
  unit?: number;
  /** Free text, matched without diacritics. */
  q?: string;
  sort: QueueSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

/** The statistics cube's table (src/domain/initiative-cube.ts); a missing relation is stored there as 0. */
const CUBE_TABLE = 'dvk_initiative_counts';
/** The queue's narrow rows and, on SQLite, their FTS5 table (migration 2026.12.02T00.00.05.review-queue-index). */
const QUEUE_TABLE = 'dvk_initiative_queue';
const QUEUE_FTS = 'dvk_initiatives_fts';
/** At most this many words of a text filter are used (as in the public search). */
const MAX_TERMS = 8;

type Filters = Pick<QueueQuery, 'period' | 'field' | 'subjectType' | 'origin' | 'unit' | 'q'>;

const intersect = (a: number[], b: number[]) => {
  const set = new Set(b);
  return a.filter((id) => set.has(id));
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Lowercase, no diacritics, đ → d, one space between words: the form `searchText` is stored in (src/domain/text.ts). */
export const normalizeQuery = (input: string) =>
  input
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The distinct words of a text filter, at most MAX_TERMS. */
const termsOf = (input: string | undefined): string[] => [...new Set(normalizeQuery(input ?? '').split(' ').filter(Boolean))].slice(0, MAX_TERMS);

/** The last word (two letters or more) may be the beginning of a word; the others are whole words. */
const isPrefix = (terms: string[], index: number) => index === terms.length - 1 && terms[index].length > 1;

const LIST_SELECT = ['documentId', 'title', 'slug', 'subjectType', 'origin', 'reviewState', 'version', 'recognizedAt', 'createdAt', 'updatedAt'];
const LIST_POPULATE = {
  ownerUnit: { select: ['id', 'name'] },
  field: { select: ['id', 'name'] },
  period: { select: ['id', 'year', 'name'] },
  reviewLevel: { select: ['id', 'code', 'name'] },
  recognitionLevel: { select: ['id', 'code', 'name'] },
};

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
type Meta = { tableName: string; attributes: Record<string, { columnName?: string; joinTable?: JoinTable }> };

export type TabCounts = Record<QueueTab, number>;

type Relation = { id: number; name: string } | null;
/** A model of the queue as the export reads it (LIST_SELECT with LIST_POPULATE). */
export type QueueExportRow = {
  id: number;
  documentId: string;
  title: string;
  subjectType: string | null;
  origin: string | null;
  reviewState: string;
  recognizedAt: string | null;
  createdAt: string;
  updatedAt: string;
  ownerUnit: Relation;
  field: Relation;
  period: (Relation & { year: number }) | null;
  reviewLevel: (Relation & { code: string }) | null;
  recognitionLevel: (Relation & { code: string }) | null;
};

const queue = ({ strapi }: { strapi: Core.Strapi }) => {
  const meta = () => strapi.db.metadata.get(INITIATIVE) as unknown as Meta;
  const column = (attribute: string) => {
    const name = meta().attributes[attribute]?.columnName;
    if (!name) throw new Error(`${INITIATIVE}.${attribute} has no column`);
    return name;
  };
  const link = (attribute: string) => {
    const join = meta().attributes[attribute]?.joinTable;
    if (!join) throw new Error(`${INITIATIVE}.${attribute} has no link table`);
    return { table: join.name, owner: join.joinColumn.name, target: join.inverseJoinColumn.name };
  };

  /**
   * The initiatives in the actor's scope that pass the filters, as a knex
   * query on `i` (no select yet). Relations are matched on their link tables.
   * Wrapped in an object: a knex builder is thenable, so awaiting it would run it.
   */
  /** The owners whose models are in the actor's scope under the unit filter. */
  async function scopeOwners(actor: Actor, query: Filters): Promise<number[]> {
    const below = (await unitService(strapi).subtreeIds(actor.unitId)).filter((id) => id !== actor.unitId);
    return query.unit === undefined ? below : intersect(below, await unitService(strapi).subtreeIds(query.unit));
  }

  /**
   * The initiatives in the actor's scope that pass the filters, as a knex query (no select yet):
   * without text over the initiatives (`i`) and their link tables; with text over the queue's
   * narrow rows (`q`). `id` and `column` name the model's id and columns in it.
   * Wrapped in an object: a knex builder is thenable, so awaiting it would run it.
   */
  async function scoped(
    actor: Actor,
    query: Filters
  ): Promise<{ sql: Knex.QueryBuilder; id: string; column: (attribute: string) => string; run: <T>(builder: Knex.QueryBuilder) => Promise<T> }> {
    const owners = await scopeOwners(actor, query);
    const knex = strapi.db.connection;
    const terms = termsOf(query.q);
    if (terms.length > 0) {
      const builder = knex({ q: QUEUE_TABLE })
        .where('q.review_level_id', actor.levelId ?? -1)
        .whereIn('q.owner_id', owners.length > 0 ? owners : [-1]);
      if (query.period !== undefined) builder.where('q.period_id', query.period);
      if (query.field !== undefined) builder.where('q.field_id', query.field);
      if (query.subjectType) builder.where('q.subject_type', query.subjectType);
      if (query.origin) builder.where('q.origin', query.origin);
      if (strapi.db.dialect.client === 'postgres') {
        builder.whereRaw(`q.tsv @@ to_tsquery('simple', ?)`, [terms.map((term, index) => (isPrefix(terms, index) ? `${term}:*` : term)).join(' & ')]);
      } else {
        const match = terms.map((term, index) => `"${term}"${isPrefix(terms, index) ? '*' : ''}`).join(' AND ');
        builder.whereIn('q.initiative_id', knex(QUEUE_FTS).select('rowid').whereRaw(`${QUEUE_FTS} MATCH ?`, [match]));
      }
      // The queue rows carry the initiatives' own column names.
      return { sql: builder, id: 'q.initiative_id', column: (attribute) => `q.${column(attribute)}`, run: readMatches };
    }
    const owner = link('ownerUnit');
    const level = link('reviewLevel');
    const builder = knex({ i: meta().tableName })
      .join({ o: owner.table }, `o.${owner.owner}`, 'i.id')
      .join({ l: level.table }, `l.${level.owner}`, 'i.id')
      .where(`l.${level.target}`, actor.levelId ?? -1)
      .whereIn(`o.${owner.target}`, owners.length > 0 ? owners : [-1]);
    const related = (attribute: string, alias: string, id: number) => {
      const join = link(attribute);
      builder.join({ [alias]: join.table }, `${alias}.${join.owner}`, 'i.id').where(`${alias}.${join.target}`, id);
    };
    if (query.period !== undefined) related('period', 'p', query.period);
    if (query.field !== undefined) related('field', 'f', query.field);
    if (query.subjectType) builder.where(`i.${column('subjectType')}`, query.subjectType);
    if (query.origin) builder.where(`i.${column('origin')}`, query.origin);
    return { sql: builder, id: 'i.id', column: (attribute) => `i.${column(attribute)}`, run: async <T>(query: Knex.QueryBuilder) => (await query) as T };
  }

  /**
   * Runs a query over the queue rows' words. PostgreSQL estimates a common word's index lookup as
   * dearer than reading every row and testing its words (kept out of line): ten times slower. As
   * in the public search, sequential reads and parallel workers are turned off for this
   * transaction only.
   */
  async function readMatches<T>(query: Knex.QueryBuilder): Promise<T> {
    if (strapi.db.dialect.client !== 'postgres') return (await query) as T;
    return strapi.db.connection.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0');
      return (await query.transacting(trx)) as T;
    });
  }

  /** How many models each state holds in the scope under the filters, in one grouped query. */
  async function countByState(actor: Actor, query: Filters): Promise<Map<string, number>> {
    if (termsOf(query.q).length === 0) return cubeCountByState(actor, query);
    return sqlCountByState(actor, query);
  }

  /** countByState without a text filter, summed from the statistics cube. */
  async function cubeCountByState(actor: Actor, query: Filters): Promise<Map<string, number>> {
    const owners = await scopeOwners(actor, query);
    const builder = strapi.db
      .connection(CUBE_TABLE)
      .where('review_level_id', actor.levelId ?? -1)
      .whereIn('owner_id', owners.length > 0 ? owners : [-1]);
    if (query.period !== undefined) builder.where('period_id', query.period);
    if (query.field !== undefined) builder.where('field_id', query.field);
    if (query.subjectType) builder.where('subject_type', query.subjectType);
    if (query.origin) builder.where('origin', query.origin);
    const rows = (await builder.select({ state: 'review_state' }).sum({ n: 'n' }).groupBy('review_state')) as Array<{ state: string; n: number | string | null }>;
    return new Map(rows.map((row) => [row.state, Number(row.n ?? 0)]));
  }

  /** countByState over the models (with text, their queue rows): the only way with a text filter. */
  async function sqlCountByState(actor: Actor, query: Filters): Promise<Map<string, number>> {
    const scope = await scoped(actor, query);
    const state = scope.column('reviewState');
    const rows = await scope.run<Array<{ state: string; n: number | string }>>(scope.sql.select({ state }).count({ n: '*' }).groupBy(state));
    return new Map(rows.map((row) => [row.state, Number(row.n)]));
  }

  const tabCounts = (byState: Map<string, number>): TabCounts => {
    const counts = {} as TabCounts;
    for (const [tab, states] of Object.entries(QUEUE_TABS) as Array<[QueueTab, readonly State[]]>) {
      counts[tab] = states.reduce((sum, state) => sum + (byState.get(state) ?? 0), 0);
    }
    return counts;
  };

  return {
    /**
     * How many models each state holds in the scope under the filters: from the cube
     * when it can answer (no text filter), else from the models; `source` forces one.
     */
    async stateCounts(actor: Actor, query: Filters, source?: 'cube' | 'models'): Promise<Map<string, number>> {
      if (source === 'cube') return cubeCountByState(actor, query);
      if (source === 'models') return sqlCountByState(actor, query);
      return countByState(actor, query);
    },

    async list(actor: Actor, query: QueueQuery) {
      const states: readonly State[] = query.state ? [query.state] : QUEUE_TABS[query.tab];
      const pageIds = async () => {
        const scope = await scoped(actor, query);
        const builder = scope.sql;
        if (states.length !== STATES.length) builder.whereIn(scope.column('reviewState'), [...states]);
        const rows = await scope.run<Array<{ id: number }>>(
          builder
            .select({ id: scope.id })
            .orderBy([
              { column: scope.column(query.sort), order: query.order },
              { column: scope.id, order: query.order },
            ])
            .offset((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
        );
        return rows.map((row) => row.id);
      };
      const [byState, ids] = await Promise.all([countByState(actor, query), pageIds()]);
      const loaded = ids.length
        ? ((await strapi.db.query(INITIATIVE).findMany({ where: { id: { $in: ids } }, select: ['id', ...LIST_SELECT], populate: LIST_POPULATE })) as Array<{
            id: number;
          }>)
        : [];
      const byId = new Map(loaded.map((row) => [row.id, row]));
      const results = ids.flatMap((id) => byId.get(id) ?? []);
      const total = states.reduce((sum, state) => sum + (byState.get(state) ?? 0), 0);
      return {
        results,
        counts: tabCounts(byState),
        pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
      };
    },

    /**
     * Every model of a tab under the filters, in the queue's order, a page of
     * rows at a time (for the export): keyset pages on (sort column, id), so
     * each page costs the same however deep, and only one page is in memory.
     */
    async *exportPages(actor: Actor, query: Omit<QueueQuery, 'page' | 'pageSize'>, pageSize = 1000): AsyncGenerator<QueueExportRow[]> {
      const states: readonly State[] = query.state ? [query.state] : QUEUE_TABS[query.tab];
      const knex = strapi.db.connection;
      let cursor: { value: unknown; id: number } | null = null;
      for (;;) {
        const scope = await scoped(actor, query);
        const builder = scope.sql;
        const sortColumn = scope.column(query.sort);
        // Enumerations may be null on rows written before they were required: sorted as empty text, as the cursor compares them.
        const key = query.sort === 'subjectType' || query.sort === 'reviewState' ? knex.raw(`coalesce(??, '')`, [sortColumn]) : knex.ref(sortColumn);
        // PostgreSQL timestamps hold microseconds, a JS Date only milliseconds: the cursor keeps the text, which PostgreSQL reads back exactly.
        const isTime = query.sort === 'updatedAt' || query.sort === 'createdAt';
        const cursorKey = isTime && strapi.db.dialect.client === 'postgres' ? knex.raw('??::text', [sortColumn]) : key;
        const after = query.order === 'asc' ? '>' : '<';
        if (states.length !== STATES.length) builder.whereIn(scope.column('reviewState'), [...states]);
        if (cursor) {
          const { value, id } = cursor;
          builder.where((where) => where.where(key, after, value as never).orWhere((tie) => tie.where(key, '=', value as never).andWhere(scope.id, after, id)));
        }
        const page = await scope.run<Array<{ id: number; sortKey: unknown }>>(
          builder
            .select({ id: scope.id, sortKey: cursorKey })
            .orderBy([
              { column: key as never, order: query.order },
              { column: scope.id, order: query.order },
            ])
            .limit(pageSize)
        );
        if (page.length === 0) return;
        const ids = page.map((row) => row.id);
        const loaded = (await strapi.db.query(INITIATIVE).findMany({ where: { id: { $in: ids } }, select: ['id', ...LIST_SELECT], populate: LIST_POPULATE })) as QueueExportRow[];
        const byId = new Map(loaded.map((row) => [row.id, row]));
        yield ids.flatMap((id) => byId.get(id) ?? []);
        if (page.length < pageSize) return;
        const last = page[page.length - 1];
        cursor = { value: last.sortKey, id: last.id };
      }
    },

    /** What the queue's filters offer: periods, fields and the reviewer's unit subtree (as a tree: each unit's parent). */
    async options(actor: Actor) {
      const ids = await unitService(strapi).subtreeIds(actor.unitId);
      const [periods, fields, units, level] = await Promise.all([
        strapi.db.query('api::period.period').findMany({ select: ['id', 'year', 'name'], orderBy: [{ year: 'desc' }, { id: 'desc' }] }),
        strapi.db.query('api::field.field').findMany({ select: ['id', 'name'], orderBy: [{ name: 'asc' }] }),
        strapi.db.query('api::unit.unit').findMany({
          where: { id: { $in: ids } },
          select: ['id', 'name'],
          populate: { parent: { select: ['id'] }, kind: { select: ['code', 'name'] } },
          orderBy: [{ name: 'asc' }],
        }) as Promise<Array<{ id: number; name: string; parent: { id: number } | null; kind: { code: string; name: string } | null }>>,
        actor.levelId ? strapi.db.query('api::unit-kind.unit-kind').findOne({ where: { id: actor.levelId }, select: ['code', 'name'] }) : null,
      ]);
      const inTree = new Set(ids);
      return {
        reviewer: {
          name: actor.name,
          unit: { id: actor.unitId, name: actor.unitName },
          level: level ? { code: (level as { code: string }).code, name: (level as { name: string }).name } : null,
        },
        periods,
        fields,
        units: units.map((unit) => ({
          id: unit.id,
          name: unit.name,
          kind: unit.kind?.name ?? null,
          parentId: unit.id !== actor.unitId && unit.parent && inTree.has(unit.parent.id) ? unit.parent.id : null,
        })),
      };
    },

    /**
     * Models the leadership may recognise in a batch: at the reviewer's level,
     * waiting or under review, with every required criterion of the current
     * round met (the engine's rule for recognising).
     */
    async batchCandidates(actor: Actor, query: Filters) {
      const scope = await scoped(actor, query);
      const ids = (
        await scope.run<Array<{ id: number }>>(
          scope.sql.whereIn(scope.column('reviewState'), ['submitted', 'proposed', 'under_review']).select({ id: scope.id }).limit(500)
        )
      ).map((row) => row.id);
      const models = (await strapi.db.query(INITIATIVE).findMany({
        where: { id: { $in: ids.length > 0 ? ids : [-1] } },
        select: LIST_SELECT,
        populate: LIST_POPULATE,
        orderBy: [{ title: 'asc' }, { id: 'asc' }],
        limit: 500,
      })) as Array<{ id: number; documentId: string } & Record<string, unknown>>;
      if (models.length === 0) return { results: [] };
      const rows = (await strapi.db.query(ASSESSMENT).findMany({
        where: { initiative: { id: { $in: models.map((model) => model.id) } }, levelCode: actor.levelCode },
        select: ['round', 'required', 'result'],
        populate: { initiative: { select: ['id'] } },
      })) as Array<{ round: number; required: boolean | null; result: string | null; initiative: { id: number } | null }>;
      const latest = new Map<number, Array<{ round: number; required: boolean | null; result: string | null }>>();
      for (const row of rows) {
        if (!row.initiative) continue;
        const current = latest.get(row.initiative.id);
        if (!current || current[0].round < row.round) latest.set(row.initiative.id, [row]);
        else if (current[0].round === row.round) current.push(row);
      }
      const eligible = models.filter((model) => {
        const items = latest.get(model.id);
        return Boolean(items && items.length > 0 && items.every((item) => item.required === false || item.result === 'met'));
      });
      return { results: eligible };
    },

    /** Issued batch decisions, newest first, with their models and signed file. */
    async decisions(page: number, pageSize: number) {
      const [results, total] = await Promise.all([
        strapi.db.query(DECISION).findMany({
          select: ['id', 'number', 'date', 'signer', 'note', 'levelCode', 'createdAt'],
          populate: { signedFile: { select: ['id', 'name', 'url', 'mime', 'size'] }, initiatives: { select: ['documentId', 'title'] } },
          orderBy: [{ date: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        strapi.db.query(DECISION).count({}),
      ]);
      return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },
  };
};

export default queue;
export type Queue = ReturnType<typeof queue>;
