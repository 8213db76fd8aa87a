/**
 * The statistics cube (src/domain/initiative-cube.ts): pre-aggregated counts
 * of initiatives by period, owner, field, subject type, origin, review state,
 * recognition level, current review level and review path (the levels a
 * model entered, in order, which the funnel reads), and the same without
 * the owner.
 *
 * Strapi runs user migrations before it synchronises its own tables (in
 * @strapi/database, `schema.sync()` calls `migrations.up()` first), so on a
 * new database the initiatives do not exist yet. This migration therefore
 * only shapes the tables; the counts are filled and kept exact by the
 * application (`repairCube` at start-up, then every write). Idempotent: a
 * table already in this shape is left alone; one in an older shape (before
 * the review path) holds only derived counts, so it is dropped and created
 * again, and the start-up repair refills it.
 */
import type { Knex } from 'knex';

const TABLES = [
  { name: 'dvk_initiative_counts', owner: true },
  { name: 'dvk_initiative_counts_province', owner: false },
] as const;

const TEXT_DIMENSIONS = new Set(['subject_type', 'origin', 'review_state', 'review_path']);

const dimensionsOf = (owner: boolean) =>
  ['period_id', ...(owner ? ['owner_id'] : []), 'field_id', 'subject_type', 'origin', 'review_state', 'level_id', 'review_level_id', 'review_path'];

export async function up(knex: Knex): Promise<void> {
  for (const { name, owner } of TABLES) {
    if (await knex.schema.hasTable(name)) {
      if (await knex.schema.hasColumn(name, 'review_path')) continue;
      await knex.schema.dropTable(name);
    }
    const dimensions = dimensionsOf(owner);
    await knex.schema.createTable(name, (table) => {
      for (const dimension of dimensions) {
        if (TEXT_DIMENSIONS.has(dimension)) table.string(dimension, dimension === 'review_path' ? 200 : 40).notNullable();
        else table.integer(dimension).notNullable();
      }
      table.integer('n').notNullable();
      table.unique(dimensions, { indexName: `${name}_key` });
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const { name } of TABLES) await knex.schema.dropTableIfExists(name);
}
