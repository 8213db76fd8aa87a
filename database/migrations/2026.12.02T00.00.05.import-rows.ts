/**
 * Registrations imported from XLSX files (src/plugins/review/server/src/services/imports.ts):
 * one row per imported model, keyed by the file's reference column, so that
 * importing the same file again creates nothing new. It also records which
 * file and which person brought each model in. Independent of Strapi's
 * tables (the model is named by its documentId), so it is created here on a
 * new database as on an old one. Idempotent.
 */
import type { Knex } from 'knex';

export const IMPORT_ROWS = 'dvk_import_rows';

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(IMPORT_ROWS)) return;
  await knex.schema.createTable(IMPORT_ROWS, (table) => {
    table.increments('id');
    table.string('reference', 100).notNullable().unique('dvk_import_rows_reference_uq');
    table.string('initiative_document_id', 64).notNullable();
    table.string('file_name', 255).notNullable();
    table.string('file_sha256', 64).notNullable();
    table.integer('row_number').notNullable();
    table.integer('actor_id').notNullable();
    table.string('actor_name', 255).notNullable();
    table.timestamp('imported_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(IMPORT_ROWS);
}
