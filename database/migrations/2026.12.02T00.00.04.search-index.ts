/**
 * Full-text search over the unaccented search text, so the public search
 * finds, counts and ranks every match through an index (the previous trigram
 * `LIKE '%…%'` rechecked the whole text of every candidate row: ~1.4 s for a
 * common word on 100,000 models and 50,000 articles).
 *
 * - PostgreSQL: GIN indexes on `to_tsvector('simple', search_text)` of the
 *   published article rows and of the models' public versions (expression
 *   indexes: nothing to keep in step). The 'simple' configuration only
 *   splits words and lowercases, the text being normalised already
 *   (src/domain/text.ts).
 * - SQLite: FTS5 tables with external content (the article rows and the
 *   public versions), kept in step by triggers, rebuilt whenever their
 *   triggers had to be (re)created — e.g. after SQLite recreated the articles
 *   table for a column change, which drops its triggers.
 * - The normalised title and lead the ranking reads: `search_title` and
 *   `search_lead` on the public versions (added here) and on articles
 *   (attributes of the article type, written with the search text), filled
 *   for rows written before they existed.
 *
 * Requires Strapi's `articles` table for the article half, and
 * `dvk_initiative_public` (migration 2026.12.02T00.00.02). Strapi 5 runs user
 * migrations before it creates its own tables, so on a new database the
 * article half is skipped here and applied right after Strapi's schema
 * synchronisation (src/domain/schema-migrations.ts), which re-applies this
 * migration on every start. Idempotent: what exists is left as it is.
 */
import type { Knex } from 'knex';

import { existingNames, hasTables, isPostgres } from '../../src/domain/schema-migrations-support';
import { normalizeForSearch } from '../../src/domain/text';

const PUBLIC_VERSION_TABLE = 'dvk_initiative_public';

/** Fills `search_title` / `search_lead` of rows that have none, from their title and lead. */
async function fillHeads(knex: Knex, table: string, key: string, lead: string): Promise<void> {
  for (;;) {
    const rows = (await knex(table).whereNull('search_title').orderBy(key).limit(500).select({ key, title: 'title', lead })) as Array<{
      key: number;
      title: string | null;
      lead: string | null;
    }>;
    if (rows.length === 0) return;
    await knex.transaction(async (trx) => {
      for (const row of rows) {
        await trx(table)
          .where(key, row.key)
          .update({ search_title: normalizeForSearch(row.title ?? ''), search_lead: normalizeForSearch(row.lead ?? '') });
      }
    });
  }
}

type FullText = { table: string; key: string; where?: string };

const FULL_TEXT: Record<'articles' | 'publicVersions', FullText> = {
  articles: { table: 'articles', key: 'id', where: 'published_at IS NOT NULL' },
  publicVersions: { table: PUBLIC_VERSION_TABLE, key: 'initiative_id' },
};

/** Name of a table's full-text index (PostgreSQL) or FTS5 table (SQLite). */
export const fullTextName = (table: string): string => `dvk_${table.replace(/^dvk_/, '')}_fts`;

async function postgresFullText(knex: Knex, target: FullText, existing: Set<string>): Promise<void> {
  const name = `${fullTextName(target.table)}_idx`;
  if (existing.has(name)) return;
  await knex.raw(
    `CREATE INDEX ${name} ON ${target.table} USING gin (to_tsvector('simple', search_text))${target.where ? ` WHERE ${target.where}` : ''}`
  );
}

async function sqliteFullText(knex: Knex, target: FullText, existing: Set<string>): Promise<void> {
  const fts = fullTextName(target.table);
  const triggers = { insert: `${fts}_ai`, delete: `${fts}_ad`, update: `${fts}_au` };
  if (existing.has(fts) && Object.values(triggers).every((name) => existing.has(name))) return;
  if (!existing.has(fts)) {
    await knex.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(search_text, content='${target.table}', content_rowid='${target.key}')`);
  }
  const add = `INSERT INTO ${fts}(rowid, search_text) VALUES (new.${target.key}, new.search_text);`;
  const remove = `INSERT INTO ${fts}(${fts}, rowid, search_text) VALUES ('delete', old.${target.key}, old.search_text);`;
  for (const name of Object.values(triggers)) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
  await knex.raw(`CREATE TRIGGER ${triggers.insert} AFTER INSERT ON ${target.table} BEGIN ${add} END`);
  await knex.raw(`CREATE TRIGGER ${triggers.delete} AFTER DELETE ON ${target.table} BEGIN ${remove} END`);
  await knex.raw(`CREATE TRIGGER ${triggers.update} AFTER UPDATE OF search_text ON ${target.table} BEGIN ${remove} ${add} END`);
  // Rows written while no trigger kept the index in step: index everything again.
  await knex.raw(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
}

export async function up(knex: Knex): Promise<void> {
  const postgres = isPostgres(knex);
  const existing = await existingNames(knex);
  const fullText = (target: FullText) => (postgres ? postgresFullText(knex, target, existing) : sqliteFullText(knex, target, existing));

  if (await hasTables(knex, [PUBLIC_VERSION_TABLE])) {
    for (const column of ['search_title', 'search_lead']) {
      if (!(await knex.schema.hasColumn(PUBLIC_VERSION_TABLE, column))) {
        await knex.schema.alterTable(PUBLIC_VERSION_TABLE, (table) => {
          table.text(column);
        });
      }
    }
    await fillHeads(knex, PUBLIC_VERSION_TABLE, 'initiative_id', 'summary');
    await fullText(FULL_TEXT.publicVersions);
  }
  if ((await hasTables(knex, ['articles'])) && (await knex.schema.hasColumn('articles', 'search_title'))) {
    await fillHeads(knex, 'articles', 'id', 'sapo');
    await fullText(FULL_TEXT.articles);
  }
  if (postgres) {
    // The trigram indexes the full-text ones replace.
    await knex.raw('DROP INDEX IF EXISTS dvk_articles_search_trgm_idx');
    await knex.raw('DROP INDEX IF EXISTS dvk_initiative_public_search_trgm_idx');
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const target of Object.values(FULL_TEXT)) {
    const fts = fullTextName(target.table);
    if (isPostgres(knex)) await knex.raw(`DROP INDEX IF EXISTS ${fts}_idx`);
    else {
      for (const suffix of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
      await knex.raw(`DROP TABLE IF EXISTS ${fts}`);
    }
  }
}
