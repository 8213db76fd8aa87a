import type { Core } from '@strapi/strapi';

import { buildSearchText, normalizeForSearch } from '../text';
import { isWrittenDocument, type DocumentMiddleware } from './types';

type Row = Record<string, string | null> & { id: number };

/**
 * Which fields feed each type's search text; Markdown fields are reduced to
 * plain text. Only fields the public sees: a person's name is public for an
 * individual model (the exemplary person) and private otherwise.
 */
export const SEARCH_SOURCES: Record<
  string,
  { plain: string[]; markdown: string[]; publicIf?: Record<string, (row: Row) => boolean>; ranked?: { title: string; lead: string } }
> = {
  // Articles also keep their title and lead normalised apart, for the search's relevance
  // (src/api/portal/lib/search-query.ts); a model's are in its public version.
  'api::article.article': { plain: ['title', 'sapo', 'authorName', 'sourceAgency'], markdown: ['body'], ranked: { title: 'title', lead: 'sapo' } },
  'api::initiative.initiative': {
    plain: ['title', 'summary', 'personName'],
    markdown: ['content', 'results'],
    publicIf: { personName: (row) => row.subjectType === 'individual' },
  },
};

const READ_ALSO: Record<string, string[]> = { 'api::initiative.initiative': ['subjectType'] };

/** A document's search text from its stored fields (see SEARCH_SOURCES). */
export function searchTextOf(uid: string, row: Record<string, string | null | undefined>): string {
  const sources = SEARCH_SOURCES[uid];
  const values = row as Row;
  return buildSearchText(
    sources.plain.map((field) => (sources.publicIf?.[field] && !sources.publicIf[field](values) ? null : values[field])),
    sources.markdown.map((field) => values[field])
  );
}

const ACTIONS = new Set(['create', 'update', 'publish', 'discardDraft']);

/**
 * Keeps `searchText` (lowercase, no diacritics, đ → d) in step with the text
 * fields after every write, for every stored version (draft and published).
 * Written with the query engine, so it does not re-enter these middlewares.
 */
export const searchTextMiddleware =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const sources = SEARCH_SOURCES[ctx.uid];
    if (!sources || !ACTIONS.has(ctx.action)) return next();
    const result = await next();
    const documentId = isWrittenDocument(result) ? result.documentId : ctx.params.documentId;
    if (!documentId) return result;

    const stored = ['searchText', ...(sources.ranked ? ['searchTitle', 'searchLead'] : [])];
    const rows = (await strapi.db.query(ctx.uid).findMany({
      where: { documentId },
      select: ['id', ...stored, ...sources.plain, ...sources.markdown, ...(READ_ALSO[ctx.uid] ?? [])],
    })) as Row[];
    for (const row of rows) {
      const data: Record<string, string> = {
        searchText: searchTextOf(ctx.uid, row),
      };
      if (sources.ranked) {
        data.searchTitle = normalizeForSearch(row[sources.ranked.title] ?? '');
        data.searchLead = normalizeForSearch(row[sources.ranked.lead] ?? '');
      }
      if (stored.some((field) => data[field] !== row[field])) {
        await strapi.db.query(ctx.uid).update({ where: { id: row.id }, data });
      }
    }
    return result;
  };
