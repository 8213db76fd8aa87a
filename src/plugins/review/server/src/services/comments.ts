/**
 * Moderation of readers' comments (admin permission
 * `plugin::review.moderate-comments`, given to editors): the list by state,
 * bulk approve / reject / spam / back to pending / delete, the editors'
 * reply (signed "Ban biên tập"), and closing an article to comments.
 * Every committed change that the public may see announces
 * `comments.moderated`, on which the public API's cache is invalidated
 * before the answer is sent (src/bootstrap/portal-cache.ts).
 */
import type { Core } from '@strapi/strapi';

import { COMMENT_STATUSES, EDITOR_NAME, STATUS_AFTER, type CommentStatus, type ModerationAction } from '../../../shared/comments';
import { badRequest, notFound } from '../errors';
import { messages } from '../messages';

const COMMENT = 'api::comment.comment';
const ARTICLE = 'api::article.article';
export const COMMENTS_MODERATED_EVENT = 'comments.moderated';

type StoredComment = {
  id: number;
  documentId: string;
  articleDocumentId: string;
  replyTo: string | null;
  name: string;
  email: string | null;
  text: string;
  status: CommentStatus;
  byEditor: boolean;
  createdAt: string;
  moderatedAt: string | null;
};

type StoredArticle = { documentId: string; title: string; slug: string; commentsClosed: boolean | null; publishedAt: string | null };

export type ModerationQuery = { status?: CommentStatus; article?: string; q?: string; page: number; pageSize: number };

const SELECT = ['id', 'documentId', 'articleDocumentId', 'replyTo', 'name', 'email', 'text', 'status', 'byEditor', 'createdAt', 'moderatedAt'];

