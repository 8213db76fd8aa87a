/**
 * Read models of the public API. Article lists and pages, search and counts
 * are read-only SQL over published rows (the hottest paths); the rest goes
 * through the document service or the query engine.
 */
import type { Core } from '@strapi/strapi';

import { PUBLIC_INITIATIVE_FILTER } from '../../../domain/public-initiative';
import { asLastRecognised } from '../../../domain/public-version';
import { normalizeForSearch } from '../../../domain/text';
import { tableOf } from '../../../domain/sql';
import {
  ARTICLE_CARD_FIELDS,
  articleCard,
  articleDetail,
  image,
  IMAGE_FIELDS,
  INITIATIVE_CARD_FIELDS,
  initiativeCard,
  initiativeDetail,
  type StoredArticle,
  type StoredInitiative,
} from '../lib/dto';
import { articlePageQueries } from '../lib/article-query';
import { cardQueries, isoOf, type CardFilter } from '../lib/card-query';
import { commentQueries } from '../lib/comment-query';
import { initiativeCardQueries, type InitiativeFilter, type InitiativeQuery } from '../lib/initiative-query';
import { searchQueries, searchTerms, type SearchType } from '../lib/search-query';
import { notFound } from '../lib/errors';
import { excerpt } from '../lib/html';
import { toVietnamIso } from '../lib/time';

const INITIATIVE = 'api::initiative.initiative';

type Site = { id: number; documentId: string; code: string; name: string; description: string | null; hostnames: string | null };

const pagination = (page: number, pageSize: number, total: number) => ({ page, pageSize, total, pageCount: Math.ceil(total / pageSize) });

const CARD_POPULATE = {
  cover: { fields: IMAGE_FIELDS },
  category: { fields: ['name', 'slug'] },
};

const INITIATIVE_POPULATE = {
  cover: { fields: IMAGE_FIELDS },
  field: { fields: ['name', 'code'] },
  period: { fields: ['year', 'name'] },
  ownerUnit: { fields: ['name', 'code'] },
  recognitionLevel: { fields: ['name', 'code'] },
};

export type ArticleListQuery = {
  category?: string;
  tag?: string;
  date?: string;
  from?: string;
  to?: string;
  featured?: boolean;
  /** Only articles pinned now ("pinned until" still ahead). */
  pinned?: boolean;
  page: number;
  pageSize: number;
};

