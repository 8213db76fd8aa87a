/**
 * Handlers of the public API for the provincial news websites. Every GET is
 * served through the response cache (ETag, Cache-Control, 304); every
 * parameter is validated first (400 with the reason).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { InvalidPreviewToken, verifyPreviewToken, type PreviewKind } from '../../../domain/newsroom/preview-token';
import { loadStatisticsReference, statisticsWithFunnel } from '../../../domain/statistics';
import { PortalError, notFound } from '../lib/errors';
import { articleUrl, rss, sitemap, type FeedSite } from '../lib/feeds';
import { checkHealth } from '../lib/health';
import { serveCached, type CachePolicy, type Produced } from '../lib/http';
import {
  articleListQuery,
  articleQuery,
  commentListQuery,
  emptyQuery,
  initiativeListQuery,
  parse,
  previewQuery,
  searchQuery,
  siteParam,
  slugParam,
  statisticsQuery,
} from '../lib/params';
import { createViewCounter, RateLimited, type ViewCounter } from '../lib/views';
import { OPENAPI } from '../openapi';
import type { PortalCache } from '../services/cache';
import type { CommentsService } from '../services/comments';
import type { PortalService } from '../services/portal';

const portalController = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.service('api::portal.portal') as unknown as PortalService;
  const cache = () => strapi.service('api::portal.cache') as unknown as PortalCache;
  const comments = () => strapi.service('api::portal.comments') as unknown as CommentsService;
  let views: ViewCounter | null = null;

  /** Runs a handler, answering a PortalError as Strapi's error body. */
  const handle = async (ctx: Context, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof PortalError)) throw error;
      ctx.status = error.status;
      ctx.set('Cache-Control', 'no-store');
      if (error.status === 429 && typeof error.details.retryAfter === 'number') ctx.set('Retry-After', String(error.details.retryAfter));
      ctx.body = { data: null, error: { status: error.status, name: error.name, message: error.message, details: error.details } };
    }
  };

  const cached = (ctx: Context, policy: CachePolicy, produce: () => Promise<Produced>) =>
    handle(ctx, () => serveCached(ctx, cache().store(), policy, produce, cache().routes));

  const json = (body: unknown): Produced => ({ body });

  const feedSite = async (code: string): Promise<FeedSite> => {
    const site = await service().site(code);
    const host = site.hostnames[0];
    const baseUrl = (process.env.PUBLIC_SITE_URL || (host ? `https://${host}` : process.env.PUBLIC_URL || '')).replace(/\/$/, '');
    return { code: site.code, name: site.name, description: site.description, baseUrl };
  };

  /**
   * A draft shown through a signed preview link: never cached anywhere (not by the server's
   * cache, browsers or CDNs), never indexed; an expired or forged token is a 401.
   */
  const preview = (ctx: Context, kind: PreviewKind, produce: (documentId: string) => Promise<unknown>) =>
    handle(ctx, async () => {
      ctx.set('Cache-Control', 'no-store');
      ctx.set('X-Robots-Tag', 'noindex, nofollow');
      const { token } = parse(previewQuery, ctx.query);
      let documentId: string;
      try {
        ({ documentId } = await verifyPreviewToken(token, kind));
      } catch (error) {
        if (!(error instanceof InvalidPreviewToken)) throw error;
        throw new PortalError(
          401,
          error.reason === 'expired'
            ? 'Liên kết xem trước đã hết hạn, hãy mở lại từ trang quản trị / Preview link expired'
            : 'Liên kết xem trước không hợp lệ / Invalid preview link',
          { reason: error.reason }
        );
      }
      ctx.status = 200;
      ctx.body = { data: await produce(documentId) };
    });

  return {
    /** GET /api/portal/preview/article?token= — the draft an editor previews (signed, short-lived link). */
    async previewArticle(ctx: Context) {
      await preview(ctx, 'article', (documentId) => service().articlePreview(documentId));
    },

    /** GET /api/portal/preview/initiative?token= — a model as its public page will show it. */
    async previewInitiative(ctx: Context) {
      await preview(ctx, 'initiative', (documentId) => service().initiative('', { previewDocumentId: documentId }));
    },

    /** GET /api/portal/health — for load balancers: 200 when the database answers, 503 otherwise. Never cached. */
    async health(ctx: Context) {
      const report = await checkHealth(strapi);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = report.status === 'ok' ? 200 : 503;
      ctx.body = report;
    },

    async openapi(ctx: Context) {
      await cached(ctx, { tags: [], maxAge: 300 }, async () => json(OPENAPI));
    },

    async periods(ctx: Context) {
      await cached(ctx, { tags: ['initiatives', 'statistics'], maxAge: 300 }, async () => {
        parse(emptyQuery, ctx.query);
        return json({ data: await service().periods() });
      });
    },

    async fields(ctx: Context) {
      await cached(ctx, { tags: ['initiatives', 'statistics'], maxAge: 300 }, async () => {
        parse(emptyQuery, ctx.query);
        return json({ data: await service().fields() });
      });
    },

    async site(ctx: Context) {
      await cached(ctx, { tags: ['sites'] }, async () => {
        parse(emptyQuery, ctx.query);
        return json({ data: await service().site(parse(siteParam, ctx.params.site)) });
      });
    },

    async categories(ctx: Context) {
      await cached(ctx, { tags: ['sites', 'categories'] }, async () => {
        parse(emptyQuery, ctx.query);
        return json({ data: await service().categories(parse(siteParam, ctx.params.site)) });
      });
    },

    async tags(ctx: Context) {
      await cached(ctx, { tags: ['sites', 'tags'] }, async () => {
        parse(emptyQuery, ctx.query);
        return json({ data: await service().tags(parse(siteParam, ctx.params.site)) });
      });
    },

    async articles(ctx: Context) {
      // 'comments': cards show the approved comment count.
      await cached(ctx, { tags: ['articles', 'sites', 'categories', 'tags', 'comments'] }, async () => {
        const site = parse(siteParam, ctx.params.site);
        const query = parse(articleListQuery, ctx.query);
        const { page: _page, pageSize: _size, ...filterQuery } = query;
        const count = (filter: Parameters<PortalService['countArticles']>[0]) =>
          cache().count(`articles:${site}:${JSON.stringify(filterQuery)}`, ['articles', 'categories', 'tags', 'sites'], () =>
            service().countArticles(filter)
          );
        return json(await service().articleList(site, query, count));
      });
    },

    async article(ctx: Context) {
      await cached(ctx, { tags: ['articles', 'initiatives', 'categories', 'tags', 'sites', 'comments'] }, async () => {
        const { site } = parse(articleQuery, ctx.query);
        return json({ data: await service().article(parse(slugParam, ctx.params.slug), site) });
      });
    },

    /** POST /api/portal/articles/:slug/views — counts a view; not cached. */
    async view(ctx: Context) {
      await handle(ctx, async () => {
        const slug = parse(slugParam, ctx.params.slug);
        views ??= createViewCounter(strapi, cache().redis());
        try {
          const result = await views.count(slug, { ip: ctx.ip, userAgent: ctx.get('User-Agent') });
          if (!result) throw notFound('bài viết');
          ctx.set('Cache-Control', 'no-store');
          ctx.status = 200;
          ctx.body = { data: result };
        } catch (error) {
          if (!(error instanceof RateLimited)) throw error;
          ctx.set('Retry-After', String(error.retryAfterSeconds));
          throw new PortalError(429, 'Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests');
        }
      });
    },

    /** GET /api/portal/articles/:slug/comments — approved comments only; invalidated when a comment is approved or removed. */
    async comments(ctx: Context) {
      await cached(ctx, { tags: ['comments', 'articles'], maxAge: 0 }, async () => {
        const query = parse(commentListQuery, ctx.query);
        return json(await comments().list(parse(slugParam, ctx.params.slug), query));
      });
    },

    /** GET /api/portal/articles/:slug/comment-form — a signed token for one form; never cached (each reader gets their own). */
    async commentForm(ctx: Context) {
      await handle(ctx, async () => {
        parse(emptyQuery, ctx.query);
        const data = await comments().form(parse(slugParam, ctx.params.slug));
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 200;
        ctx.body = { data };
      });
    },

    /** POST /api/portal/articles/:slug/comments — stored as pending: 202, shown only once an editor approves it. */
    async postComment(ctx: Context) {
      await handle(ctx, async () => {
        parse(emptyQuery, ctx.query);
        const slug = parse(slugParam, ctx.params.slug);
        const data = await comments().post(slug, (ctx.request as { body?: unknown }).body, { ip: ctx.ip });
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 202;
        ctx.body = { data };
      });
    },

    async search(ctx: Context) {
      await cached(ctx, { tags: ['articles', 'initiatives', 'sites'], maxAge: 0 }, async () => json(await service().search(parse(searchQuery, ctx.query))));
    },

    async initiatives(ctx: Context) {
      await cached(ctx, { tags: ['initiatives'], maxAge: 0 }, async () => {
        const query = parse(initiativeListQuery, ctx.query);
        const { page: _page, pageSize: _size, ...filterQuery } = query;
        // The total is shared by every page of a filter, until a model (or its unit, field, year, level) is written.
        const count = (filter: Parameters<PortalService['countInitiatives']>[0]) =>
          cache().count(`initiatives:${JSON.stringify(filterQuery)}`, ['initiatives'], () => service().countInitiatives(filter));
        return json(await service().initiativeList(query, count));
      });
    },

    async initiative(ctx: Context) {
      await cached(ctx, { tags: ['initiatives', 'articles', 'comments'], maxAge: 0 }, async () => {
        parse(emptyQuery, ctx.query);
        return json({ data: await service().initiative(parse(slugParam, ctx.params.slug)) });
      });
    },

    async statistics(ctx: Context) {
      // Decisions change these figures: revalidated on every use, answered 304 until one does.
      await cached(ctx, { tags: ['initiatives', 'statistics'], maxAge: 0 }, async () => {
        const { year, from = year as number, to = year as number, unit, kind } = parse(statisticsQuery, ctx.query);
        let unitId: number | null = null;
        if (unit) {
          const row = (await strapi.db.query('api::unit.unit').findOne({ where: { code: unit }, select: ['id'] })) as { id: number } | null;
          if (!row) throw notFound('đơn vị');
          unitId = row.id;
        }
        // Fields, unit kinds and the years' review chains change rarely: memoised until one of them is written.
        const reference = cache().memo(`statistics-reference:${from}-${to}`, ['reference'], () => loadStatisticsReference(strapi, { from, to }));
        if (kind) {
          const known = new Set((await reference).kinds.map((entry) => entry.code));
          const unknown = kind.filter((code) => !known.has(code));
          if (unknown.length > 0) throw notFound(`loại đơn vị ${unknown.join(', ')}`);
        }
        const { statistics: stats, funnel } = await statisticsWithFunnel(strapi, { from, to, unitId, kindCodes: kind ?? null }, reference);
        const { scope, byUnit, ...rest } = stats;
        return json({
          data: {
            ...rest,
            scope: { unit: unit ?? null, name: scope.name, kinds: scope.kinds },
            byUnit: byUnit.map(({ documentId, code, kind: unitKind, name, count }) => ({ id: documentId, code, kind: unitKind, name, count })),
            funnel,
          },
        });
      });
    },

    async rss(ctx: Context) {
      await cached(ctx, { tags: ['articles', 'sites', 'categories'], maxAge: 300 }, async () => {
        parse(emptyQuery, ctx.query);
        const code = parse(siteParam, ctx.params.site);
        const category = ctx.params.category ? parse(slugParam, ctx.params.category) : undefined;
        const site = await feedSite(code);
        const list = await service().articleList(code, { category, page: 1, pageSize: 30 }, async () => 0);
        const items = list.data.map((card) => ({ slug: card.slug, title: card.title, sapo: card.sapo, at: card.displayAt }));
        const title = category ? `${site.name} — ${category}` : site.name;
        const path = category ? `/chuyen-muc/${category}` : '';
        return { body: rss(site, items, { title, path }), contentType: 'application/rss+xml; charset=utf-8' };
      });
    },

    async sitemap(ctx: Context) {
      await cached(ctx, { tags: ['articles', 'sites', 'categories'], maxAge: 3600 }, async () => {
        parse(emptyQuery, ctx.query);
        const code = parse(siteParam, ctx.params.site);
        const site = await feedSite(code);
        const entries: Array<{ path: string; at: string | null }> = [{ path: '/', at: null }];
        for (let page = 1; ; page += 1) {
          const list = await service().articleList(code, { page, pageSize: 50 }, async () => 0);
          entries.push(...list.data.map((card) => ({ path: new URL(articleUrl(site, card.slug)).pathname, at: card.displayAt })));
          if (list.data.length < 50 || page >= 1000) break;
        }
        return { body: sitemap(site, entries), contentType: 'application/xml; charset=utf-8' };
      });
    },
  };
};

export default portalController;
