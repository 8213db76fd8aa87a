/**
 * Readers' comments on the public API: the approved threads of an article,
 * the signed form token, and a posted comment, which is stored as pending
 * and reaches the page only once an editor approves it (moderation:
 * src/plugins/review/server/src/services/comments.ts).
 */
import { createHmac } from 'crypto';

import type { Core } from '@strapi/strapi';

import { addressKey, take, type Limiter, createLimiter } from '../../../domain/login-limits';
import { messages } from '../../../domain/messages';
import { tableOf } from '../../../domain/sql';
import { blockedWordsIn, checkToken, commentBody, commentSettings, countLinks, issueToken, textToHtml, type CommentSettings } from '../lib/comment-rules';
import { COMMENT, commentQueries, type PublicCommentRow } from '../lib/comment-query';
import { notFound, PortalError } from '../lib/errors';
import { parse } from '../lib/params';
import { toVietnamIso } from '../lib/time';
import { EDITOR_NAME } from '../../../plugins/review/shared/comments';
import type { PortalCache } from './cache';

const ARTICLE = 'api::article.article';

export type CommentListQuery = { page: number; pageSize: number; order: 'oldest' | 'newest' };

/** A comment as the news sites see it: never the e-mail address, the client or the moderation state. */
export const publicComment = (row: PublicCommentRow) => ({
  id: row.documentId,
  name: row.byEditor ? EDITOR_NAME : row.name,
  byEditor: row.byEditor,
  text: row.text,
  html: textToHtml(row.text),
  createdAt: toVietnamIso(row.createdAt),
});

const waitText = (seconds: number) => (seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`);

const rateLimited = (seconds: number, message: string, reason: 'address' | 'article') =>
  new PortalError(429, message, { reason, retryAfter: seconds });

const comments = ({ strapi }: { strapi: Core.Strapi }) => {
  let settings: CommentSettings | null = null;
  let limits: { address: Limiter; article: Limiter } | null = null;
  const config = () => (settings ??= commentSettings());
  const queries = () => commentQueries(strapi);
  const cache = () => strapi.service('api::portal.cache') as unknown as PortalCache;
  /** Per address and per article, in Redis when REDIS_URL is set (shared by every instance), as the login limits. */
  const limiters = () => {
    if (!limits) {
      const redis = cache().redis();
      limits = {
        address: createLimiter('comments:address', config().address, redis),
        article: createLimiter('comments:article', config().article, redis),
      };
    }
    return limits;
  };

  /** The published article with this slug: its documentId and whether comments are closed. */
  const findArticle = async (slug: string) => {
    const article = tableOf(strapi, ARTICLE);
    const row = (await strapi.db
      .connection(article.name)
      .where(article.column('slug'), slug)
      .whereNotNull(article.column('publishedAt'))
      .first({ documentId: article.column('documentId'), closed: article.column('commentsClosed') })) as { documentId: string; closed: unknown } | undefined;
    if (!row) throw notFound('bài viết');
    return { documentId: row.documentId, closed: Boolean(row.closed) };
  };

  return {
    settings: config,

    /** GET /articles/:slug/comments — approved threads, paged by their first comment. */
    async list(slug: string, query: CommentListQuery) {
      const article = await findArticle(slug);
      const { threads, threadCount, total } = await queries().page(article.documentId, {
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        newestFirst: query.order === 'newest',
      });
      return {
        data: threads.map((thread) => ({ ...publicComment(thread), replies: thread.replies.map(publicComment) })),
        meta: {
          pagination: { page: query.page, pageSize: query.pageSize, total: threadCount, pageCount: Math.ceil(threadCount / query.pageSize) },
          total,
          closed: article.closed,
          order: query.order,
        },
      };
    },

    /** GET /articles/:slug/comment-form — a fresh signed token and the form's limits. */
    async form(slug: string, now = Date.now()) {
      const article = await findArticle(slug);
      const { minSeconds, tokenTtlSeconds, maxLength, maxLinks } = config();
      return {
        closed: article.closed,
        token: article.closed ? null : issueToken(config(), slug, now),
        minSeconds,
        expiresInSeconds: tokenTtlSeconds,
        maxLength,
        maxLinks,
      };
    },

    /**
     * POST /articles/:slug/comments — every check, then one pending row.
     * Each refusal is a 4xx with its reason; nothing is stored unless all pass.
     */
    async post(slug: string, body: unknown, client: { ip: string }, now = Date.now()) {
      const settings = config();
      const address = addressKey(client.ip);
      const addressWait = await take(limiters().address, address);
      if (addressWait !== null) throw rateLimited(addressWait, messages.commentLimitedAddress(waitText(addressWait)), 'address');

      const input = parse(commentBody(settings.maxLength), body);
      const article = await findArticle(slug);
      if (article.closed) throw new PortalError(403, messages.commentsClosed, { reason: 'closed' });
      // A field people never see: only robots fill it.
      if (input.website) throw new PortalError(400, messages.commentHoneypot, { reason: 'honeypot' });
      const token = checkToken(settings, input.token, slug, now);
      if (!token.ok) {
        const message =
          token.reason === 'too-fast' ? messages.commentTooFast(token.waitSeconds ?? settings.minSeconds) : token.reason === 'expired' ? messages.commentTokenExpired : messages.commentTokenInvalid;
        throw new PortalError(400, message, { reason: `token-${token.reason}` });
      }
      if (countLinks(input.name) > 0) throw new PortalError(400, messages.commentLinkInName, { reason: 'links' });
      const links = countLinks(input.text);
      if (links > settings.maxLinks) throw new PortalError(400, messages.commentTooManyLinks(settings.maxLinks), { reason: 'links', links });
      if (blockedWordsIn(`${input.name}\n${input.text}`, settings.blockedWords).length > 0) {
        throw new PortalError(400, messages.commentBlockedWords, { reason: 'blocked-words' });
      }
      let replyTo: string | null = null;
      if (input.replyTo) {
        const answered = await queries().findApproved(article.documentId, input.replyTo);
        if (!answered) throw new PortalError(400, messages.commentReplyToUnknown, { reason: 'reply-to' });
        // One level of replies: an answer to a reply joins the thread of the comment it answers.
        replyTo = answered.replyTo ?? answered.documentId;
      }
      const articleWait = await take(limiters().article, article.documentId);
      if (articleWait !== null) throw rateLimited(articleWait, messages.commentLimitedArticle(waitText(articleWait)), 'article');

      await strapi.documents(COMMENT).create({
        data: {
          articleDocumentId: article.documentId,
          replyTo,
          name: input.name,
          email: input.email,
          text: input.text,
          status: 'pending',
          byEditor: false,
          // Pseudonymous: lets a moderator see several comments came from one client, without storing the address.
          clientKey: createHmac('sha256', settings.secret).update(address).digest('base64url').slice(0, 22),
        } as never,
      });
      return { status: 'pending' as const, message: messages.commentAccepted };
    },
  };
};

export default comments;
export type CommentsService = ReturnType<typeof comments>;
