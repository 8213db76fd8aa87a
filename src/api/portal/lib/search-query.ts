/**
 * The public search in one SQL statement: every match of published articles
 * and public models, ranked, paged, and counted (`count(*) over ()`), so a
 * page at any depth agrees with the total. Matches are ranked on narrow rows
 * (the ranking tables of migration 2026.12.02T00.00.04, kept in step by
 * triggers); only the page's rows are joined to their texts.
 *
 * Matching: every word of the query (normalised like the stored search text,
 * src/domain/text.ts) must be a word of the text; the last one, as it may be
 * still being typed, may be the beginning of a word (unless it is a single
 * letter). Through the full-text indexes of that migration: a GIN index
 * on the stored `to_tsvector('simple', search_text)` on PostgreSQL, FTS5
 * `MATCH` on SQLite — the same words match on both.
 *
 * Relevance, from the normalised title and lead kept beside the search text:
 * 4 when the title holds the whole query, plus 1 per query word found in the
 * title, plus 1 when the lead (sapo, summary) holds the whole query (words
 * matched as above).
 * Ties: newest first (display date, date of recognition; undated last), then
 * articles before models, then the newest row.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { PUBLIC_VERSION_TABLE } from '../../../domain/public-version';
import { tableOf } from '../../../domain/sql';
import { fullTextName, SOURCES, type Source } from '../../../../database/migrations/2026.12.02T00.00.04.search-index';

const ARTICLE = 'api::article.article';
const INITIATIVE = 'api::initiative.initiative';

/** At most this many words of a query are used. */
export const MAX_TERMS = 8;

export type SearchType = 'all' | 'article' | 'initiative';
export type SearchHit = { type: 'article' | 'initiative'; slug: string; title: string; text: string | null; at: unknown; relevance: number };

/** The distinct words of a normalised query, in their order. */
export const searchTerms = (normalised: string): string[] => [...new Set(normalised.split(' ').filter(Boolean))].slice(0, MAX_TERMS);

/** The last word of a query (two letters or more) may be the beginning of a word, as while typing; the others are whole words. */
const isPrefix = (terms: string[], index: number) => index === terms.length - 1 && terms[index].length > 1;

/** A LIKE pattern for these words in a space-padded text, the last one possibly a word's beginning. */
const wordPattern = (words: string, prefix: boolean) => (prefix ? `% ${words}%` : `% ${words} %`);

