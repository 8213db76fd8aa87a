/**
 * Year-end report drafts (src/api/article/services/year-report.ts): which
 * article holds the report of a year (and a unit, or the whole province), so
 * that generating it again updates that article's draft instead of writing a
 * new one, and which attached XLSX it replaces. Independent of Strapi's
 * tables (the article is named by its documentId). Idempotent.
 */
import type { Knex } from 'knex';

export const YEAR_REPORTS = 'dvk_year_reports';

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(YEAR_REPORTS)) return;
  await knex.schema.createTable(YEAR_REPORTS, (table) => {
    table.increments('id');
    table.integer('year').notNullable();
    // 0: the whole province (a unique index treats NULLs as distinct).
    table.integer('unit_id').notNullable().defaultTo(0);
    table.string('article_document_id', 64).notNullable();
    table.integer('attachment_id').nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['year', 'unit_id'], { indexName: 'dvk_year_reports_scope_uq' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(YEAR_REPORTS);
}
