/**
 * Small helpers for the migrations in database/migrations, which run with a
 * bare knex (inside Strapi's migration transaction, or right after Strapi's
 * schema synchronisation: src/domain/schema-migrations.ts).
 */
import type { Knex } from 'knex';

export const isPostgres = (knex: Knex): boolean => (knex.client as { dialect?: string }).dialect === 'postgresql';

/** Every one of these tables exists. */
export async function hasTables(knex: Knex, tables: string[]): Promise<boolean> {
  for (const table of tables) {
    if (!(await knex.schema.hasTable(table))) return false;
  }
  return true;
}

/** Names of the indexes, triggers and tables of the current schema (one catalogue query). */
export async function existingNames(knex: Knex): Promise<Set<string>> {
  if (isPostgres(knex)) {
    const { rows } = (await knex.raw(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()
       UNION ALL SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()
       UNION ALL SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`
    )) as { rows: Array<{ name: string }> };
    return new Set(rows.map((row) => row.name));
  }
  const rows = (await knex.raw(`SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger', 'table')`)) as Array<{ name: string }>;
  return new Set(rows.map((row) => row.name));
}
