/**
 * "Thống kê phong trào": the figures of the dashboard and the rows of the
 * exports, in the admin's scope. The figures come from the statistics
 * service the public statistics endpoint uses (api::initiative's
 * statisticsWithFunnel over the cube in src/domain/statistics.ts): one
 * source. A reviewer sees their unit's subtree; an admin with the statistics
 * permission but no reviewer unit sees the whole province (whose figures the
 * public endpoint publishes anyway).
 */
import type { Core } from '@strapi/strapi';

import { vietnamDay } from '../../../shared/registration-window';
import { ORIGIN_TYPE_LABELS, SUBJECT_TYPE_LABELS, type StatisticsReport, type TableRow } from '../../../shared/statistics-tables';
import { STATE_LABELS, type State } from '../../../shared/workflow';
import { badRequest, forbidden, notFound } from '../errors';
import { messages } from '../messages';
import { DECISION, INITIATIVE, REVIEWER } from './model';
import type { QueueExportRow } from './queue';
import { reviewerActor, unitService, type AdminUserLike } from './scope';

/** Whose figures: a unit's subtree, or the province (null). */
export type DashboardScope = { unitId: number | null; unitName: string | null };

/** A year or span, a unit (id) and unit kinds, as validated (validation.ts). */
export type DashboardQuery = { from: number; to: number; unit?: number; kind?: string[] };

type StatisticsOptions = { from: number; to: number; unitId: number | null; kindCodes: string[] | null };
type StatisticsFigures = Omit<StatisticsReport, 'topUnits' | 'funnel' | 'byUnit'> & {
  byUnit: Array<StatisticsReport['byUnit'][number] & { documentId: string }>;
};
/** The statistics service of api::initiative (src/api/initiative/services/initiative.ts). */
type StatisticsService = {
  statisticsWithFunnel(options: StatisticsOptions): Promise<{ statistics: StatisticsFigures; funnel: StatisticsReport['funnel'] }>;
  topUnits(options: StatisticsOptions, limit: number): Promise<StatisticsReport['topUnits']>;
};

/** How many units the "top units" table lists. */
const TOP_UNITS = 10;

/** Models the public never sees although recognised (src/domain/public-initiative.ts HIDDEN_STATES). */
const HIDDEN_STATES = ['withdrawn'];

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
type Meta = { tableName: string; attributes: Record<string, { columnName?: string; joinTable?: JoinTable }> };

/** Table, columns and link tables of a content type from Strapi's metadata (no hard-coded identifiers). */
const tableOf = (strapi: Core.Strapi, uid: string) => {
  const meta = strapi.db.metadata.get(uid as never) as unknown as Meta;
  return {
    name: meta.tableName,
    column(attribute: string) {
      const name = meta.attributes[attribute]?.columnName;
      if (!name) throw new Error(`${uid}.${attribute} has no column`);
      return name;
    },
    link(attribute: string) {
      const join = meta.attributes[attribute]?.joinTable;
      if (!join) throw new Error(`${uid}.${attribute} has no link table`);
      return { table: join.name, owner: join.joinColumn.name, target: join.inverseJoinColumn.name };
    },
  };
};

/** The Vietnamese calendar day of a stored date-time (ISO string, Date or epoch milliseconds). */
const dayOf = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : vietnamDay(date);
};

const pad = (value: number) => String(value).padStart(2, '0');

/** A stored calendar date ('YYYY-MM-DD', a driver's local-midnight Date, or epoch milliseconds at UTC midnight) as 'YYYY-MM-DD'. */
const calendarDay = (value: string | number | Date | null): string | null => {
  if (value === null || value === '') return null;
  if (value instanceof Date) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  if (typeof value === 'number' || /^\d+$/.test(value)) return new Date(Number(value)).toISOString().slice(0, 10);
  return value.slice(0, 10);
};

const label = (labels: Record<string, string>, value: string | null) => (value ? labels[value] ?? value : null);

type Relation = { id: number; name: string } | null;
type DirectoryModel = {
  id: number;
  title: string;
  subjectType: string | null;
  origin: string | null;
  recognizedAt: string | null;
  ownerUnit: Relation;
  field: Relation;
  period: (Relation & { year: number }) | null;
  recognitionLevel: Relation;
};

const dashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  const statistics = () => strapi.service('api::initiative.initiative') as unknown as StatisticsService;

  /** The admin's scope: their reviewer unit, or the province for an admin who reviews for no unit. */
  async function scopeOf(user: AdminUserLike): Promise<DashboardScope> {
    const reviewer = await strapi.db.query(REVIEWER).findOne({ where: { user: { id: user.id } }, select: ['id'] });
    if (!reviewer) return { unitId: null, unitName: null };
    // A reviewer made inactive, or whose unit was dissolved (or reviews nothing), is refused, not widened to the province.
    const actor = await reviewerActor(strapi, user);
    return { unitId: actor.unitId, unitName: actor.unitName };
  }

  /** The unit the figures are for: the asked one when it lies in the scope (403 otherwise), else the scope's. */
  async function unitOf(scope: DashboardScope, unit: number | undefined): Promise<number | null> {
    if (unit === undefined) return scope.unitId;
    const exists = await strapi.db.query('api::unit.unit').findOne({ where: { id: unit }, select: ['id'] });
    if (!exists) throw notFound(messages.statisticsUnitNotFound);
    if (scope.unitId !== null && !(await unitService(strapi).subtreeIds(scope.unitId)).includes(unit)) throw forbidden(messages.statisticsUnitOutOfScope);
    return unit;
  }

  async function kindsOf(kind: string[] | undefined): Promise<string[] | null> {
    if (!kind) return null;
    const known = new Set(((await strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['code'] })) as Array<{ code: string }>).map((row) => row.code));
    const unknown = kind.filter((code) => !known.has(code));
    if (unknown.length > 0) throw badRequest(messages.statisticsUnknownKinds(unknown));
    return kind;
  }

  /** The owners whose models a directory export lists: the unit's subtree, or everyone (null). */
  const ownersOf = async (unitId: number | null) => (unitId === null ? null : unitService(strapi).subtreeIds(unitId));

  return {
    scopeOf,

    /** The dashboard's figures for a year or span in the admin's scope. */
    async report(user: AdminUserLike, query: DashboardQuery): Promise<StatisticsReport> {
      const scope = await scopeOf(user);
      const options: StatisticsOptions = { from: query.from, to: query.to, unitId: await unitOf(scope, query.unit), kindCodes: await kindsOf(query.kind) };
      const [{ statistics: figures, funnel }, topUnits] = await Promise.all([statistics().statisticsWithFunnel(options), statistics().topUnits(options, TOP_UNITS)]);
      return {
        ...figures,
        byUnit: figures.byUnit.map(({ unitId, code, kind, name, count }) => ({ unitId, code, kind, name, count })),
        topUnits,
        funnel,
      };
    },

    /** What the dashboard's filters offer: years, unit kinds and the units of the scope (as a tree). */
    async options(user: AdminUserLike) {
      const scope = await scopeOf(user);
      const ids = scope.unitId === null ? null : await unitService(strapi).subtreeIds(scope.unitId);
      const [periods, kinds, units] = await Promise.all([
        strapi.db.query('api::period.period').findMany({ select: ['id', 'year', 'name'], orderBy: [{ year: 'desc' }, { id: 'desc' }] }) as Promise<
          Array<{ id: number; year: number; name: string }>
        >,
        strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['code', 'name'], orderBy: [{ tier: 'asc' }, { id: 'asc' }] }) as Promise<
          Array<{ code: string; name: string }>
        >,
        strapi.db.query('api::unit.unit').findMany({
          ...(ids ? { where: { id: { $in: ids } } } : {}),
          select: ['id', 'name'],
          populate: { parent: { select: ['id'] }, kind: { select: ['name'] } },
          orderBy: [{ name: 'asc' }],
        }) as Promise<Array<{ id: number; name: string; parent: { id: number } | null; kind: { name: string } | null }>>,
      ]);
      const inTree = new Set(units.map((unit) => unit.id));
      return {
        scope,
        years: [...new Set(periods.map((period) => period.year))],
        kinds,
        units: units.map((unit) => ({
          id: unit.id,
          name: unit.name,
          kind: unit.kind?.name ?? null,
          parentId: unit.id !== scope.unitId && unit.parent && inTree.has(unit.parent.id) ? unit.parent.id : null,
        })),
      };
    },

    /** A queue page as export rows (numbered from `first`). */
    queueRows(models: QueueExportRow[], first: number): TableRow[] {
      return models.map((model, index) => ({
        index: first + index,
        title: model.title,
        ownerUnit: model.ownerUnit?.name ?? null,
        field: model.field?.name ?? null,
        subjectType: label(SUBJECT_TYPE_LABELS, model.subjectType),
        origin: label(ORIGIN_TYPE_LABELS, model.origin),
        period: model.period?.name ?? null,
        state: STATE_LABELS[model.reviewState as State] ?? model.reviewState,
        reviewLevel: model.reviewLevel?.name ?? null,
        recognitionLevel: model.recognitionLevel?.name ?? null,
        recognizedAt: dayOf(model.recognizedAt),
        createdAt: dayOf(model.createdAt),
        updatedAt: dayOf(model.updatedAt),
      }));
    },

    /** Checks a directory export's scope and filters before anything is streamed. */
    async directoryScope(user: AdminUserLike, query: DashboardQuery) {
      const scope = await scopeOf(user);
      const unitId = await unitOf(scope, query.unit);
      return { unitId, owners: await ownersOf(unitId) };
    },

    /**
     * The directory of recognised models (recognised at some level, not
     * withdrawn: what the public directory lists) of a span in the scope,
     * with their latest decision, a page at a time: keyset pages on the id.
     */
    async *directoryRows(
      { owners, from, to, field, level }: { owners: number[] | null; from: number; to: number; field?: number; level?: number },
      pageSize = 1000
    ): AsyncGenerator<TableRow> {
      const knex = strapi.db.connection;
      const initiative = tableOf(strapi, INITIATIVE);
      const period = tableOf(strapi, 'api::period.period');
      const decision = tableOf(strapi, DECISION);
      const levelLink = initiative.link('recognitionLevel');
      const periodLink = initiative.link('period');
      const ownerLink = initiative.link('ownerUnit');
      const fieldLink = initiative.link('field');
      const decided = decision.link('initiatives');
      let after = 0;
      let index = 0;
      for (;;) {
        const query = knex({ i: initiative.name })
          .join({ rl: levelLink.table }, `rl.${levelLink.owner}`, 'i.id')
          .whereNotIn(`i.${initiative.column('reviewState')}`, HIDDEN_STATES)
          .join({ pl: periodLink.table }, `pl.${periodLink.owner}`, 'i.id')
          .join({ p: period.name }, 'p.id', `pl.${periodLink.target}`)
          .whereBetween(`p.${period.column('year')}`, [from, to])
          .where('i.id', '>', after);
        if (owners) query.join({ ol: ownerLink.table }, `ol.${ownerLink.owner}`, 'i.id').whereIn(`ol.${ownerLink.target}`, owners.length > 0 ? owners : [-1]);
        if (field !== undefined) query.join({ fl: fieldLink.table }, `fl.${fieldLink.owner}`, 'i.id').where(`fl.${fieldLink.target}`, field);
        if (level !== undefined) query.where(`rl.${levelLink.target}`, level);
        const ids = ((await query.select('i.id').orderBy('i.id', 'asc').limit(pageSize)) as Array<{ id: number }>).map((row) => Number(row.id));
        if (ids.length === 0) return;
        const [models, decisions] = await Promise.all([
          strapi.db.query(INITIATIVE).findMany({
            where: { id: { $in: ids } },
            select: ['id', 'title', 'subjectType', 'origin', 'recognizedAt'],
            populate: {
              ownerUnit: { select: ['id', 'name'] },
              field: { select: ['id', 'name'] },
              period: { select: ['id', 'year', 'name'] },
              recognitionLevel: { select: ['id', 'name'] },
            },
          }) as Promise<DirectoryModel[]>,
          knex({ dl: decided.table })
            .join({ d: decision.name }, 'd.id', `dl.${decided.owner}`)
            .whereIn(`dl.${decided.target}`, ids)
            .select({ initiativeId: `dl.${decided.target}`, number: `d.${decision.column('number')}`, date: `d.${decision.column('date')}`, signer: `d.${decision.column('signer')}` })
            .orderBy([{ column: `d.${decision.column('date')}`, order: 'desc' }, { column: 'd.id', order: 'desc' }]) as Promise<
            Array<{ initiativeId: number; number: string; date: string | number | Date | null; signer: string | null }>
          >,
        ]);
        // The latest decision of each model (rows come newest first).
        const latest = new Map<number, (typeof decisions)[number]>();
        for (const row of decisions) if (!latest.has(Number(row.initiativeId))) latest.set(Number(row.initiativeId), row);
        const byId = new Map(models.map((model) => [model.id, model]));
        for (const id of ids) {
          const model = byId.get(id);
          if (!model) continue;
          const made = latest.get(id);
          index += 1;
          yield {
            index,
            title: model.title,
            ownerUnit: model.ownerUnit?.name ?? null,
            field: model.field?.name ?? null,
            subjectType: label(SUBJECT_TYPE_LABELS, model.subjectType),
            origin: label(ORIGIN_TYPE_LABELS, model.origin),
            year: model.period ? String(model.period.year) : null,
            recognitionLevel: model.recognitionLevel?.name ?? null,
            recognizedAt: dayOf(model.recognizedAt),
            decisionNumber: made?.number ?? null,
            decisionDate: calendarDay(made?.date ?? null),
            signer: made?.signer ?? null,
          };
        }
        if (ids.length < pageSize) return;
        after = ids[ids.length - 1];
      }
    },
  };
};

export default dashboard;
export type Dashboard = ReturnType<typeof dashboard>;
