/**
 * The search text of a collective model no longer holds the person's name,
 * which is private for such models (only an individual model's exemplary
 * person is public). Recomputes the rows written before that rule; new
 * writes follow it (src/domain/middlewares/search-text.ts). Skipped on a new
 * database, where the table does not exist yet.
 */
import type { Knex } from 'knex';

import { buildSearchText } from '../../src/domain/text';

type Row = { id: number; title: string | null; summary: string | null; content: string | null; results: string | null };

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable('initiatives'))) return;
  const rows = (await knex('initiatives')
    .whereNot('subject_type', 'individual')
    .whereNotNull('person_name')
    .select('id', 'title', 'summary', 'content', 'results')) as Row[];
  for (const row of rows) {
    await knex('initiatives')
      .where({ id: row.id })
      .update({ search_text: buildSearchText([row.title, row.summary], [row.content, row.results]) });
  }
}

export async function down(): Promise<void> {
  // Nothing to undo: the old search text only leaked a private field.
}
