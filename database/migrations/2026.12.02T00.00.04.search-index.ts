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
 *   reads these rows, never the wide ones. The models' table holds public
 *   models only (src/domain/public-initiative.ts), with their date of
 *   recognition: triggers on the initiatives (review state, date) and on
 *   their recognition level link refresh a model's row too, so a search
 *   never joins the wide initiative rows to rank or filter its matches.
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

import { PUBLIC_INITIATIVE_SQL } from '../../src/domain/public-initiative';
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

/** Another table whose rows decide a source row's ranking row: a change to one refreshes the ranking row of `key`. */
export type Dependent = {
  table: string;
  /** The column holding the source row's key. */
  key: string;
  /** The columns whose change matters (all changes when absent). */
  watched?: string[];
  /**
   * The ranking columns this table decides, updated in place (no new words, no row rebuilt); absent:
   * the whole ranking row is rebuilt (e.g. when the table decides whether the row exists at all).
   */
  columns?: string[];
};

export type Source = {
  /** The table searched (its `search_text`, `search_title`, `search_lead`). */
  table: string;
  key: string;
  /** The rows read to build a ranking row: the source row as `r`, joined to what `extra` and `when` read. */
  from?: string;
  /** Tables whose changes refresh a ranking row besides the source table. */
  dependents?: Dependent[];
  /** The ranking table and its key. */
  rank: string;
  rankKey: string;
  /** Columns of the ranking table besides key, title and lead: name → SQL over the source row `r`. */
  extra: Record<string, string>;
  /** Their SQL types where not a date (`timestamp(6)` on PostgreSQL; SQLite keeps values as written). */
  extraTypes?: Record<string, 'integer' | 'text'>;
  /** Whether the ranking rows carry the normalised title and lead (`search_title`, `search_lead`) that relevance reads; default yes. */
  heads?: boolean;
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
    from: `${PUBLIC_VERSION_TABLE} r JOIN initiatives i ON i.id = r.initiative_id`,
    rank: 'dvk_initiative_search',
    rankKey: 'initiative_id',
    extra: { at: 'i.recognized_at' },
    when: PUBLIC_INITIATIVE_SQL('i', 'initiatives_recognition_level_lnk'),
    watched: ['search_text', 'search_title', 'search_lead'],
    dependents: [
      { table: 'initiatives', key: 'id', watched: ['review_state', 'recognized_at'] },
      { table: 'initiatives_recognition_level_lnk', key: 'initiative_id' },
    ],
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
    ...(source.heads === false ? {} : { search_title: 'r.search_title', search_lead: 'r.search_lead' }),
  };
  if (postgres) {
    columns.tsv = "strip(to_tsvector('simple', coalesce(r.search_text, '')))";
    columns.toast_pad = `repeat(' ', ${TOAST_PAD})`;
  }
  return columns;
};

async function createRankTable(knex: Knex, source: Source, postgres: boolean): Promise<void> {
  // Same representation as the source's dates (SQLite: no type affinity, the value as Strapi stored it).
  const type = (name: string) => {
    const declared = source.extraTypes?.[name];
    if (postgres) return declared ?? 'timestamp(6)';
    return declared ? declared.toUpperCase() : '';
  };
  const extra = Object.keys(source.extra).map((name) => `, ${name} ${type(name)}`.trimEnd()).join('');
  const heads = source.heads === false ? '' : postgres ? ', search_title text, search_lead text' : ', search_title TEXT, search_lead TEXT';
  if (postgres) {
    // Title and lead stay in the row (read for every match); the words move out of line (read through the index only).
    // A table whose rows are rewritten in place (no condition on which rows are ranked) leaves room on each page,
    // so that such a rewrite stays on its page and leaves the words' index alone (a HOT update).
    await knex.raw(
      `CREATE TABLE ${source.rank} (${source.rankKey} integer PRIMARY KEY${extra}${heads}, tsv tsvector, toast_pad text) WITH (toast_tuple_target = 128${source.when ? '' : ', fillfactor = 75'})`
    );
    // Texts read for every match stay in the row (else the toaster moves them out of line too, to reach the target).
    const inRow = [...Object.keys(source.extra).filter((name) => source.extraTypes?.[name] === 'text'), ...(source.heads === false ? [] : ['search_title', 'search_lead'])];
    if (inRow.length) await knex.raw(`ALTER TABLE ${source.rank} ${inRow.map((name) => `ALTER COLUMN ${name} SET STORAGE PLAIN`).join(', ')}`);
    await knex.raw(`CREATE INDEX ${source.rank}_tsv_idx ON ${source.rank} USING gin (tsv)`);
  } else {
    await knex.raw(`CREATE TABLE ${source.rank} (${source.rankKey} INTEGER PRIMARY KEY${extra}${heads})`);
  }
}

