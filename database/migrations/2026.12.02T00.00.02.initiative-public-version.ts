/**
 * The public version of each recognised model: its texts as they were when
 * last recognised (src/domain/public-version.ts). The news sites read these,
 * so a model returned for more information and edited by its unit changes
 * on the public page only when it is recognised again. Not a content type:
 * it is derived data, written only by the recognition itself.
 */
import type { Knex } from 'knex';

export const PUBLIC_VERSION_TABLE = 'dvk_initiative_public';

export async function up(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(PUBLIC_VERSION_TABLE)) return;
  await knex.schema.createTable(PUBLIC_VERSION_TABLE, (table) => {
    table.integer('initiative_id').primary(`${PUBLIC_VERSION_TABLE}_pkey`);
    table.string('title', 300).notNullable();
    table.text('summary');
    table.text('content');
    table.text('results');
    table.string('person_name', 200);
    table.string('person_position', 200);
    table.text('indicators');
    table.text('search_text');
    table.timestamp('taken_at').notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(PUBLIC_VERSION_TABLE);
}
