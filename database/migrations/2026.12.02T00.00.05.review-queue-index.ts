/**
 * The review queue's text filter through a full-text index over narrow rows.
 *
 * A reviewer's queue filtered by words ("dân vận", "hỗ trợ") must count the
 * matches in every tab and show the first page in the chosen order. Without
 * text, the counts come from the statistics cube and the page from indexes
 * on the initiatives (migration 2026.12.02T00.00.03). With text, matching
 * `LIKE '%…%'` on the wide initiative rows read every model in scope (some
 * 200 MB for 100,000 models). `dvk_initiative_queue` holds, per model, what
 * the queue filters, counts and sorts by — owner, review level, period,
 * field, subject type, origin, review state, title and dates — and its words
 * (PostgreSQL: a stripped `to_tsvector('simple', search_text)` with a GIN
 * index, stored out of line like the search's ranking rows; SQLite: an FTS5
 * table over the initiatives' search text). Triggers on the initiatives and
 * on their owner, review level, period and field links keep it in step,
 * whoever writes. The machinery is the public search's
 * (migration 2026.12.02T00.00.04); the words match the same way.
 *
 * The words' index is the only one: a filtered queue reads its matches
 * through it and checks scope and filters on the narrow rows themselves
 * (a scope index would lead PostgreSQL to read every model in scope and
 * test each one's words out of line, several times slower).
 *
 * Needs Strapi's initiative tables: on a new database it is applied right
 * after Strapi's schema synchronisation (src/domain/schema-migrations.ts),
 * which re-applies it on every start. Idempotent.
 */
import type { Knex } from 'knex';

import { existingNames, hasTables } from '../../src/domain/schema-migrations-support';
import { dropRankTable, ensureRankTable, type Source } from './2026.12.02T00.00.04.search-index';

/**
 * One manyToOne link's target for the initiative row `r`: a subquery, so that a duplicated link row cannot
 * duplicate the model, read through the link's index on the initiative (an aggregate, not ORDER BY … LIMIT,
 * which PostgreSQL may answer by walking the link table's primary key).
 */
const linked = (table: string, target: string) => `(SELECT max(x.${target}) FROM ${table} x WHERE x.initiative_id = r.id)`;

const LINKS = [
  { column: 'owner_id', table: 'initiatives_owner_unit_lnk', target: 'unit_id' },
  { column: 'review_level_id', table: 'initiatives_review_level_lnk', target: 'unit_kind_id' },
  { column: 'period_id', table: 'initiatives_period_lnk', target: 'period_id' },
  { column: 'field_id', table: 'initiatives_field_lnk', target: 'field_id' },
] as const;

export const QUEUE_TABLE = 'dvk_initiative_queue';

export const QUEUE_SOURCE: Source = {
  table: 'initiatives',
  key: 'id',
  rank: QUEUE_TABLE,
  rankKey: 'initiative_id',
  heads: false,
  extra: {
    ...Object.fromEntries(LINKS.map((link) => [link.column, linked(link.table, link.target)])),
    review_state: 'r.review_state',
    subject_type: 'r.subject_type',
    origin: 'r.origin',
    title: 'r.title',
    created_at: 'r.created_at',
    updated_at: 'r.updated_at',
  },
  extraTypes: {
    ...Object.fromEntries(LINKS.map((link) => [link.column, 'integer' as const])),
    review_state: 'text',
    subject_type: 'text',
    origin: 'text',
    title: 'text',
  },
  watched: ['search_text', 'review_state', 'subject_type', 'origin', 'title', 'created_at', 'updated_at'],
  // A link decides one column: rewritten in place, without rebuilding the row's words.
  dependents: LINKS.map((link) => ({ table: link.table, key: 'initiative_id', columns: [link.column] })),
};

export async function up(knex: Knex): Promise<void> {
  if (!(await hasTables(knex, ['initiatives', ...LINKS.map((link) => link.table)]))) return;
  await ensureRankTable(knex, QUEUE_SOURCE, await existingNames(knex));
}

export async function down(knex: Knex): Promise<void> {
  await dropRankTable(knex, QUEUE_SOURCE);
}
