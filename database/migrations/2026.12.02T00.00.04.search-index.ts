/**
 * Full-text search over the unaccented search text, so the public search
 * finds, counts and ranks every match through an index and narrow rows (the
 * previous trigram `LIKE '%…%'` rechecked the whole text of every candidate
 * row in the wide article and model tables).
 *
 * - Narrow ranking tables, one row per searchable item: `dvk_article_search`
 *   (published article rows: display date, normalised title and lead) and
 *   `dvk_initiative_search` (models' public versions: normalised title and
 *   lead). Database triggers keep them in step with `articles` and
 *   `dvk_initiative_public`, whoever writes (the app, an import, a restored
 *   dump, the bench's bulk inserts). Ranking all matches of a common word
 *   reads these rows, never the wide ones.
 * - PostgreSQL: a stripped `to_tsvector('simple', search_text)` column on
 *   each ranking table (set by the trigger) with a GIN index. The 'simple'
 *   configuration only splits words and lowercases: the text is normalised
 *   already (src/domain/text.ts). The words are stored out of line, in the
 *   table's TOAST relation, so that a heap page holds some 30 ranking rows
 *   instead of 7: a bitmap scan of a common word's matches reads a quarter
 *   of the pages, and never the words themselves (the GIN answer needs no
 *   recheck). PostgreSQL moves values out of line only from rows longer
 *   than about 2 kB (TOAST_TUPLE_THRESHOLD), whatever `toast_tuple_target`
 *   says, and the words are about 800 bytes: every row therefore carries
 *   `toast_pad`, 2 kB of spaces that compress to some 30 bytes in the row,
 *   so that each row is toasted down to `toast_tuple_target` and its words
 *   leave the row. A ranking table created without it is recreated.
 * - SQLite: FTS5 tables with external content (the article rows and the
 *   public versions), kept in step by triggers.
 * - Whenever a table's triggers had to be (re)created — a new database, or
 *   SQLite recreated the table for a column change, which drops its
 *   triggers — the derived rows are rebuilt from the source tables.
 * - The normalised title and lead: `search_title` / `search_lead` on the
 *   public versions (added here) and on articles (attributes of the article
 *   type, written with the search text), filled for rows written before they
 *   existed.
 *
 * Requires Strapi's `articles` table (with `search_title`) for the article
 * half, and `dvk_initiative_public` (migration 2026.12.02T00.00.02). Strapi 5
 * runs user migrations before it creates its own tables, so on a new
 * database the article half is skipped here and applied right after Strapi's
 * schema synchronisation (src/domain/schema-migrations.ts), which re-applies
 * this migration on every start. Idempotent: what exists is left as it is.
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

export type Source = {
  /** The table searched (its `search_text`, `search_title`, `search_lead`). */
  table: string;
  key: string;
  /** The ranking table and its key. */
  rank: string;
  rankKey: string;
  /** Columns of the ranking table besides key, title and lead: name → SQL over the source row `r`. */
  extra: Record<string, string>;
  /** Which source rows are searchable (SQL over `r`). */
  when?: string;
  /** The source columns whose change rewrites the row. */
  watched: string[];
};

export const SOURCES: Record<'articles' | 'publicVersions', Source> = {
  articles: {
    table: 'articles',
    key: 'id',
    rank: 'dvk_article_search',
    rankKey: 'article_id',
    extra: { at: 'coalesce(r.display_at, r.published_at)' },
    when: 'r.published_at IS NOT NULL',
    watched: ['published_at', 'display_at', 'search_text', 'search_title', 'search_lead'],
  },
  publicVersions: {
    table: PUBLIC_VERSION_TABLE,
    key: 'initiative_id',
    rank: 'dvk_initiative_search',
    rankKey: 'initiative_id',
    extra: {},
    watched: ['search_text', 'search_title', 'search_lead'],
  },
};

/** Name of a source table's FTS5 table (SQLite). */
export const fullTextName = (table: string): string => `dvk_${table.replace(/^dvk_/, '')}_fts`;

/** Length of `toast_pad`: above PostgreSQL's TOAST_TUPLE_THRESHOLD (2032 bytes with 8 kB pages) on its own. */
const TOAST_PAD = 2048;

/** The ranking row of source row `r`, as SELECT columns (and on PostgreSQL its words). */
const rankColumns = (source: Source, postgres: boolean) => {
  const columns: Record<string, string> = {
    [source.rankKey]: `r.${source.key}`,
    ...source.extra,
    search_title: 'r.search_title',
    search_lead: 'r.search_lead',
  };
  if (postgres) {
    columns.tsv = "strip(to_tsvector('simple', coalesce(r.search_text, '')))";
    columns.toast_pad = `repeat(' ', ${TOAST_PAD})`;
  }
  return columns;
};

async function createRankTable(knex: Knex, source: Source, postgres: boolean): Promise<void> {
  // Same representation as the source's dates (SQLite: no type affinity, the value as Strapi stored it).
  const extra = Object.keys(source.extra).map((name) => `, ${name}${postgres ? ' timestamp(6)' : ''}`).join('');
  if (postgres) {
    // Title and lead stay in the row (read for every match); the words move out of line (read through the index only).
    await knex.raw(
      `CREATE TABLE ${source.rank} (${source.rankKey} integer PRIMARY KEY${extra}, search_title text, search_lead text, tsv tsvector, toast_pad text) WITH (toast_tuple_target = 128)`
    );
    await knex.raw(`ALTER TABLE ${source.rank} ALTER COLUMN search_title SET STORAGE PLAIN, ALTER COLUMN search_lead SET STORAGE PLAIN`);
    await knex.raw(`CREATE INDEX ${source.rank}_tsv_idx ON ${source.rank} USING gin (tsv)`);
  } else {
    await knex.raw(`CREATE TABLE ${source.rank} (${source.rankKey} INTEGER PRIMARY KEY${extra}, search_title TEXT, search_lead TEXT)`);
  }
}

