import type { Core } from '@strapi/strapi';

import { tableOf } from '../domain/sql';

/**
 * Indexes Strapi's schema sync does not create, made idempotently at start-up
 * (after the tables exist): the public article list's sort, and on
 * PostgreSQL trigram indexes so accent-free `LIKE '%…%'` search stays fast.
 */
export async function ensureIndexes(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const article = tableOf(strapi, 'api::article.article');
  const initiative = tableOf(strapi, 'api::initiative.initiative');
  const statements = [
    `CREATE INDEX IF NOT EXISTS dvk_articles_display_idx ON ${article.name} (${article.column('displayAt')}, ${article.column('publishedAt')})`,
    `CREATE INDEX IF NOT EXISTS dvk_initiatives_recognized_idx ON ${initiative.name} (${initiative.column('recognizedAt')})`,
  ];
  if (strapi.db.dialect.client === 'postgres') {
    statements.push(
      'CREATE EXTENSION IF NOT EXISTS pg_trgm',
      `CREATE INDEX IF NOT EXISTS dvk_articles_search_trgm_idx ON ${article.name} USING gin (${article.column('searchText')} gin_trgm_ops)`,
      `CREATE INDEX IF NOT EXISTS dvk_initiatives_search_trgm_idx ON ${initiative.name} USING gin (${initiative.column('searchText')} gin_trgm_ops)`
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