export function searchQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const article = tableOf(strapi, ARTICLE);
  const initiative = tableOf(strapi, INITIATIVE);
  const site = tableOf(strapi, 'api::site.site');
  const sitesLink = article.link('sites');
  const { articles: articleSource, publicVersions: modelSource } = SOURCES;

  /** Ranking rows (alias `s`) of `source` whose search text holds every term. */
  const matching = (query: Knex.QueryBuilder, source: Source, terms: string[]) => {
    if (postgres) {
      const tsquery = terms.map((term, index) => (isPrefix(terms, index) ? `${term}:*` : term)).join(' & ');
      return query.whereRaw(`s.tsv @@ to_tsquery('simple', ?)`, [tsquery]);
    }
    const match = terms.map((term, index) => `"${term}"${isPrefix(terms, index) ? '*' : ''}`).join(' AND ');
    const fts = fullTextName(source.table);
    return query.whereIn(`s.${source.rankKey}`, knex(fts).select('rowid').whereRaw(`${fts} MATCH ?`, [match]));
  };

  /** The relevance (see above) from the ranking row's normalised title and lead. */
  const relevance = (terms: string[]) => {
    const phrase = wordPattern(terms.join(' '), isPrefix(terms, terms.length - 1));
    const padded = (column: string) => `(' ' || coalesce(${column}, '') || ' ')`;
    const parts = [
      { sql: `case when ${padded('s.search_title')} like ? then 4 else 0 end`, bindings: [phrase] },
      ...terms.map((term, index) => ({ sql: `case when ${padded('s.search_title')} like ? then 1 else 0 end`, bindings: [wordPattern(term, isPrefix(terms, index))] })),
      { sql: `case when ${padded('s.search_lead')} like ? then 1 else 0 end`, bindings: [phrase] },
    ];
    return knex.raw(`(${parts.map((part) => part.sql).join(' + ')}) as relevance`, parts.flatMap((part) => part.bindings));
  };

  // Published article rows only are in their ranking table.
  const articles = (terms: string[], siteCode?: string) => {
    const query = matching(knex({ s: articleSource.rank }), articleSource, terms);
    if (siteCode) {
      query.whereExists(
        knex({ l: sitesLink.table })
          .join({ st: site.name }, 'st.id', `l.${sitesLink.target}`)
          .whereRaw(`l.${sitesLink.owner} = s.${articleSource.rankKey}`)
          .where(`st.${site.column('code')}`, siteCode)
      );
    }
    return query.select(knex.raw(`'article' as type`), { id: `s.${articleSource.rankKey}`, at: 's.at' }, relevance(terms));
  };

  // A public model is searched, and shown, as last recognised (src/domain/public-version.ts); its ranking table holds public
  // models only (src/domain/public-initiative.ts, kept by triggers), with their date of recognition.
  const initiatives = (terms: string[]) =>
    matching(knex({ s: modelSource.rank }), modelSource, terms).select(
      knex.raw(`'initiative' as type`),
      { id: `s.${modelSource.rankKey}`, at: 's.at' },
      relevance(terms)
    );

  /** Every match as (type, id, at, relevance): narrow rows only. */
  const matches = (terms: string[], type: SearchType, siteCode?: string) => {
    const parts = [...(type !== 'initiative' ? [articles(terms, siteCode)] : []), ...(type !== 'article' ? [initiatives(terms)] : [])];
    const [first, ...rest] = parts;
    return rest.length ? first.unionAll(rest) : first;
  };

  const order = `relevance desc, at desc${postgres ? ' nulls last' : ''}, type asc, id desc`;

  type PageOptions = { type: SearchType; site?: string; limit: number; offset: number };

  /** The page and the total, with `db` (the connection, or the transaction it runs in). */
  const pageOn = async (db: Knex | Knex.Transaction, terms: string[], options: PageOptions) => {
    // The page is chosen on the narrow rows; only its rows are joined to their texts.
    const page = knex
      .select('m.*', knex.raw('count(*) over () as total'))
      .from(matches(terms, options.type, options.site).as('m'))
      .orderByRaw(order)
      .limit(options.limit)
      .offset(options.offset);
    const rows = (await db
      .from(page.as('p'))
      .leftJoin({ a: article.name }, (join) => join.on('a.id', '=', 'p.id').andOn('p.type', '=', knex.raw('?', ['article'])))
      .leftJoin({ pi: initiative.name }, (join) => join.on('pi.id', '=', 'p.id').andOn('p.type', '=', knex.raw('?', ['initiative'])))
      .leftJoin({ pv: PUBLIC_VERSION_TABLE }, 'pv.initiative_id', 'pi.id')
      .select('p.type', 'p.id', 'p.at', 'p.relevance', 'p.total')
      .select(
        knex.raw(`coalesce(a.${article.column('slug')}, pi.${initiative.column('slug')}) as slug`),
        knex.raw(`coalesce(a.${article.column('title')}, pv.title) as title`),
        knex.raw(`case when p.type = 'article' then a.${article.column('sapo')} else pv.summary end as text`)
      )
      .orderByRaw(order.replace(/(^|, )/g, '$1p.'))) as Array<SearchHit & { id: number; total: number | string; relevance: number | string }>;
    // Past the last page no row carries the total: count alone.
    const total = rows.length
      ? Number(rows[0].total)
      : options.offset > 0
        ? Number(((await db.count({ n: '*' }).from(matches(terms, options.type, options.site).as('m'))) as Array<{ n: number | string }>)[0].n)
        : 0;
    return { total, hits: rows.map(({ type, slug, title, text, at, relevance: score }) => ({ type, slug, title, text, at, relevance: Number(score) })) };
  };

  return {
    /** One page of ranked matches and the number of all matches, in one statement. */
    async page(terms: string[], options: PageOptions) {
      if (!postgres) return pageOn(knex, terms, options);
      // PostgreSQL estimates a common word's GIN lookup as dearer than reading the ranking table through,
      // and then evaluates every row's words: ten times slower. Parallel workers cost more than they save on
      // a query of tens of milliseconds sharing the cores with the other requests. Both are set for this
      // transaction only.
      return knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0');
        return pageOn(trx, terms, options);
      });
    },
  };
}