const portal = ({ strapi }: { strapi: Core.Strapi }) => {
  const initiatives = () => strapi.documents(INITIATIVE);

  const findSite = async (code: string): Promise<Site> => {
    const site = (await strapi.db.query('api::site.site').findOne({
      where: { code },
      select: ['id', 'documentId', 'code', 'name', 'description', 'hostnames'],
    })) as Site | null;
    if (!site) throw notFound('trang');
    return site;
  };

  /** The category and every category below it, as slugs. */
  const categorySlugs = async (slug: string): Promise<string[]> => {
    // One query: every category with its parent, from the link table.
    const category = tableOf(strapi, 'api::category.category');
    const parentLink = category.link('parent');
    const rows = ((await strapi.db
      .connection({ c: category.name })
      .leftJoin({ p: parentLink.table }, `p.${parentLink.owner}`, 'c.id')
      .select({ id: 'c.id', slug: `c.${category.column('slug')}`, parentId: `p.${parentLink.target}` })) as Array<{
      id: number;
      slug: string;
      parentId: number | null;
    }>).map((row) => ({ id: row.id, slug: row.slug, parent: row.parentId === null ? null : { id: row.parentId } }));
    const root = rows.find((row) => row.slug === slug);
    if (!root) throw notFound('chuyên mục');
    const result = new Set([root.id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const row of rows) {
        if (row.parent && result.has(row.parent.id) && !result.has(row.id)) {
          result.add(row.id);
          grew = true;
        }
      }
    }
    return rows.filter((row) => result.has(row.id)).map((row) => row.slug);
  };

  const cards = cardQueries(strapi);
  const articlePage = articlePageQueries(strapi);
  const initiativeCards = initiativeCardQueries(strapi);
  const search = searchQueries(strapi);
  const comments = commentQueries(strapi);

  /** Articles read through the document service get their approved comment counts (card lists count them in SQL). */
  const withCommentCounts = async (articles: StoredArticle[]): Promise<StoredArticle[]> => {
    const counts = await comments.counts(articles.map((article) => article.documentId));
    return articles.map((article) => ({ ...article, commentCount: counts.get(article.documentId) ?? 0 }));
  };

  /** The card filter of a list query; a category includes its subcategories. */
  const cardFilter = async (siteCode: string, query: Omit<ArticleListQuery, 'page' | 'pageSize'>): Promise<CardFilter> => ({
    site: siteCode,
    categorySlugs: query.category ? await categorySlugs(query.category) : undefined,
    tag: query.tag,
    featured: query.featured,
    pinned: query.pinned,
    from: query.date ?? query.from,
    to: query.date ?? query.to,
  });

  return {
    findSite,

    async site(code: string) {
      const site = await findSite(code);
      const full = (await strapi.db.query('api::site.site').findOne({
        where: { id: site.id },
        populate: { banner: true, parent: { select: ['code', 'name'] }, children: { select: ['code', 'name'] } },
      })) as Site & {
        banner: Parameters<typeof image>[0];
        parent: { code: string; name: string } | null;
        children: Array<{ code: string; name: string }>;
      };
      return {
        code: full.code,
        name: full.name,
        description: full.description ?? '',
        hostnames: (full.hostnames ?? '').split(/[\s,]+/).filter(Boolean),
        banner: image(full.banner),
        parent: full.parent ? { code: full.parent.code, name: full.parent.name } : null,
        children: full.children.map((child) => ({ code: child.code, name: child.name })),
      };
    },

    /** Periods (years) newest first, with their theme and review chain, for filters and statistics pages. */
    async periods() {
      const rows = (await strapi.db.query('api::period.period').findMany({
        select: ['year', 'name', 'theme'],
        populate: { reviewChain: { populate: { unitKind: { select: ['code', 'name'] } } } },
        orderBy: { year: 'desc' },
      })) as Array<{ year: number; name: string; theme: string | null; reviewChain: Array<{ unitKind: { code: string; name: string } | null }> | null }>;
      return rows.map((row) => ({
        year: row.year,
        name: row.name,
        theme: row.theme ?? '',
        reviewChain: (row.reviewChain ?? []).flatMap((step) => (step.unitKind ? [{ code: step.unitKind.code, name: step.unitKind.name }] : [])),
      }));
    },

    /** Active fields in their display order. */
    async fields() {
      return (await strapi.db.query('api::field.field').findMany({
        where: { active: true },
        select: ['code', 'name'],
        orderBy: [{ order: 'asc' }, { name: 'asc' }],
      })) as Array<{ code: string; name: string }>;
    },

    async categories(siteCode: string) {
      await findSite(siteCode);
      const rows = (await strapi.db.query('api::category.category').findMany({
        where: { site: { code: siteCode } },
        select: ['id', 'name', 'slug', 'description', 'order'],
        populate: { parent: { select: ['id'] } },
        orderBy: [{ order: 'asc' }, { name: 'asc' }],
      })) as Array<{ id: number; name: string; slug: string; description: string | null; order: number; parent: { id: number } | null }>;
      type Node = { name: string; slug: string; description: string; children: Node[] };
      const nodes = new Map(rows.map((row) => [row.id, { name: row.name, slug: row.slug, description: row.description ?? '', children: [] as Node[] }]));
      const roots: Node[] = [];
      for (const row of rows) {
        const node = nodes.get(row.id) as Node;
        const parent = row.parent ? nodes.get(row.parent.id) : undefined;
        if (parent) parent.children.push(node);
        else roots.push(node);
      }
      return roots;
    },

    async tags(siteCode: string) {
      await findSite(siteCode);
      const rows = (await strapi.db.query('api::tag.tag').findMany({ select: ['name', 'slug'], orderBy: { name: 'asc' } })) as Array<{
        name: string;
        slug: string;
      }>;
      return rows;
    },

    /**
     * A page of article cards: one query for the page and one for the total
     * (which callers cache); the site is looked up only when the page is empty.
     */
    async articleList(siteCode: string, query: ArticleListQuery, count: (filter: CardFilter) => Promise<number>) {
      const filter = await cardFilter(siteCode, query);
      const [rows, total] = await Promise.all([cards.cards(filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }), count(filter)]);
      if (rows.length === 0) await findSite(siteCode);
      return { data: rows.map(articleCard), meta: { pagination: pagination(query.page, query.pageSize, total) } };
    },

    countArticles: (filter: CardFilter) => cards.count(filter),

    countInitiatives: (filter: InitiativeFilter) => initiativeCards.count(filter),

    async article(slug: string, siteCode?: string) {
      const found = await articlePage.article(slug, siteCode);
      if (!found) throw notFound('bài viết');

      const scope: CardFilter = {
        site: siteCode,
        categorySlugs: found.category ? [found.category.slug] : undefined,
        excludeSlug: slug,
      };
      const at = found.displayAt ?? found.publishedAt ?? new Date().toISOString();
      const [tags, attachments, relatedInitiatives, [moreInCategory, prev, next, related]] = await Promise.all([
        articlePage.tags(found.id),
        articlePage.attachments(found.id),
        initiativeCards.relatedToArticle(found.id),
        cards.cardSets(
          [
            { filter: scope, limit: 5 },
            { filter: { ...scope, before: at }, limit: 1 },
            { filter: { ...scope, after: at }, limit: 1, oldestFirst: true },
          ],
          { articleId: found.id }
        ),
      ]);
      const neighbour = (rows: StoredArticle[]) => (rows[0] ? { slug: rows[0].slug, title: rows[0].title } : null);
      return {
        ...articleDetail({ ...found, tags, attachments }),
        related: related.map(articleCard),
        relatedInitiatives: relatedInitiatives.map(initiativeCard),
        moreInCategory: moreInCategory.map(articleCard),
        prev: neighbour(prev),
        next: neighbour(next),
      };
    },

    /**
     * The draft of an article, as its public page will show it once published (a signed
     * preview link); lists around it (related, more in the category) are left empty.
     */
    async articlePreview(documentId: string) {
      const found = (await strapi.documents('api::article.article').findOne({
        documentId,
        status: 'draft',
        fields: [...ARTICLE_CARD_FIELDS, 'body', 'coverCredit', 'authorName', 'authorTitle', 'sourceAgency', 'updatedAt', 'publishAt'] as never,
        populate: {
          ...CARD_POPULATE,
          tags: { fields: ['name', 'slug'] },
          attachments: { fields: ['name', 'url', 'size', 'mime', 'ext'] },
          seo: { populate: { shareImage: { fields: IMAGE_FIELDS } } },
        } as never,
      })) as unknown as (StoredArticle & { publishAt?: string | null }) | null;
      if (!found) throw notFound('bài viết');
      // Dated as it will be: at its scheduled time, else now.
      const at = found.publishAt ?? new Date().toISOString();
      return {
        ...articleDetail({ ...found, displayAt: found.publishAt ?? found.displayAt ?? at, publishedAt: at }),
        related: [],
        relatedInitiatives: [],
        moreInCategory: [],
        prev: null,
        next: null,
      };
    },

    /** The models directory: public models only, most recently recognised first; `count` may memoise the total. */
    async initiativeList(
      query: {
        field?: string;
        level?: string;
        year?: number;
        unit?: string;
        origin?: string;
        subjectType?: string;
        page: number;
        pageSize: number;
      },
      count: (filter: InitiativeFilter) => Promise<number>
    ) {
      const { unit: unitCode, page, pageSize, ...rest } = query;
      const codes: InitiativeQuery = { ...rest };
      if (unitCode) {
        const unit = (await strapi.db.query('api::unit.unit').findOne({ where: { code: unitCode }, select: ['id'] })) as { id: number } | null;
        if (!unit) throw notFound('đơn vị');
        codes.ownerIds = await (strapi.service('api::unit.unit') as unknown as { subtreeIds(id: number): Promise<number[]> }).subtreeIds(unit.id);
      }
      // An unknown field, level or year matches nothing; a page past the end needs no query.
      const filter = await initiativeCards.resolve(codes);
      const total = filter ? await count(filter) : 0;
      const offset = (page - 1) * pageSize;
      const rows = filter && offset < total ? await initiativeCards.cards(filter, { limit: pageSize, offset }) : [];
      return {
        data: rows.map(initiativeCard),
        meta: { pagination: pagination(page, pageSize, total) },
      };
    },

    /**
     * A public model page; with `previewDocumentId` (a signed preview link), the model named,
     * recognised or not, as it stands now, shaped as the public page will show it.
     */
    async initiative(slug: string, { previewDocumentId }: { previewDocumentId?: string } = {}) {
      const found = (await initiatives().findFirst({
        filters: previewDocumentId ? { documentId: previewDocumentId } : { ...PUBLIC_INITIATIVE_FILTER, slug },
        fields: [...INITIATIVE_CARD_FIELDS, 'content', 'results', 'personPosition', 'replicatedSourceName', 'replicatedSourceUnit'] as never,
        populate: {
          ...INITIATIVE_POPULATE,
          localityUnit: { fields: ['name', 'code'] },
          gallery: { fields: IMAGE_FIELDS },
          indicators: true,
          replicatedFrom: { fields: ['title', 'slug', 'reviewState'], populate: { recognitionLevel: { fields: ['code'] } } },
          continuedFrom: { fields: ['title', 'slug', 'reviewState'], populate: { recognitionLevel: { fields: ['code'] } } },
          relatedArticles: { fields: ARTICLE_CARD_FIELDS, populate: CARD_POPULATE, filters: { publishedAt: { $notNull: true } } },
        } as never,
      })) as unknown as (StoredInitiative & { id: number; relatedArticles: StoredArticle[] }) | null;
      if (!found) throw notFound('mô hình');
      const shown = previewDocumentId ? found : await asLastRecognised(strapi, found);
      const decisions = (await strapi.db.query('plugin::review.decision').findMany({
        where: { initiatives: { documentId: found.documentId } },
        select: ['number', 'date', 'signer', 'levelCode'],
        orderBy: { date: 'desc' },
      })) as Array<{ number: string; date: string; signer: string; levelCode: string | null }>;
      const commendations = (await strapi.db.query('api::commendation.commendation').findMany({
        where: { recipientInitiative: { documentId: found.documentId } },
        select: ['decisionNumber', 'decisionDate', 'issuer', 'form'],
        orderBy: { decisionDate: 'desc' },
      })) as Array<{ decisionNumber: string; decisionDate: string; issuer: string; form: string }>;
      return {
        ...initiativeDetail(shown),
        decision: decisions[0] ? { number: decisions[0].number, date: decisions[0].date, signer: decisions[0].signer } : null,
        commendations: commendations.map((c) => ({ decisionNumber: c.decisionNumber, date: c.decisionDate, issuer: c.issuer, form: c.form })),
        relatedArticles: await withCommentCounts(found.relatedArticles ?? []).then((rows) => rows.map(articleCard)),
      };
    },

    /**
     * Accent-insensitive search over published articles and public models,
     * ranked by relevance then recency (src/api/portal/lib/search-query.ts):
     * one statement gives the page and the total.
     */
    async search(query: { q: string; type: SearchType; site?: string; page: number; pageSize: number }) {
      const terms = searchTerms(normalizeForSearch(query.q));
      if (terms.length === 0) return { data: [], meta: { pagination: pagination(query.page, query.pageSize, 0), query: query.q } };
      const { total, hits } = await search.page(terms, {
        type: query.type,
        site: query.site,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        data: hits.map((hit) => ({
          type: hit.type,
          slug: hit.slug,
          title: hit.title,
          excerpt: excerpt(hit.text, 200),
          date: toVietnamIso(isoOf(hit.at)),
          relevance: hit.relevance,
        })),
        meta: { pagination: pagination(query.page, query.pageSize, total), query: query.q },
      };
    },
  };
};

export default portal;
export type PortalService = ReturnType<typeof portal>;
