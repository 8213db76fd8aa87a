import type { Core } from '@strapi/strapi';

import { PUBLIC_VERSION_TABLE } from '../domain/public-version';
import { tableOf } from '../domain/sql';

/**
 * Indexes Strapi's schema sync does not create, made idempotently at start-up
 * (after the tables exist): the public article list's sort and total, page
 * lookups by slug, the review queue's counts, and on PostgreSQL trigram indexes so accent-free
 * `LIKE '%…%'` search stays fast.
 */
export async function ensureIndexes(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const article = tableOf(strapi, 'api::article.article');
  const initiative = tableOf(strapi, 'api::initiative.initiative');
  const sites = article.link('sites');
  const categories = article.link('category');
  const ownerUnit = initiative.link('ownerUnit');
  const reviewLevel = initiative.link('reviewLevel');
  const statements = [
    `CREATE INDEX IF NOT EXISTS dvk_articles_display_idx ON ${article.name} (${article.column('displayAt')}, ${article.column('publishedAt')})`,
    // A list's total counts published ids joined to a site or category: both sides index-only, never the wide article rows.
    `CREATE INDEX IF NOT EXISTS dvk_articles_published_idx ON ${article.name} (id) WHERE ${article.column('publishedAt')} IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS dvk_articles_sites_by_site_idx ON ${sites.table} (${sites.target}, ${sites.owner})`,
    `CREATE INDEX IF NOT EXISTS dvk_articles_category_by_category_idx ON ${categories.table} (${categories.target}, ${categories.owner})`,
    // The models directory's order: most recently recognised first, never-dated models last.
    'DROP INDEX IF EXISTS dvk_initiatives_recognized_idx',
    `CREATE INDEX IF NOT EXISTS dvk_initiatives_recognized_order_idx ON ${initiative.name} (${initiative.column('recognizedAt')} DESC${
      strapi.db.dialect.client === 'postgres' ? ' NULLS LAST' : ''
    }, id DESC)`,
    // Article pages and model pages are looked up by slug (Strapi indexes neither).
    `CREATE INDEX IF NOT EXISTS dvk_articles_slug_idx ON ${article.name} (${article.column('slug')}) WHERE ${article.column('publishedAt')} IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS dvk_initiatives_slug_idx ON ${initiative.name} (${initiative.column('slug')})`,
    // The review queue counts a reviewer's models per state: level and owner links, then the state,
    // all read from narrow indexes (index-only), never the wide model rows.
    `CREATE INDEX IF NOT EXISTS dvk_initiatives_queue_idx ON ${initiative.name} (id, ${initiative.column('reviewState')}, ${initiative.column('updatedAt')})`,
    `CREATE INDEX IF NOT EXISTS dvk_initiatives_review_level_by_level_idx ON ${reviewLevel.table} (${reviewLevel.target}, ${reviewLevel.owner})`,
    `CREATE INDEX IF NOT EXISTS dvk_initiatives_owner_by_unit_idx ON ${ownerUnit.table} (${ownerUnit.target}, ${ownerUnit.owner})`,
  ];
  if (strapi.db.dialect.client === 'postgres') {
    statements.push(
      'CREATE EXTENSION IF NOT EXISTS pg_trgm',
      `CREATE INDEX IF NOT EXISTS dvk_articles_search_trgm_idx ON ${article.name} USING gin (${article.column('searchText')} gin_trgm_ops)`,
      `CREATE INDEX IF NOT EXISTS dvk_initiatives_search_trgm_idx ON ${initiative.name} USING gin (${initiative.column('searchText')} gin_trgm_ops)`,
      // Public search reads a model's search text as last recognised.
      `CREATE INDEX IF NOT EXISTS dvk_initiative_public_search_trgm_idx ON ${PUBLIC_VERSION_TABLE} USING gin (search_text gin_trgm_ops)`
    );
  }
  for (const statement of statements) {
    try {
      await knex.raw(statement);
    } catch (error) {
      // A missing privilege (e.g. to create the extension) slows search down but must not stop the site.
      strapi.log.warn(`Index not created (${statement}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
