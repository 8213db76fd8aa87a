/**
 * The review path of models reviewed before the path was kept: rebuilt from
 * their audit trail (the level of the first submission, then each level
 * they were proposed to), so the funnel counts their passages as they
 * happened. Only models in the review without a path and with such events
 * are read: a second start finds nothing to do.
 */
import type { Core } from '@strapi/strapi';

import { EVENT, INITIATIVE } from './model';

type Meta = { tableName: string; attributes: Record<string, { columnName?: string }> };

const metaOf = (strapi: Core.Strapi, uid: string) => strapi.db.metadata.get(uid as never) as unknown as Meta;
const columnOf = (meta: Meta, attribute: string) => meta.attributes[attribute]?.columnName ?? attribute;

type Row = { id: number; action: string; fromState: string; levelCode: string | null };

export async function backfillReviewPaths(strapi: Core.Strapi): Promise<number> {
  const knex = strapi.db.connection;
  const initiative = metaOf(strapi, INITIATIVE);
  const event = metaOf(strapi, EVENT);
  const i = (attribute: string) => `i.${columnOf(initiative, attribute)}`;
  const e = (attribute: string) => `e.${columnOf(event, attribute)}`;
  const rows = (await knex({ i: initiative.tableName })
    .join({ e: event.tableName }, e('initiativeDocumentId'), i('documentId'))
    .whereNull(i('reviewPath'))
    .whereNot(i('reviewState'), 'draft')
    .whereIn(e('action'), ['submit', 'propose'])
    .select({ id: 'i.id', action: e('action'), fromState: e('fromState'), levelCode: e('levelCode') })
    .orderBy([{ column: 'i.id' }, { column: 'e.id' }])) as Row[];
  if (rows.length === 0) return 0;
  const kinds = (await strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['id', 'code'] })) as Array<{ id: number; code: string }>;
  const kindId = new Map(kinds.map((kind) => [kind.code, kind.id]));
  const paths = new Map<number, number[]>();
  for (const row of rows) {
    const level = row.levelCode ? kindId.get(row.levelCode) : undefined;
    if (level === undefined) continue;
    const path = row.action === 'submit' && row.fromState === 'draft' ? [] : paths.get(row.id) ?? [];
    if (path[path.length - 1] !== level) path.push(level);
    paths.set(row.id, path);
  }
  // Through the query engine, so the statistics cube follows.
  for (const [id, path] of paths) await strapi.db.query(INITIATIVE).update({ where: { id }, data: { reviewPath: path.join(',') } });
  return paths.size;
}
