/**
 * The reviewer's queue ("Hồ sơ cần xét"): in-scope models by tab, with the
 * count of every tab, filters, sorting and server-side paging; the choices
 * its filters offer; and the leadership's batch candidates and past decisions.
 *
 * Everything is one where-filter over the initiatives table: the scope rule,
 * then the reviewer's filters. Tab counts come from one grouped SQL count.
 */
import type { Core } from '@strapi/strapi';

import { QUEUE_TABS, STATES, type QueueTab, type State } from '../../../shared/workflow';
import { ASSESSMENT, DECISION, INITIATIVE } from './model';
import { expandDotted, scopeWhere, unitService, type Actor } from './scope';

export const QUEUE_SORTS = ['updatedAt', 'createdAt', 'title', 'reviewState', 'subjectType'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export type QueueQuery = {
  tab: QueueTab;
  /** One state instead of a tab (kept for API clients). */
  state?: State;
  period?: number;
  field?: number;
  subjectType?: 'collective' | 'individual';
  origin?: 'new' | 'replicated';
  /** A unit: models owned by it or any unit below it. */
  unit?: number;
  /** Free text, matched without diacritics. */
  q?: string;
  sort: QueueSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

type Where = Record<string, unknown>;

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

const LIST_SELECT = ['documentId', 'title', 'slug', 'subjectType', 'origin', 'reviewState', 'version', 'recognizedAt', 'createdAt', 'updatedAt'];
const LIST_POPULATE = {
  ownerUnit: { select: ['id', 'name'] },
  field: { select: ['id', 'name'] },
  period: { select: ['id', 'year', 'name'] },
  reviewLevel: { select: ['id', 'code', 'name'] },
  recognitionLevel: { select: ['id', 'code', 'name'] },
};

type QueryBuilder = {
  init(params: { where: Where; select: string[] }): QueryBuilder;
  getKnexQuery(): { as(alias: string): unknown };
};
type EntityManager = { createQueryBuilder(uid: string): QueryBuilder };

export type TabCounts = Record<QueueTab, number>;

const queue = ({ strapi }: { strapi: Core.Strapi }) => {
  /** The scope rule and the reviewer's filters, without the tab. */
  async function baseWhere(actor: Actor, query: Omit<QueueQuery, 'tab' | 'sort' | 'order' | 'page' | 'pageSize'>): Promise<Where> {
    const scope = expandDotted(await scopeWhere(strapi, actor));
    const conditions: Where[] = [scope];
    if (query.unit !== undefined) {
      conditions.push({ ownerUnit: { id: { $in: await unitService(strapi).subtreeIds(query.unit) } } });
    }
    if (query.period !== undefined) conditions.push({ period: { id: query.period } });
    if (query.field !== undefined) conditions.push({ field: { id: query.field } });
    if (query.subjectType) conditions.push({ subjectType: query.subjectType });
    if (query.origin) conditions.push({ origin: query.origin });
    const text = query.q ? normalizeQuery(query.q) : '';
    if (text) conditions.push({ searchText: { $contains: text } });
    return conditions.length === 1 ? scope : { $and: conditions };
  }

  /** How many models each state holds under `where`, in one grouped query. */
  async function countByState(where: Where): Promise<Map<string, number>> {
    const builder = (strapi.db as unknown as { entityManager: EntityManager }).entityManager.createQueryBuilder(INITIATIVE);
    const inner = builder.init({ where, select: ['id', 'reviewState'] }).getKnexQuery();
    const rows = (await strapi.db.connection
      .from(inner.as('q') as never)
      .select('q.review_state as state')
      .count({ n: '*' })
      .groupBy('q.review_state')) as Array<{ state: string; n: number | string }>;
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
    async list(actor: Actor, query: QueueQuery) {
      const where = await baseWhere(actor, query);
      const states: readonly State[] = query.state ? [query.state] : QUEUE_TABS[query.tab];
      const listWhere = states.length === STATES.length ? where : { $and: [where, { reviewState: { $in: [...states] } }] };
      const [byState, results] = await Promise.all([
        countByState(where),
        strapi.db.query(INITIATIVE).findMany({
          where: listWhere,
          select: LIST_SELECT,
          populate: LIST_POPULATE,
          orderBy: [{ [query.sort]: query.order }, { id: query.order }],
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
        }),
      ]);
      const total = states.reduce((sum, state) => sum + (byState.get(state) ?? 0), 0);
      return {
        results,
        counts: tabCounts(byState),
        pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) },
      };
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
    async batchCandidates(actor: Actor, query: Pick<QueueQuery, 'period' | 'field' | 'subjectType' | 'origin' | 'unit' | 'q'>) {
      const where = await baseWhere(actor, query);
      const models = (await strapi.db.query(INITIATIVE).findMany({
        where: { $and: [where, { reviewState: { $in: ['submitted', 'proposed', 'under_review'] } }] },
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