/** The name (SQLite: the prefix of the names) of the triggers on each dependent table. */
const dependentTriggerNames = (source: Source): string[] => (source.dependents ?? []).map((_, index) => `${source.rank}_sync_${index + 1}`);

/** The names of the triggers (and on PostgreSQL their functions) that keep a ranking table in step. */
export const triggerNames = (source: Source, postgres: boolean): string[] => {
  const dependents = dependentTriggerNames(source);
  if (postgres) return [`${source.rank}_sync`, ...dependents];
  const fts = fullTextName(source.table);
  return [...['ai', 'ad', 'au'].map((suffix) => `${fts}_${suffix}`), ...dependents.flatMap((name) => ['ai', 'ad', 'au'].map((suffix) => `${name}_${suffix}`))];
};

/** (Re)creates the triggers that keep the ranking table (and on SQLite the FTS5 table) in step, then rebuilds them. */
async function syncTriggers(knex: Knex, source: Source, postgres: boolean): Promise<void> {
  const columns = rankColumns(source, postgres);
  const names = Object.keys(columns).join(', ');
  const from = source.from ?? `${source.table} r`;
  const when = source.when ?? 'TRUE';
  /** Statements that make the ranking row of the source row with key `key` (an SQL expression) what the rows say now. */
  const refresh = (key: string) =>
    `DELETE FROM ${source.rank} WHERE ${source.rankKey} = ${key}; ` +
    `INSERT INTO ${source.rank} (${names}) SELECT ${Object.values(columns).join(', ')} FROM ${from} WHERE r.${source.key} = ${key} AND ${when};`;
  /** A statement that rewrites some ranking columns of the row with key `key` in place, from the rows as they are now. */
  const update = (key: string, names: string[]) =>
    `UPDATE ${source.rank} SET ${names.map((name) => `${name} = (SELECT ${columns[name]} FROM ${from} WHERE r.${source.key} = ${key})`).join(', ')} WHERE ${source.rankKey} = ${key};`;
  // Without a condition on which rows are ranked, a change that leaves the words alone rewrites the columns in place.
  const inPlace = Object.keys(columns).filter((name) => !['tsv', 'toast_pad', source.rankKey].includes(name));
  const dependentTriggers = dependentTriggerNames(source);
  if (postgres) {
    const refreshFn = `${source.rank}_refresh`;
    await knex.raw(`CREATE OR REPLACE FUNCTION ${refreshFn}(target integer) RETURNS void LANGUAGE sql AS $$ ${refresh('target')} $$`);
    const triggers = [
      { name: `${source.rank}_sync`, table: source.table, key: source.key, watched: source.watched as string[] | undefined, columns: undefined as string[] | undefined },
      ...(source.dependents ?? []).map((dependent, index) => ({ name: dependentTriggers[index], columns: undefined, ...dependent })),
    ];
    for (const trigger of triggers) {
      const sameKey = `TG_OP = 'UPDATE' AND NEW.${trigger.key} IS NOT DISTINCT FROM OLD.${trigger.key}`;
      // In place: a dependent deciding only some columns; the source itself when its words did not change.
      const cheap = trigger.columns
        ? `IF TG_OP = 'INSERT' OR ${sameKey} THEN ${update(`NEW.${trigger.key}`, trigger.columns)} RETURN NULL; END IF;
  IF TG_OP = 'DELETE' THEN ${update(`OLD.${trigger.key}`, trigger.columns)} RETURN NULL; END IF;`
        : trigger.table === source.table && !source.when
          ? `IF ${sameKey} AND NEW.search_text IS NOT DISTINCT FROM OLD.search_text THEN ${update(`NEW.${trigger.key}`, inPlace)} RETURN NULL; END IF;`
          : '';
      await knex.raw(`CREATE OR REPLACE FUNCTION ${trigger.name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${cheap}
  IF TG_OP <> 'INSERT' THEN PERFORM ${refreshFn}(OLD.${trigger.key}); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.${trigger.key} IS DISTINCT FROM OLD.${trigger.key}) THEN PERFORM ${refreshFn}(NEW.${trigger.key}); END IF;
  RETURN NULL;
END $$`);
      await knex.raw(`DROP TRIGGER IF EXISTS ${trigger.name} ON ${trigger.table}`);
      const operation = trigger.watched ? `UPDATE OF ${trigger.watched.join(', ')}` : 'UPDATE';
      await knex.raw(`CREATE TRIGGER ${trigger.name} AFTER INSERT OR DELETE OR ${operation} ON ${trigger.table} FOR EACH ROW EXECUTE FUNCTION ${trigger.name}()`);
    }
  } else {
    const fts = fullTextName(source.table);
    const add = `INSERT INTO ${fts}(rowid, search_text) VALUES (new.${source.key}, new.search_text);`;
    const remove = `INSERT INTO ${fts}(${fts}, rowid, search_text) VALUES ('delete', old.${source.key}, old.search_text);`;
    for (const name of triggerNames(source, false)) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
    await knex.raw(`CREATE TRIGGER ${fts}_ai AFTER INSERT ON ${source.table} BEGIN ${add} ${refresh(`new.${source.key}`)} END`);
    await knex.raw(`CREATE TRIGGER ${fts}_ad AFTER DELETE ON ${source.table} BEGIN ${remove} ${refresh(`old.${source.key}`)} END`);
    await knex.raw(
      `CREATE TRIGGER ${fts}_au AFTER UPDATE OF ${source.watched.join(', ')} ON ${source.table} BEGIN ${remove} ${add} ${refresh(`old.${source.key}`)} ${refresh(`new.${source.key}`)} END`
    );
    for (const [index, dependent] of (source.dependents ?? []).entries()) {
      const name = dependentTriggers[index];
      const operation = dependent.watched ? `UPDATE OF ${dependent.watched.join(', ')}` : 'UPDATE';
      const apply = (key: string) => (dependent.columns ? update(key, dependent.columns) : refresh(key));
      await knex.raw(`CREATE TRIGGER ${name}_ai AFTER INSERT ON ${dependent.table} BEGIN ${apply(`new.${dependent.key}`)} END`);
      await knex.raw(`CREATE TRIGGER ${name}_ad AFTER DELETE ON ${dependent.table} BEGIN ${apply(`old.${dependent.key}`)} END`);
      await knex.raw(`CREATE TRIGGER ${name}_au AFTER ${operation} ON ${dependent.table} BEGIN ${apply(`old.${dependent.key}`)} ${apply(`new.${dependent.key}`)} END`);
    }
    // Rows written while no trigger kept the index in step: index everything again.
    await knex.raw(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`);
  }
  await knex.raw(`DELETE FROM ${source.rank}`);
  await knex.raw(`INSERT INTO ${source.rank} (${names}) SELECT ${Object.values(columns).join(', ')} FROM ${from} WHERE ${when}`);
}

/** The ranking table has the columns this version writes (an older one is recreated, its rows being derived). */
async function hasCurrentShape(knex: Knex, source: Source, postgres: boolean): Promise<boolean> {
  for (const column of [...Object.keys(source.extra), ...(postgres ? ['toast_pad'] : [])]) {
    if (!(await knex.schema.hasColumn(source.rank, column))) return false;
  }
  return true;
}

/**
 * Makes `source`'s ranking table (and on SQLite its FTS5 table) exist in the current shape with its
 * triggers, rebuilding the rows when a trigger was missing. `existing`: existingNames() of the schema.
 */
export async function ensureRankTable(knex: Knex, source: Source, existing: Set<string>): Promise<void> {
  const postgres = isPostgres(knex);
  if (existing.has(source.rank) && !(await hasCurrentShape(knex, source, postgres))) {
    // Created by an older version (words in its rows, no public-only filter): recreated, and rebuilt below.
    await knex.raw(`DROP TABLE ${source.rank}`);
    existing.delete(source.rank);
  }
  if (!existing.has(source.rank)) await createRankTable(knex, source, postgres);
  if (!postgres) {
    const fts = fullTextName(source.table);
    if (!existing.has(fts)) await knex.raw(`CREATE VIRTUAL TABLE ${fts} USING fts5(search_text, content='${source.table}', content_rowid='${source.key}')`);
  }
  if (existing.has(source.rank) && triggerNames(source, postgres).every((name) => existing.has(name))) return;
  await syncTriggers(knex, source, postgres);
}

export async function up(knex: Knex): Promise<void> {
  const existing = await existingNames(knex);

  // The models' half reads the initiatives and their recognition level (Strapi's tables: after its schema synchronisation).
  if (await hasTables(knex, [PUBLIC_VERSION_TABLE, 'initiatives', 'initiatives_recognition_level_lnk'])) {
    for (const column of ['search_title', 'search_lead']) {
      if (!(await knex.schema.hasColumn(PUBLIC_VERSION_TABLE, column))) {
        await knex.schema.alterTable(PUBLIC_VERSION_TABLE, (table) => {
          table.text(column);
        });
      }
    }
    await fillHeads(knex, PUBLIC_VERSION_TABLE, 'initiative_id', 'summary');
    await ensureRankTable(knex, SOURCES.publicVersions, existing);
  }
  if ((await hasTables(knex, ['articles'])) && (await knex.schema.hasColumn('articles', 'search_title'))) {
    await fillHeads(knex, 'articles', 'id', 'sapo');
    await ensureRankTable(knex, SOURCES.articles, existing);
  }
  if (isPostgres(knex)) {
    // The trigram indexes the full-text search replaces.
    await knex.raw('DROP INDEX IF EXISTS dvk_articles_search_trgm_idx');
    await knex.raw('DROP INDEX IF EXISTS dvk_initiative_public_search_trgm_idx');
  }
}

/** Drops `source`'s ranking table, its triggers and (SQLite) its FTS5 table. */
export async function dropRankTable(knex: Knex, source: Source): Promise<void> {
  if (isPostgres(knex)) {
    const tables = [source.table, ...(source.dependents ?? []).map((dependent) => dependent.table)];
    for (const [index, name] of triggerNames(source, true).entries()) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${name} ON ${tables[index]}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${name}()`);
    }
    await knex.raw(`DROP FUNCTION IF EXISTS ${source.rank}_refresh(integer)`);
  } else {
    for (const name of triggerNames(source, false)) await knex.raw(`DROP TRIGGER IF EXISTS ${name}`);
    await knex.raw(`DROP TABLE IF EXISTS ${fullTextName(source.table)}`);
  }
  await knex.raw(`DROP TABLE IF EXISTS ${source.rank}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const source of Object.values(SOURCES)) await dropRankTable(knex, source);
}
