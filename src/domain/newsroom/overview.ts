/**
 * What the newsroom's homepage widgets show an admin user: their recent drafts,
 * the articles waiting for their scheduled time, and the most read articles of
 * the last seven Vietnamese days (from the per-day view counts).
 */
import type { Core } from '@strapi/strapi';

import { vietnamDay } from '../../api/portal/lib/time';
import { VIEWS_DAILY_TABLE } from './tables';

const ARTICLE = 'api::article.article';
const LIMIT = 5;

export type NewsroomItem = { documentId: string; title: string; at: string | null; published: boolean; views?: number };
export type NewsroomOverview = { drafts: NewsroomItem[]; scheduled: NewsroomItem[]; mostRead: NewsroomItem[] };

type Row = { documentId: string; title: string; updatedAt?: string | null; publishAt?: string | null };

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

export async function newsroomOverview(strapi: Core.Strapi, userId: number, now: Date = new Date()): Promise<NewsroomOverview> {
  const articles = strapi.db.query(ARTICLE);
  const drafts = (await articles.findMany({
    where: { publishedAt: null, $or: [{ createdBy: { id: userId } }, { updatedBy: { id: userId } }] },
    select: ['documentId', 'title', 'updatedAt'],
    orderBy: { updatedAt: 'desc' },
    // Published documents whose draft has no pending change are left out below.
    limit: LIMIT * 4,
  })) as Row[];
  const scheduled = (await articles.findMany({
    where: { publishedAt: null, publishAt: { $notNull: true } },
    select: ['documentId', 'title', 'publishAt'],
    orderBy: { publishAt: 'asc' },
    limit: LIMIT,
  })) as Row[];

  const since = vietnamDay(new Date(now.getTime() - 6 * 24 * 60 * 60 * 1000));
  const knex = strapi.db.connection;
  const top = (await knex(VIEWS_DAILY_TABLE)
    .where('day', '>=', since)
    .groupBy('document_id')
    .select('document_id')
    .sum({ views: 'views' })
    .orderBy([{ column: 'views', order: 'desc' }, { column: 'document_id' }])
    .limit(LIMIT)) as Array<{ document_id: string; views: number | string }>;

  const documentIds = [...new Set([...drafts, ...scheduled].map((row) => row.documentId).concat(top.map((row) => row.document_id)))];
  const published = (await articles.findMany({
    where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
    select: ['documentId', 'title', 'updatedAt'],
  })) as Row[];
  const publishedTitle = new Map(published.map((row) => [row.documentId, row.title]));
  const publishedAt = new Map(published.map((row) => [row.documentId, iso(row.updatedAt)]));
  // As the Content Manager decides "modified": the draft was saved after the published version.
  const pending = (row: Row) => !publishedAt.has(row.documentId) || publishedAt.get(row.documentId) !== iso(row.updatedAt);

  return {
    drafts: drafts.filter(pending).slice(0, LIMIT).map((row) => ({ documentId: row.documentId, title: row.title, at: iso(row.updatedAt), published: publishedTitle.has(row.documentId) })),
    scheduled: scheduled.map((row) => ({ documentId: row.documentId, title: row.title, at: iso(row.publishAt), published: publishedTitle.has(row.documentId) })),
    mostRead: top
      .filter((row) => publishedTitle.has(row.document_id))
      .map((row) => ({ documentId: row.document_id, title: publishedTitle.get(row.document_id) as string, at: null, published: true, views: Number(row.views) })),
  };
}
