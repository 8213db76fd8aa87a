/**
 * The public search in one SQL statement: every match of published articles
 * and public models, ranked, paged, and counted (`count(*) over ()`), so a
 * page at any depth agrees with the total.
 *
 * Matching: every word of the query (normalised like the stored search text,
 * src/domain/text.ts) must begin a word of the text; a one-letter word must be
 * a whole word. Through the full-text indexes of migration
 * 2026.12.02T00.00.04: `to_tsvector('simple', search_text) @@ to_tsquery(...)`
 * on PostgreSQL, FTS5 `MATCH` on SQLite — the same words match on both.
 *
 * Relevance, from the normalised title and lead kept beside the search text:
 * 4 when the title holds the whole query, plus 1 per query word beginning a
 * title word, plus 1 when the lead (sapo, summary) holds the whole query.
 * Ties: newest first (display date, date of recognition; undated last), then
 * articles before models, then the newest row.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { wherePublicInitiative } from '../../../domain/public-initiative';
import { PUBLIC_VERSION_TABLE } from '../../../domain/public-version';
import { tableOf } from '../../../domain/sql';
import { fullTextName } from '../../../../database/migrations/2026.12.02T00.00.04.search-index';

const ARTICLE = 'api::article.article';
const INITIATIVE = 'api::initiative.initiative';

/** At most this many words of a query are used. */
export const MAX_TERMS = 8;

export type SearchType = 'all' | 'article' | 'initiative';
export type SearchHit = { type: 'article' | 'initiative'; slug: string; title: string; text: string | null; at: unknown; relevance: number };

/** The distinct words of a normalised query, in their order. */
export const searchTerms = (normalised: string): string[] => [...new Set(normalised.split(' ').filter(Boolean))].slice(0, MAX_TERMS);

/** A word matches the beginning of a text word; a one-letter word only a whole word. */
const wordPattern = (words: string) => ((words.split(' ').pop() ?? '').length > 1 ? `% ${words}%` : `% ${words} %`);

export function searchQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const article = tableOf(strapi, ARTICLE);
  const initiative = tableOf(strapi, INITIATIVE);
  const site = tableOf(strapi, 'api::site.site');
  const sitesLink = article.link('sites');
  const levelLink = initiative.link('recognitionLevel');

  /** Rows of `alias` whose search text (full-text table `table`) holds every term. */
  const matching = (query: Knex.QueryBuilder, alias: string, table: string, key: string, terms: string[]) => {
    if (postgres) {
      const tsquery = terms.map((term) => (term.length > 1 ? `${term}:*` : term)).join(' & ');
      return query.whereRaw(`to_tsvector('simple', ${alias}.search_text) @@ to_tsquery('simple', ?)`, [tsquery]);
    }
    const match = terms.map((term) => `"${term}"${term.length > 1 ? '*' : ''}`).join(' AND ');
    const fts = fullTextName(table);
    return query.whereIn(`${alias}.${key}`, knex(fts).select('rowid').whereRaw(`${fts} MATCH ?`, [match]));
  };

  /** The relevance (see above) of rows whose normalised title and lead are these columns. */
  const relevance = (titleColumn: string, leadColumn: string, terms: string[]) => {
    const phrase = wordPattern(terms.join(' '));
    const padded = (column: string) => `(' ' || coalesce(${column}, '') || ' ')`;
    const parts = [
      { sql: `case when ${padded(titleColumn)} like ? then 4 else 0 end`, bindings: [phrase] },
      ...terms.map((term) => ({ sql: `case when ${padded(titleColumn)} like ? then 1 else 0 end`, bindings: [wordPattern(term)] })),
      { sql: `case when ${padded(leadColumn)} like ? then 1 else 0 end`, bindings: [phrase] },
    ];
    return knex.raw(`(${parts.map((part) => part.sql).join(' + ')}) as relevance`, parts.flatMap((part) => part.bindings));
  };

  const articles = (terms: string[], siteCode?: string) => {
    const query = knex({ a: article.name }).whereNotNull(`a.${article.column('publishedAt')}`);
    matching(query, 'a', article.name, 'id', terms);
    if (siteCode) {
      query.whereExists(
        knex({ l: sitesLink.table })
          .join({ s: site.name }, 's.id', `l.${sitesLink.target}`)
          .whereRaw(`l.${sitesLink.owner} = a.id`)
          .where(`s.${site.column('code')}`, siteCode)
      );
    }
    return query.select(
      knex.raw(`'article' as type`),
      { id: 'a.id', slug: `a.${article.column('slug')}`, title: `a.${article.column('title')}`, text: `a.${article.column('sapo')}` },
      knex.raw(`coalesce(a.${article.column('displayAt')}, a.${article.column('publishedAt')}) as at`),
      relevance(`a.${article.column('searchTitle')}`, `a.${article.column('searchLead')}`, terms)
    );
  };

  // A public model is searched, and shown, as last recognised (src/domain/public-version.ts).
  const initiatives = (terms: string[]) => {
    const query = wherePublicInitiative(knex({ i: initiative.name }), {
      alias: 'i',
      reviewState: `i.${initiative.column('reviewState')}`,
      levelLink,
    }).join({ pv: PUBLIC_VERSION_TABLE }, 'pv.initiative_id', 'i.id');
    matching(query, 'pv', PUBLIC_VERSION_TABLE, 'initiative_id', terms);
    return query.select(
      knex.raw(`'initiative' as type`),
      { id: 'i.id', slug: `i.${initiative.column('slug')}`, title: 'pv.title', text: 'pv.summary', at: `i.${initiative.column('recognizedAt')}` },
      relevance('pv.search_title', 'pv.search_lead', terms)
    );
  };

  const matches = (terms: string[], type: SearchType, siteCode?: string) => {
    const parts = [...(type !== 'initiative' ? [articles(terms, siteCode)] : []), ...(type !== 'article' ? [initiatives(terms)] : [])];
    const [first, ...rest] = parts;
    return rest.length ? first.unionAll(rest) : first;
  };

  return {
    /** One page of ranked matches and the number of all matches. */
    async page(terms: string[], options: { type: SearchType; site?: string; limit: number; offset: number }) {
      const rows = (await knex
        .select('m.*', knex.raw('count(*) over () as total'))
        .from(matches(terms, options.type, options.site).as('m'))
        .orderByRaw(`m.relevance desc, m.at desc${postgres ? ' nulls last' : ''}, m.type asc, m.id desc`)
        .limit(options.limit)
        .offset(options.offset)) as Array<SearchHit & { total: number | string; relevance: number | string }>;
      // Past the last page no row carries the total: count alone.
      const total = rows.length
        ? Number(rows[0].total)
        : options.offset > 0
          ? Number(((await knex.count({ n: '*' }).from(matches(terms, options.type, options.site).as('m'))) as Array<{ n: number | string }>)[0].n)
          : 0;
      return { total, hits: rows.map(({ total: _total, ...hit }) => ({ ...hit, relevance: Number(hit.relevance) })) };
    },
  };
}
