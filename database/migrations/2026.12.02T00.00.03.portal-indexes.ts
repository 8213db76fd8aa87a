/**
 * Indexes of reads that Strapi's schema does not declare: the article
 * lists' order and totals, page lookups by slug, the models directory's
 * order, the search's ranking of models, and the review queue's counts,
 * pages in each of its orders and text filter.
 *
 * Requires Strapi's tables (articles, their site and category links,
 * initiatives). Strapi 5 runs user migrations before it creates or updates
 * its own tables (`db.schema.sync()` runs pending migrations, then
 * synchronises the schema), so on a new database this migration finds none
 * of them and does nothing; the application then applies it once more right
 * after the schema synchronisation, on every start
 * (src/domain/schema-migrations.ts). Idempotent: only missing indexes are
 * created, so a second run costs one catalogue query.
 */
import type { Knex } from 'knex';

import { existingNames, hasTables, isPostgres } from '../../src/domain/schema-migrations-support';

const REQUIRED_TABLES = ['articles', 'articles_sites_lnk', 'articles_category_lnk', 'initiatives', 'initiatives_review_level_lnk', 'initiatives_owner_unit_lnk'];

const indexes = (postgres: boolean): Array<{ name: string; sql: string }> => [
  { name: 'dvk_articles_display_idx', sql: 'CREATE INDEX dvk_articles_display_idx ON articles (display_at, published_at)' },
  // A list's total counts published ids joined to a site or category: both sides index-only, never the wide article rows.
  { name: 'dvk_articles_published_idx', sql: 'CREATE INDEX dvk_articles_published_idx ON articles (id) WHERE published_at IS NOT NULL' },
  { name: 'dvk_articles_sites_by_site_idx', sql: 'CREATE INDEX dvk_articles_sites_by_site_idx ON articles_sites_lnk (site_id, article_id)' },
  {
    name: 'dvk_articles_category_by_category_idx',
    sql: 'CREATE INDEX dvk_articles_category_by_category_idx ON articles_category_lnk (category_id, article_id)',
  },
  // The models directory's order: most recently recognised first, never-dated models last.
  {
    name: 'dvk_initiatives_recognized_order_idx',
    sql: `CREATE INDEX dvk_initiatives_recognized_order_idx ON initiatives (recognized_at DESC${postgres ? ' NULLS LAST' : ''}, id DESC)`,
  },
  // Search ranks public models by state and date of recognition without reading their wide rows.
  {
    name: 'dvk_initiatives_rank_idx',
    sql: postgres
      ? 'CREATE INDEX dvk_initiatives_rank_idx ON initiatives (id) INCLUDE (review_state, recognized_at)'
      : 'CREATE INDEX dvk_initiatives_rank_idx ON initiatives (id, review_state, recognized_at)',
  },
  // Article pages and model pages are looked up by slug (Strapi indexes neither).
  { name: 'dvk_articles_slug_idx', sql: 'CREATE INDEX dvk_articles_slug_idx ON articles (slug) WHERE published_at IS NOT NULL' },
  { name: 'dvk_initiatives_slug_idx', sql: 'CREATE INDEX dvk_initiatives_slug_idx ON initiatives (slug)' },
  // The review queue counts a reviewer's models per state: level and owner links, then the state,
  // all read from narrow indexes (index-only), never the wide model rows.
  { name: 'dvk_initiatives_queue_idx', sql: 'CREATE INDEX dvk_initiatives_queue_idx ON initiatives (id, review_state, updated_at)' },
  {
    name: 'dvk_initiatives_review_level_by_level_idx',
    sql: 'CREATE INDEX dvk_initiatives_review_level_by_level_idx ON initiatives_review_level_lnk (unit_kind_id, initiative_id)',
  },
  { name: 'dvk_initiatives_owner_by_unit_idx', sql: 'CREATE INDEX dvk_initiatives_owner_by_unit_idx ON initiatives_owner_unit_lnk (unit_id, initiative_id)' },
  // The queue's page in each order it offers (column, then id): the database walks one of these in
  // that order (either direction) and stops after the page, checking the tab's states, the subject
  // type and the origin on the index entry itself; the scope and the other filters are probed per entry.
  ...(['updated_at', 'created_at', 'title', 'review_state', 'subject_type'] as const).map((column) => {
    const name = `dvk_initiatives_queue_${column.replace('_at', '').replace('_', '')}_idx`;
    const rest = ['review_state', 'subject_type', 'origin'].filter((other) => other !== column).join(', ');
    return { name, sql: `CREATE INDEX ${name} ON initiatives (${column}, id, ${rest})` };
  }),
];

/**
 * Models found by any part of their text (`LIKE '%…%'` on the unaccented search text, as the
 * officers' choice of a replication source does; the review queue's words go through migration
 * 2026.12.02T00.00.05): a trigram index on PostgreSQL, when the pg_trgm extension may be created. Without
 * that privilege the queue still works, only slower, so a refusal must not stop the start-up.
 */
async function queueTextIndex(knex: Knex, existing: Set<string>): Promise<void> {
  if (existing.has('dvk_initiatives_search_trgm_idx')) return;
  const installed = await knex.raw("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
  if (installed.rows.length === 0) {
    try {
      // A savepoint: a refused CREATE EXTENSION must not abort the migration's transaction.
      await knex.transaction((trx) => trx.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm'));
    } catch {
      return;
    }
  }
  await knex.raw('CREATE INDEX dvk_initiatives_search_trgm_idx ON initiatives USING gin (search_text gin_trgm_ops)');
}

export async function up(knex: Knex): Promise<void> {
  if (!(await hasTables(knex, REQUIRED_TABLES))) return;
  const postgres = isPostgres(knex);
  const existing = await existingNames(knex);
  // Replaced by dvk_initiatives_recognized_order_idx.
  if (existing.has('dvk_initiatives_recognized_idx')) await knex.raw('DROP INDEX dvk_initiatives_recognized_idx');
  for (const index of indexes(postgres)) {
    if (!existing.has(index.name)) await knex.raw(index.sql);
  }
  if (postgres) await queueTextIndex(knex, existing);
}

export async function down(knex: Knex): Promise<void> {
  for (const index of indexes(isPostgres(knex))) await knex.raw(`DROP INDEX IF EXISTS ${index.name}`);
  if (isPostgres(knex)) await knex.raw('DROP INDEX IF EXISTS dvk_initiatives_search_trgm_idx');
}
