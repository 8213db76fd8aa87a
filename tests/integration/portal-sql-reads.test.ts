/**
 * The article page and the models directory are read with hand-written SQL;
 * this checks them against the same answers built through Strapi's document
 * service and query engine (how Strapi itself reads documents): every
 * published article of the demo, articles made to hit the edge cases (SEO
 * with a share image, ordered tags and attachments, related drafts,
 * unrecognised and withdrawn models, site scoping), and the directory under
 * every filter, page by page.
 */
import type { Core } from '@strapi/strapi';

import { articleCard, articleDetail, ARTICLE_CARD_FIELDS, IMAGE_FIELDS, INITIATIVE_CARD_FIELDS, initiativeCard, type StoredArticle, type StoredInitiative } from '../../src/api/portal/lib/dto';
import { PUBLIC_INITIATIVE_FILTER as PUBLIC_INITIATIVE } from '../../src/domain/public-initiative';
import { seedDemo } from '../../src/seed/demo';
import { startTestApp, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const INITIATIVE = 'api::initiative.initiative';
const CARD_POPULATE = { cover: { fields: IMAGE_FIELDS }, category: { fields: ['name', 'slug'] } };
const INITIATIVE_CARD_POPULATE = {
  cover: { fields: IMAGE_FIELDS },
  field: { fields: ['name', 'code'] },
  period: { fields: ['year', 'name'] },
  ownerUnit: { fields: ['name', 'code'] },
  recognitionLevel: { fields: ['name', 'code'] },
};

type Row = StoredArticle & { id: number };

/** The article page as the document service and query engine read it. */
async function referencePage(strapi: Core.Strapi, slug: string, site?: string) {
  const found = (await strapi.documents(ARTICLE).findFirst({
    status: 'published',
    filters: { slug, ...(site ? { sites: { code: site } } : {}) },
    populate: {
      cover: { fields: IMAGE_FIELDS },
      category: { fields: ['name', 'slug'] },
      tags: { fields: ['name', 'slug'] },
      attachments: { fields: ['url', 'name', 'size', 'mime', 'ext'] },
      seo: { populate: { shareImage: { fields: IMAGE_FIELDS } } },
      relatedArticles: { fields: ARTICLE_CARD_FIELDS, populate: CARD_POPULATE },
      relatedInitiatives: {
        fields: INITIATIVE_CARD_FIELDS,
        filters: PUBLIC_INITIATIVE,
        populate: INITIATIVE_CARD_POPULATE,
      },
    } as never,
  })) as unknown as (StoredArticle & { relatedArticles: StoredArticle[]; relatedInitiatives: StoredInitiative[] }) | null;
  if (!found) return null;
  const at = found.displayAt ?? found.publishedAt;
  const scope = {
    publishedAt: { $notNull: true },
    slug: { $ne: slug },
    ...(site ? { sites: { code: site } } : {}),
    ...(found.category ? { category: { slug: found.category.slug } } : {}),
  };
  const cards = (where: Record<string, unknown>, direction: 'asc' | 'desc', limit: number) =>
    strapi.db.query(ARTICLE).findMany({
      where,
      select: ['id', ...ARTICLE_CARD_FIELDS],
      populate: { cover: { select: IMAGE_FIELDS }, category: { select: ['name', 'slug'] } },
      orderBy: [{ displayAt: direction }, { id: direction }],
      limit,
    }) as Promise<Row[]>;
  const [more, prev, next] = await Promise.all([
    cards(scope, 'desc', 5),
    cards({ ...scope, displayAt: { $lt: at } }, 'desc', 1),
    cards({ ...scope, displayAt: { $gt: at } }, 'asc', 1),
  ]);
  const neighbour = (rows: Row[]) => (rows[0] ? { slug: rows[0].slug, title: rows[0].title } : null);
  // Approved readers' comments, counted one article at a time through the query engine.
  const withComments = async <T extends StoredArticle>(article: T): Promise<T> => ({
    ...article,
    commentCount: await strapi.db.query('api::comment.comment').count({ where: { articleDocumentId: article.documentId, status: 'approved' } }),
  });
  return {
    ...articleDetail(await withComments(found)),
    related: (await Promise.all(found.relatedArticles.map(withComments))).map(articleCard),
    relatedInitiatives: found.relatedInitiatives.map(initiativeCard),
    moreInCategory: (await Promise.all(more.map(withComments))).map(articleCard),
    prev: neighbour(prev),
    next: neighbour(next),
  };
}

type DirectoryQuery = { field?: string; level?: string; year?: number; unit?: string; origin?: string; subjectType?: string; page: number; pageSize: number };

/** A page of the models directory as the document service reads it. */
async function referenceDirectory(strapi: Core.Strapi, query: DirectoryQuery) {
  const filters: Record<string, unknown> = { ...PUBLIC_INITIATIVE };
  if (query.field) filters.field = { code: query.field };
  if (query.level) filters.recognitionLevel = { code: query.level };
  if (query.year) filters.period = { year: query.year };
  if (query.origin) filters.origin = query.origin;
  if (query.subjectType) filters.subjectType = query.subjectType;
  if (query.unit) {
    const unit = (await strapi.db.query('api::unit.unit').findOne({ where: { code: query.unit }, select: ['id'] })) as { id: number };
    const ids = await (strapi.service('api::unit.unit') as unknown as { subtreeIds(id: number): Promise<number[]> }).subtreeIds(unit.id);
    filters.ownerUnit = { id: { $in: ids } };
  }
  const [rows, total] = await Promise.all([
    strapi.documents(INITIATIVE).findMany({
      filters,
      fields: INITIATIVE_CARD_FIELDS as never,
      populate: INITIATIVE_CARD_POPULATE as never,
      sort: [{ recognizedAt: 'desc' }, { id: 'desc' }] as never,
      start: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    }),
    strapi.documents(INITIATIVE).count({ filters } as never),
  ]);
  return {
    data: (rows as unknown as StoredInitiative[]).map(initiativeCard),
    meta: { pagination: { page: query.page, pageSize: query.pageSize, total, pageCount: Math.ceil(total / query.pageSize) } },
  };
}

describe('public reads in SQL equal the document service', () => {
  let app: TestApp;
  let edgeSlug: string;

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.strapi);
    const strapi = app.strapi;

    const files = (await strapi.db.query('plugin::upload.file').findMany({ select: ['id', 'mime'], orderBy: { id: 'asc' } })) as Array<{ id: number; mime: string }>;
    const images = files.filter((file) => file.mime.startsWith('image/'));
    const pdf = files.find((file) => file.mime === 'application/pdf');
    const sites = (await strapi.db.query('api::site.site').findMany({ select: ['documentId', 'code'] })) as Array<{ documentId: string; code: string }>;
    const category = (await strapi.db.query('api::category.category').findOne({ where: { slug: 'hoat-dong-dan-van' }, select: ['documentId'] })) as { documentId: string };
    const tags = (await strapi.db.query('api::tag.tag').findMany({ select: ['documentId'], orderBy: { id: 'asc' }, limit: 3 })) as Array<{ documentId: string }>;
    const recognised = (await strapi.db.query(INITIATIVE).findMany({
      where: { recognitionLevel: { id: { $notNull: true } }, reviewState: { $ne: 'withdrawn' } },
      select: ['documentId'],
      orderBy: { id: 'asc' },
      limit: 2,
    })) as Array<{ documentId: string }>;
    const unrecognised = (await strapi.db.query(INITIATIVE).findOne({ where: { recognitionLevel: { id: { $null: true } } }, select: ['documentId'] })) as { documentId: string };
    const withdrawn = (await strapi.documents(INITIATIVE).create({ data: { title: 'Mô hình đã rút', subjectType: 'collective', origin: 'new' } as never })) as unknown as { id: number; documentId: string };
    const level = (await strapi.db.query('api::unit-kind.unit-kind').findOne({ where: { code: { $notNull: true } }, select: ['id'] })) as { id: number };
    await strapi.db.query(INITIATIVE).update({ where: { id: withdrawn.id }, data: { reviewState: 'withdrawn', recognitionLevel: level.id, recognizedAt: new Date() } });

    const published = (await strapi.db.query(ARTICLE).findMany({
      where: { publishedAt: { $notNull: true } },
      select: ['documentId'],
      orderBy: { displayAt: 'desc' },
      limit: 2,
    })) as Array<{ documentId: string }>;
    const draftOnly = await strapi.documents(ARTICLE).create({ data: { title: 'Bài liên quan chưa đăng', sites: [sites[0].documentId] } as never });

    const edge = await strapi.documents(ARTICLE).create({
      data: {
        title: 'Bài có đủ trường hợp riêng',
        sapo: 'Tóm tắt bài có đủ trường hợp riêng',
        body: 'Nội dung **đậm** và ![ảnh](/uploads/x.jpg)',
        coverCredit: 'Ảnh: Phóng viên',
        authorName: 'Nguyễn Văn A',
        authorTitle: 'Phóng viên',
        sourceAgency: 'Ban Dân vận Tỉnh ủy',
        cover: images[0].id,
        category: category.documentId,
        sites: sites.map((site) => site.documentId),
        // Tags and attachments deliberately in an order other than their ids'.
        tags: [...tags].reverse().map((tag) => tag.documentId),
        attachments: [...(pdf ? [pdf.id] : []), images[1].id, images[0].id],
        relatedArticles: [published[1].documentId, draftOnly.documentId, published[0].documentId],
        relatedInitiatives: [recognised[1].documentId, unrecognised.documentId, withdrawn.documentId, recognised[0].documentId],
        seo: { metaTitle: 'Tiêu đề SEO', metaDescription: 'Mô tả SEO', shareImage: images[1].id },
      } as never,
      status: 'published',
    });
    edgeSlug = edge.slug as string;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('equals the document-service page for every published article', async () => {
    const rows = (await app.strapi.db.query(ARTICLE).findMany({ where: { publishedAt: { $notNull: true } }, select: ['slug'] })) as Array<{ slug: string }>;
    expect(rows.length).toBeGreaterThan(10);
    for (const { slug } of rows) {
      const res = await app.http().get(`/api/portal/articles/${slug}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(JSON.parse(JSON.stringify(await referencePage(app.strapi, slug))));
    }
  });

  it('equals it within a site, and answers 404 for an article not on that site', async () => {
    const site = 'dvk';
    const onSite = (await app.strapi.db.query(ARTICLE).findMany({
      where: { publishedAt: { $notNull: true }, sites: { code: site } },
      select: ['slug'],
    })) as Array<{ slug: string }>;
    expect(onSite.length).toBeGreaterThan(1);
    for (const { slug } of onSite) {
      const res = await app.http().get(`/api/portal/articles/${slug}?site=${site}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual(JSON.parse(JSON.stringify(await referencePage(app.strapi, slug, site))));
    }
    const offSite = (await app.strapi.db.query(ARTICLE).findOne({
      where: { publishedAt: { $notNull: true }, sites: { code: { $ne: site } }, slug: { $notIn: onSite.map((row) => row.slug) } },
      select: ['slug'],
    })) as { slug: string };
    expect((await app.http().get(`/api/portal/articles/${offSite.slug}?site=${site}`)).status).toBe(404);
  });

  it('shows SEO, ordered tags and attachments, and only public related items', async () => {
    const res = await app.http().get(`/api/portal/articles/${edgeSlug}`);
    expect(res.status).toBe(200);
    const page = res.body.data;
    expect(page.seo).toMatchObject({ title: 'Tiêu đề SEO', description: 'Mô tả SEO' });
    expect(page.seo.image.url).not.toBe(page.cover.url);
    expect(page.author).toEqual({ name: 'Nguyễn Văn A', title: 'Phóng viên' });
    expect(page.attachments.map((file: { mime: string }) => file.mime)[0]).toBe('application/pdf');
    expect(page.attachments).toHaveLength(3);
    expect(page.tags).toHaveLength(3);
    // The draft is left out, the published ones keep the editor's order.
    expect(page.related.map((card: { title: string }) => card.title)).not.toContain('Bài liên quan chưa đăng');
    expect(page.related).toHaveLength(2);
    // Only the two recognised models, in the editor's order; never the unrecognised or withdrawn one.
    expect(page.relatedInitiatives).toHaveLength(2);
    expect(page.relatedInitiatives.map((item: { title: string }) => item.title)).not.toContain('Mô hình đã rút');
    expect(page).toEqual(JSON.parse(JSON.stringify(await referencePage(app.strapi, edgeSlug))));
  });

  it('reads a page in 5 SQL statements, without a transaction', async () => {
    const portal = app.strapi.service('api::portal.portal') as unknown as { article(slug: string, site?: string): Promise<{ slug: string }> };
    const statements: string[] = [];
    const listener = (query: { sql: string }) => statements.push(query.sql);
    app.strapi.db.connection.on('query', listener);
    try {
      // The service itself, under the response cache.
      expect((await portal.article(edgeSlug, 'dvk')).slug).toBe(edgeSlug);
    } finally {
      app.strapi.db.connection.off('query', listener);
    }
    expect(statements.filter((sql) => /^(begin|commit|rollback|savepoint)/i.test(sql.trim()))).toEqual([]);
    // The article, then its tags, attachments, related models and every card list (one UNION).
    expect(statements).toHaveLength(5);
  });

  it.each<[string, Omit<DirectoryQuery, 'page' | 'pageSize'>]>([
    ['no filter', {}],
    ['a level', { level: 'province' }],
    ['a level below the province', { level: 'commune' }],
    ['a year', { year: 2024 }],
    ['a field', { field: 'economy' }],
    ['a unit subtree', { unit: 'SH-H01' }],
    ['a year and a level', { year: 2023, level: 'district' }],
    ['origin and subject', { origin: 'replicated', subjectType: 'collective' }],
    ['individuals', { subjectType: 'individual' }],
  ])('lists the models directory like the document service: %s, every page', async (_name, filter) => {
    const pageSize = 7;
    const first = await referenceDirectory(app.strapi, { ...filter, page: 1, pageSize });
    // Every case lists something, or it would prove nothing.
    expect(first.meta.pagination.total).toBeGreaterThan(0);
    for (let page = 1; page <= Math.max(1, first.meta.pagination.pageCount); page++) {
      const query = new URLSearchParams({ ...Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, String(value)])), page: String(page), pageSize: String(pageSize) });
      const res = await app.http().get(`/api/portal/initiatives?${query}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(JSON.parse(JSON.stringify(await referenceDirectory(app.strapi, { ...filter, page, pageSize }))));
    }
  });

  it.each<[string, DirectoryQuery]>([
    ['an unknown field', { field: 'khong-co', page: 1, pageSize: 10 }],
    ['an unknown level', { level: 'khong-co', page: 1, pageSize: 10 }],
    ['a year without a period', { year: 2031, page: 1, pageSize: 10 }],
    ['a page past the end', { level: 'province', page: 99, pageSize: 10 }],
  ])('answers %s with an empty page, like the document service', async (_name, query) => {
    const params = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]));
    const res = await app.http().get(`/api/portal/initiatives?${params}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([]);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await referenceDirectory(app.strapi, query))));
  });

  it('never lists the withdrawn model, though it has a recognition level', async () => {
    const titles: string[] = [];
    let pageCount = 1;
    for (let page = 1; page <= pageCount; page++) {
      const res = await app.http().get(`/api/portal/initiatives?pageSize=50&page=${page}`);
      expect(res.status).toBe(200);
      pageCount = res.body.meta.pagination.pageCount;
      titles.push(...res.body.data.map((item: { title: string }) => item.title));
    }
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).not.toContain('Mô hình đã rút');
  });
});
