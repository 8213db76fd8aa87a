/**
 * Indexes of readers' comments: the approved count of each article card
 * and an article's threads (article, state, then date), and the
 * moderation list of one state, newest first.
 *
 * Requires Strapi's `comments` table: on a new database this migration runs
 * before Strapi creates it and does nothing; the application applies it
 * again right after the schema synchronisation (src/domain/schema-migrations.ts).
 * Idempotent: only missing indexes are created.
 */
import type { Knex } from 'knex';

import { existingNames, hasTables } from '../../src/domain/schema-migrations-support';

const INDEXES: Array<{ name: string; sql: string }> = [
  {
    name: 'dvk_comments_article_idx',
    sql: 'CREATE INDEX dvk_comments_article_idx ON comments (article_document_id, status, reply_to, created_at)',
  },
  { name: 'dvk_comments_status_idx', sql: 'CREATE INDEX dvk_comments_status_idx ON comments (status, created_at)' },
  { name: 'dvk_comments_reply_idx', sql: 'CREATE INDEX dvk_comments_reply_idx ON comments (reply_to)' },
];

export async function up(knex: Knex): Promise<void> {
  if (!(await hasTables(knex, ['comments']))) return;
  const existing = await existingNames(knex);
  for (const index of INDEXES) {
    if (!existing.has(index.name)) await knex.raw(index.sql);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const index of INDEXES) await knex.raw(`DROP INDEX IF EXISTS ${index.name}`);
}
