/**
 * What the public sees of a model: its texts as they were when it was last
 * recognised, until it is recognised again.
 *
 * A model recognised at one level and then returned by a higher one goes back
 * to its unit for more information; the unit edits it while the lower level's
 * recognition still stands and the model stays in the public directory. Its
 * public page must not follow those unreviewed edits. So every time a model
 * enters the recognised state, its public texts (title, summary, content,
 * results, the exemplary person's name and position, indicators) and their
 * search text are copied to `dvk_initiative_public`, and the public API reads
 * them from there. Images and reference data (field, unit, level) stay live:
 * officers cannot change images, and the rest is not the model's own text.
 *
 * Taken in a query-engine lifecycle, so every path that recognises — the
 * workflow engine, a batch decision, the demo data and other scripts that set
 * a recognition level — takes it in
 * the same transaction. Models made public before this existed get theirs
 * at start-up (`backfillPublicVersions`).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { tableOf } from './sql';
import { buildSearchText, normalizeForSearch } from './text';

export const PUBLIC_VERSION_TABLE = 'dvk_initiative_public';
const INITIATIVE = 'api::initiative.initiative';

type Source = {
  id: number;
  title: string;
  summary: string | null;
  content: string | null;
  results: string | null;
  subjectType: string;
  personName: string | null;
  personPosition: string | null;
  indicators: Array<{ label: string; value: number; unit: string | null }> | null;
};

/** Copies the current texts of these models as their public version (replacing any older one). */
export async function takePublicVersions(strapi: Core.Strapi, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await strapi.db.transaction(async ({ trx }) => {
    const db = trx as unknown as Knex;
    const rows = (await strapi.db.query(INITIATIVE as never).findMany({
      where: { id: { $in: ids } },
      select: ['id', 'title', 'summary', 'content', 'results', 'subjectType', 'personName', 'personPosition'],
      populate: { indicators: { select: ['label', 'value', 'unit'] } },
    })) as unknown as Source[];
    await db(PUBLIC_VERSION_TABLE).whereIn('initiative_id', ids).del();
    if (rows.length === 0) return;
    await db(PUBLIC_VERSION_TABLE).insert(
      rows.map((row) => {
        // An individual model's person is public; a collective model's contact person is not.
        const person = row.subjectType === 'individual' ? row.personName : null;
        return {
          initiative_id: row.id,
          title: row.title,
          summary: row.summary,
          content: row.content,
          results: row.results,
          person_name: person,
          person_position: row.subjectType === 'individual' ? row.personPosition : null,
          indicators: JSON.stringify((row.indicators ?? []).map(({ label, value, unit }) => ({ label, value, unit }))),
          search_text: buildSearchText([row.title, row.summary, person], [row.content, row.results]),
          // For the search's relevance (src/api/portal/lib/search-query.ts).
          search_title: normalizeForSearch(row.title),
          search_lead: normalizeForSearch(row.summary ?? ''),
          taken_at: new Date(),
        };
      })
    );
  });
}

export async function dropPublicVersions(strapi: Core.Strapi, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await strapi.db.transaction(async ({ trx }) => {
    await (trx as unknown as Knex)(PUBLIC_VERSION_TABLE).whereIn('initiative_id', ids).del();
  });
}

type LifecycleEvent = {
  params: { data?: Record<string, unknown>; where?: Record<string, unknown> };
  result?: unknown;
  state: Record<string, unknown>;
};

/** A write that recognises: the state becomes recognised, or a recognition level is given (data scripts set it directly). */
const entersRecognised = (event: LifecycleEvent) => {
  const data = event.params.data ?? {};
  return data.reviewState === 'recognized' || (data.recognitionLevel !== undefined && data.recognitionLevel !== null);
};

/** Takes the public version whenever a write through the query engine recognises a model. */
export function trackPublicVersions(strapi: Core.Strapi): void {
  // The rows are found before the write: its filter may name what the write changes (the engine's `version`).
  const capture = async (event: LifecycleEvent) => {
    if (!entersRecognised(event)) return;
    const rows = (await strapi.db.query(INITIATIVE as never).findMany({ where: event.params.where ?? {}, select: ['id'] })) as Array<{ id: number }>;
    event.state.publicVersionIds = rows.map((row) => row.id);
  };
  const take = async (event: LifecycleEvent) => {
    if (!entersRecognised(event)) return;
    const created = (event.result as { id?: number } | null | undefined)?.id;
    const ids = typeof created === 'number' ? [created] : ((event.state.publicVersionIds as number[] | undefined) ?? []);
    await takePublicVersions(strapi, ids);
  };
  // A deleted model's public version goes with it (SQLite may give its id to the next model).
  const captureDeleted = async (event: LifecycleEvent) => {
    const rows = (await strapi.db.query(INITIATIVE as never).findMany({ where: event.params.where ?? {}, select: ['id'] })) as Array<{ id: number }>;
    event.state.publicVersionIds = rows.map((row) => row.id);
  };
  const drop = (event: LifecycleEvent) => dropPublicVersions(strapi, (event.state.publicVersionIds as number[] | undefined) ?? []);
  strapi.db.lifecycles.subscribe({
    models: [INITIATIVE],
    beforeDelete: captureDeleted,
    afterDelete: drop,
    beforeDeleteMany: captureDeleted,
    afterDeleteMany: drop,
    afterCreate: take,
    beforeUpdate: capture,
    afterUpdate: take,
    beforeUpdateMany: capture,
    afterUpdateMany: take,
  } as never);
}

/** Public models without a public version (recognised before it existed, or written by bulk SQL) get one from their texts now. */
export async function backfillPublicVersions(strapi: Core.Strapi): Promise<number> {
  const knex = strapi.db.connection;
  const initiative = tableOf(strapi, INITIATIVE);
  const level = initiative.link('recognitionLevel');
  let taken = 0;
  for (;;) {
    const ids = (
      (await knex({ i: initiative.name })
        .whereExists(knex({ r: level.table }).whereRaw(`r.${level.owner} = i.id`))
        .whereNotExists(knex({ p: PUBLIC_VERSION_TABLE }).whereRaw('p.initiative_id = i.id'))
        .orderBy('i.id')
        .limit(1000)
        .select('i.id')) as Array<{ id: number }>
    ).map((row) => row.id);
    if (ids.length === 0) return taken;
    await takePublicVersions(strapi, ids);
    taken += ids.length;
  }
}

type PublicTexts = {
  title: string;
  summary?: string | null;
  content?: string | null;
  results?: string | null;
  subjectType: string;
  personName?: string | null;
  personPosition?: string | null;
  indicators?: Array<{ label: string; value: number; unit?: string | null }> | null;
};

/** A model read live, with its texts replaced by those it had when last recognised (as is when none was taken yet). */
export async function asLastRecognised<T extends PublicTexts>(strapi: Core.Strapi, model: T & { id: number }): Promise<T> {
  const row = (await strapi.db.connection(PUBLIC_VERSION_TABLE).where({ initiative_id: model.id }).first()) as
    | { title: string; summary: string | null; content: string | null; results: string | null; person_name: string | null; person_position: string | null; indicators: string | null }
    | undefined;
  if (!row) return model;
  return {
    ...model,
    title: row.title,
    summary: row.summary,
    content: row.content,
    results: row.results,
    personName: model.subjectType === 'individual' ? row.person_name : model.personName,
    personPosition: model.subjectType === 'individual' ? row.person_position : model.personPosition,
    indicators: row.indicators ? (JSON.parse(row.indicators) as PublicTexts['indicators']) : [],
  };
}
