/**
 * Reads of readers' comments for the public API: only approved comments,
 * threads (a comment and the replies under it) paged by their first comment,
 * and the approved count of each article. Never selects e-mail addresses.
 * Table and column names come from Strapi's metadata.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { tableOf } from '../../../domain/sql';
import { isoOf } from './card-query';

export const COMMENT = 'api::comment.comment';

export type PublicCommentRow = {
  documentId: string;
  name: string;
  text: string;
  byEditor: boolean;
  createdAt: string | null;
  replyTo: string | null;
};

export type CommentThread = PublicCommentRow & { replies: PublicCommentRow[] };

export function commentQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const comment = tableOf(strapi, COMMENT);
  const col = (name: string) => `c.${comment.column(name)}`;
  const approved = () => knex({ c: comment.name }).where(col('status'), 'approved');
  const publicColumns = {
    documentId: col('documentId'),
    name: col('name'),
    text: col('text'),
    byEditor: col('byEditor'),
    createdAt: col('createdAt'),
    replyTo: col('replyTo'),
  };
  const toRow = (row: Record<string, unknown>): PublicCommentRow => ({
    documentId: row.documentId as string,
    name: row.name as string,
    text: row.text as string,
    byEditor: Boolean(row.byEditor),
    createdAt: isoOf(row.createdAt),
    replyTo: (row.replyTo as string | null) ?? null,
  });

  return {
    /**
     * The approved comments of an article (documentId) as a correlated
     * subquery over `a` (articles), for card lists: one index probe per row.
     */
    countColumn(articleDocumentIdColumn: string): Knex.Raw {
      return knex.raw(
        `(select count(*) from ${comment.name} cc where cc.${comment.column('articleDocumentId')} = ${articleDocumentIdColumn} and cc.${comment.column('status')} = ?)`,
        ['approved']
      );
    },

    /** Approved comment counts per article documentId (articles without any are absent). */
    async counts(articleDocumentIds: string[]): Promise<Map<string, number>> {
      if (articleDocumentIds.length === 0) return new Map();
      const rows = (await approved()
        .whereIn(col('articleDocumentId'), articleDocumentIds)
        .groupBy(col('articleDocumentId'))
        .select({ article: col('articleDocumentId') })
        .count({ n: '*' })) as Array<{ article: string; n: number | string }>;
      return new Map(rows.map((row) => [row.article, Number(row.n)]));
    },

    /** An approved comment of the article, or null. */
    async findApproved(articleDocumentId: string, documentId: string): Promise<PublicCommentRow | null> {
      const [row] = (await approved().where(col('articleDocumentId'), articleDocumentId).where(col('documentId'), documentId).select(publicColumns).limit(1)) as Array<
        Record<string, unknown>
      >;
      return row ? toRow(row) : null;
    },

    /**
     * A page of threads: approved first-level comments in the asked order,
     * each with its approved replies oldest first; `threads` counts the
     * first-level comments, `total` every approved comment (replies included).
     */
    async page(articleDocumentId: string, { limit, offset, newestFirst }: { limit: number; offset: number; newestFirst: boolean }) {
      const direction = newestFirst ? 'desc' : 'asc';
      const ofArticle = () => approved().where(col('articleDocumentId'), articleDocumentId);
      const [roots, [{ threads, total }]] = await Promise.all([
        ofArticle()
          .whereNull(col('replyTo'))
          .select(publicColumns)
          .orderBy([
            { column: col('createdAt'), order: direction },
            { column: 'c.id', order: direction },
          ])
          .limit(limit)
          .offset(offset) as Promise<Array<Record<string, unknown>>>,
        ofArticle().select(
          knex.raw(`sum(case when ${col('replyTo')} is null then 1 else 0 end) as threads`),
          knex.raw('count(*) as total')
        ) as Promise<Array<{ threads: number | string | null; total: number | string }>>,
      ]);
      const threadsOnPage: CommentThread[] = roots.map((row) => ({ ...toRow(row), replies: [] }));
      if (threadsOnPage.length > 0) {
        const byId = new Map(threadsOnPage.map((thread) => [thread.documentId, thread]));
        const replies = (await ofArticle()
          .whereIn(col('replyTo'), [...byId.keys()])
          .select(publicColumns)
          .orderBy([
            { column: col('createdAt'), order: 'asc' },
            { column: 'c.id', order: 'asc' },
          ])) as Array<Record<string, unknown>>;
        for (const reply of replies.map(toRow)) byId.get(reply.replyTo as string)?.replies.push(reply);
      }
      return { threads: threadsOnPage, threadCount: Number(threads ?? 0), total: Number(total) };
    },
  };
}