const comments = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(COMMENT as never);
  const announce = async (articleDocumentIds: string[]) => {
    try {
      await strapi.eventHub.emit(COMMENTS_MODERATED_EVENT, { articles: [...new Set(articleDocumentIds)] });
    } catch (error) {
      strapi.log.error(`After a comment moderation: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /** The articles (any version: a draft-only article may hold comments made before it was unpublished), by documentId. */
  const articlesByDocumentId = async (documentIds: string[]) => {
    const found = (await strapi.db.query(ARTICLE as never).findMany({
      where: { documentId: { $in: [...new Set(documentIds)] } },
      select: ['documentId', 'title', 'slug', 'commentsClosed', 'publishedAt'],
    })) as StoredArticle[];
    const map = new Map<string, StoredArticle>();
    // The published row wins over the draft (the title readers saw).
    for (const article of found) if (!map.has(article.documentId) || article.publishedAt) map.set(article.documentId, article);
    return map;
  };

  const where = (query: Omit<ModerationQuery, 'page' | 'pageSize' | 'status'>) => {
    const filters: Record<string, unknown>[] = [];
    if (query.article) filters.push({ articleDocumentId: query.article });
    if (query.q) filters.push({ $or: [{ name: { $containsi: query.q } }, { text: { $containsi: query.q } }, { email: { $containsi: query.q } }] });
    return filters;
  };

  return {
    /** A page of comments in one state (newest first), with the count of every state under the same filters. */
    async list(query: ModerationQuery) {
      const base = where(query);
      const status = query.status ?? 'pending';
      const filtered = { $and: [...base, { status }] };
      const [found, total, ...counts] = await Promise.all([
        rows().findMany({
          where: filtered,
          select: SELECT,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        }) as Promise<StoredComment[]>,
        rows().count({ where: filtered }),
        ...COMMENT_STATUSES.map((state) => rows().count({ where: { $and: [...base, { status: state }] } })),
      ]);
      const parents = (await rows().findMany({
        where: { documentId: { $in: found.flatMap((row) => (row.replyTo ? [row.replyTo] : [])) } },
        select: ['documentId', 'name', 'text', 'byEditor'],
      })) as Array<Pick<StoredComment, 'documentId' | 'name' | 'text' | 'byEditor'>>;
      const replies = (await rows().findMany({
        where: { replyTo: { $in: found.map((row) => row.documentId) }, byEditor: true },
        select: ['replyTo', 'text', 'createdAt'],
        orderBy: [{ createdAt: 'asc' }],
      })) as Array<Pick<StoredComment, 'replyTo' | 'text' | 'createdAt'>>;
      const articles = await articlesByDocumentId(found.map((row) => row.articleDocumentId));
      const parentOf = new Map(parents.map((parent) => [parent.documentId, parent]));
      return {
        results: found.map((row) => {
          const article = articles.get(row.articleDocumentId);
          const parent = row.replyTo ? parentOf.get(row.replyTo) : undefined;
          return {
            id: row.documentId,
            name: row.byEditor ? EDITOR_NAME : row.name,
            email: row.email,
            text: row.text,
            status: row.status,
            byEditor: Boolean(row.byEditor),
            createdAt: row.createdAt,
            moderatedAt: row.moderatedAt,
            article: article
              ? { id: article.documentId, title: article.title, slug: article.slug, published: Boolean(article.publishedAt), commentsClosed: Boolean(article.commentsClosed) }
              : null,
            replyTo: parent ? { id: parent.documentId, name: parent.byEditor ? EDITOR_NAME : parent.name, text: parent.text } : null,
            editorReplies: replies.filter((reply) => reply.replyTo === row.documentId).map((reply) => ({ text: reply.text, createdAt: reply.createdAt })),
          };
        }),
        counts: Object.fromEntries(COMMENT_STATUSES.map((state, index) => [state, Number(counts[index])])) as Record<CommentStatus, number>,
        pagination: { page: query.page, pageSize: query.pageSize, total: Number(total), pageCount: Math.ceil(Number(total) / query.pageSize) },
      };
    },

    /**
     * Applies one action to the given comments in one transaction; unknown
     * ids are a 404 and nothing changes. Deleting a comment deletes the
     * replies under it.
     */
    async moderate(ids: string[], action: ModerationAction, moderatorId: number) {
      const unique = [...new Set(ids)];
      const changed = await strapi.db.transaction(async () => {
        const found = (await rows().findMany({ where: { documentId: { $in: unique } }, select: ['documentId', 'articleDocumentId'] })) as Array<
          Pick<StoredComment, 'documentId' | 'articleDocumentId'>
        >;
        if (found.length !== unique.length) {
          const known = new Set(found.map((row) => row.documentId));
          throw notFound(messages.commentsNotFound(unique.filter((id) => !known.has(id))));
        }
        if (action === 'delete') {
          await rows().deleteMany({ where: { $or: [{ documentId: { $in: unique } }, { replyTo: { $in: unique } }] } });
        } else {
          await rows().updateMany({
            where: { documentId: { $in: unique } },
            data: { status: STATUS_AFTER[action], moderatedAt: new Date(), editorUserId: moderatorId },
          });
        }
        return found;
      });
      await announce(changed.map((row) => row.articleDocumentId));
      return { count: changed.length, action };
    },

    /**
     * The editors' answer under a comment (under the first comment of its
     * thread when it answers a reply), published at once as "Ban biên tập";
     * a pending comment answered is approved with it.
     */
    async reply(documentId: string, text: string, moderatorId: number) {
      const reply = await strapi.db.transaction(async () => {
        const answered = (await rows().findOne({ where: { documentId }, select: ['id', 'documentId', 'articleDocumentId', 'replyTo', 'status'] })) as Pick<
          StoredComment,
          'id' | 'documentId' | 'articleDocumentId' | 'replyTo' | 'status'
        > | null;
        if (!answered) throw notFound(messages.commentsNotFound([documentId]));
        if (answered.status === 'rejected' || answered.status === 'spam') throw badRequest(messages.commentReplyToRefused);
        if (answered.status === 'pending') {
          await rows().update({ where: { id: answered.id }, data: { status: 'approved', moderatedAt: new Date(), editorUserId: moderatorId } });
        }
        const created = (await strapi.documents(COMMENT as never).create({
          data: {
            articleDocumentId: answered.articleDocumentId,
            replyTo: answered.replyTo ?? answered.documentId,
            name: EDITOR_NAME,
            text,
            status: 'approved',
            byEditor: true,
            editorUserId: moderatorId,
            moderatedAt: new Date(),
          } as never,
        })) as unknown as { documentId: string; articleDocumentId: string };
        return created;
      });
      await announce([reply.articleDocumentId]);
      return { id: reply.documentId };
    },

    /** Articles to filter by or to close: matching the title, or (without a query) those with comments waiting first. */
    async articles(q: string | undefined, include?: string) {
      const first = include ? [include] : [];
      if (q) {
        const found = (await strapi.db.query(ARTICLE as never).findMany({
          where: { title: { $containsi: q } },
          select: ['documentId'],
          orderBy: [{ updatedAt: 'desc' }],
          limit: 40,
        })) as Array<{ documentId: string }>;
        return this.articleSummaries([...first, ...found.map((row) => row.documentId)].slice(0, 20));
      }
      // The articles commented on most recently (a bounded read of the newest comments).
      const recent = (await rows().findMany({ select: ['articleDocumentId'], orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: 500 })) as Array<
        Pick<StoredComment, 'articleDocumentId'>
      >;
      const waiting = [...new Set(recent.map((row) => row.articleDocumentId))].slice(0, 20).map((article) => ({ article }));
      return this.articleSummaries([...first, ...waiting.map((row) => row.article)]);
    },

    /** Title, closed flag and comment counts by state of each article, in the given order. */
    async articleSummaries(documentIds: string[]) {
      const unique = [...new Set(documentIds)];
      const articles = await articlesByDocumentId(unique);
      const counted = (await rows().findMany({ where: { articleDocumentId: { $in: unique } }, select: ['articleDocumentId', 'status'] })) as Array<
        Pick<StoredComment, 'articleDocumentId' | 'status'>
      >;
      return unique.flatMap((id) => {
        const article = articles.get(id);
        if (!article) return [];
        const counts = Object.fromEntries(COMMENT_STATUSES.map((state) => [state, 0])) as Record<CommentStatus, number>;
        for (const row of counted) if (row.articleDocumentId === id) counts[row.status] += 1;
        return [{ id, title: article.title, slug: article.slug, published: Boolean(article.publishedAt), commentsClosed: Boolean(article.commentsClosed), counts }];
      });
    },

    /**
     * Opens or closes an article to new comments. A system flag like the
     * view count: written on the draft and the published version alike, so
     * it takes effect at once without republishing the article.
     */
    async setClosed(articleDocumentId: string, closed: boolean) {
      const updated = await strapi.db.query(ARTICLE as never).updateMany({ where: { documentId: articleDocumentId }, data: { commentsClosed: closed } });
      if (Number((updated as { count: number }).count) === 0) throw notFound(messages.articleNotFound);
      await announce([articleDocumentId]);
      return { id: articleDocumentId, commentsClosed: closed };
    },
  };
};

export default comments;
export type CommentsModeration = ReturnType<typeof comments>;
