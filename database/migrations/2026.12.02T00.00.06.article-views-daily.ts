/**
 * Views of each article per day (Vietnam calendar days), for the newsroom's
 * "most read this week" widget; the article's `viewCount` stays its total.
 * Written by the view counter (src/api/portal/lib/views.ts) with an upsert.
 * Needs none of Strapi's tables.
 */
import type { Knex } from 'knex';

import { VIEWS_DAILY_TABLE } from '../../src/domain/newsroom/tables';

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(VIEWS_DAILY_TABLE)) return;
  await knex.schema.createTable(VIEWS_DAILY_TABLE, (table) => {
    table.string('document_id', 255).notNullable();
    table.string('day', 10).notNullable();
    table.integer('views').notNullable().defaultTo(0);
    table.primary(['document_id', 'day'], `${VIEWS_DAILY_TABLE}_pkey`);
    table.index(['day'], `${VIEWS_DAILY_TABLE}_day_idx`);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(VIEWS_DAILY_TABLE);
}