/** (Re)creates the triggers that keep the ranking table (and on SQLite the FTS5 table) in step, then rebuilds them. */
async function syncTriggers(knex: Knex, source: Source, postgres: boolean): Promise<void> {
  const columns = rankColumns(source, postgres);
  const names = Object.keys(columns).join(', ');
  const values = (row: 'NEW' | 'new') => Object.values(columns).map((sql) => sql.replace(/\br\./g, `${row}.`)).join(', ');
  const when = (row: 'NEW' | 'new') => (source.when ? source.when.replace(/\br\./g, `${row}.`) : 'TRUE');
  if (postgres) {
    const fn = `${source.rank}_sync`;
    await knex.raw(`CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN DELETE FROM ${source.rank} WHERE ${source.rankKey} = OLD.${source.key}; END IF;
  IF TG_OP <> 'DELETE' AND ${when('NEW')} THEN INSERT INTO ${source.rank} (${names}) VALUES (${values('NEW')}); END IF;
  RETURN NULL;
END $$`);
    await knex.raw(`DROP TRIGGER IF EXISTS ${fn} ON ${source.table}`);
    await knex.raw(
      `CREATE TRIGGER ${fn} AFTER INSERT OR DELETE OR UPDATE OF ${source.watched.join(', ')} ON ${source.table} FOR EACH ROW EXECUTE FUNCTION ${fn}()`
    );
  } else {
    const fts = fullTextName(source.table);
    const add = `INSERT INTO ${fts}(rowid, search_text) VALUES (new.${source.key}, new.search_text); INSERT INTO ${source.rank} (${names}) SELECT ${values('new')} WHERE ${when('new')};`;
    const remove = `INSERT INTO ${fts}(${fts}, rowid, search_text) VALUES ('delete', old.${source.key}, old.search_text); DELETE FROM ${source.rank} WHERE ${source.rankKey} = old.${source.key};`;
    for (const suffix of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
    await knex.raw(`CREATE TRIGGER ${fts}_ai AFTER INSERT ON ${source.table} BEGIN ${add} END`);
    await knex.raw(`CREATE TRIGGER ${fts}_ad AFTER DELETE ON ${source.table} BEGIN ${remove} END`);
    await knex.raw(`CREATE TRIGGER ${fts}_au AFTER UPDATE OF ${source.watched.join(', ')} ON ${source.table} BEGIN ${remove} ${add} END`);
    // Rows written while no trigger kept the index in step: index everything again.
    await knex.raw(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
  }
  await knex.raw(`DELETE FROM ${source.rank}`);
  await knex.raw(`INSERT INTO ${source.rank} (${names}) SELECT ${Object.values(columns).join(', ')} FROM ${source.table} r WHERE ${source.when ?? 'TRUE'}`);
}

async function searchIndex(knex: Knex, source: Source, existing: Set<string>): Promise<void> {
  const postgres = isPostgres(knex);
  if (postgres && existing.has(source.rank) && !(await knex.schema.hasColumn(source.rank, 'toast_pad'))) {
    // Created with the words in its rows: recreated, and rebuilt below.
    await knex.raw(`DROP TABLE ${source.rank}`);
    existing.delete(source.rank);
  }
  if (!existing.has(source.rank)) await createRankTable(knex, source, postgres);
  if (postgres) {
    if (existing.has(source.rank) && existing.has(`${source.rank}_sync`)) return;
  } else {
    const fts = fullTextName(source.table);
    if (!existing.has(fts)) await knex.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(search_text, content='${source.table}', content_rowid='${source.key}')`);
    if (existing.has(source.rank) && ['ai', 'ad', 'au'].every((suffix) => existing.has(`${fts}_${suffix}`))) return;
  }
  await syncTriggers(knex, source, postgres);
}

export async function up(knex: Knex): Promise<void> {
  const existing = await existingNames(knex);

  if (await hasTables(knex, [PUBLIC_VERSION_TABLE])) {
    for (const column of ['search_title', 'search_lead']) {
      if (!(await knex.schema.hasColumn(PUBLIC_VERSION_TABLE, column))) {
        await knex.schema.alterTable(PUBLIC_VERSION_TABLE, (table) => {
          table.text(column);
        });
      }
    }
    await fillHeads(knex, PUBLIC_VERSION_TABLE, 'initiative_id', 'summary');
    await searchIndex(knex, SOURCES.publicVersions, existing);
  }
  if ((await hasTables(knex, ['articles'])) && (await knex.schema.hasColumn('articles', 'search_title'))) {
    await fillHeads(knex, 'articles', 'id', 'sapo');
    await searchIndex(knex, SOURCES.articles, existing);
  }
  if (isPostgres(knex)) {
    // The trigram indexes the full-text search replaces.
    await knex.raw('DROP INDEX IF EXISTS dvk_articles_search_trgm_idx');
    await knex.raw('DROP INDEX IF EXISTS dvk_initiative_public_search_trgm_idx');
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const source of Object.values(SOURCES)) {
    if (isPostgres(knex)) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${source.rank}_sync ON ${source.table}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${source.rank}_sync()`);
    } else {
      const fts = fullTextName(source.table);
      for (const suffix of ['ai', 'ad', 'au']) await knex.raw(`DROP TRIGGER IF EXISTS ${fts}_${suffix}`);
      await knex.raw(`DROP TABLE IF EXISTS ${fts}`);
    }
    await knex.raw(`DROP TABLE IF EXISTS ${source.rank}`);
  }
}
