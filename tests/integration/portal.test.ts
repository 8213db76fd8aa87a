import { initiativeStatistics } from '../../src/domain/statistics';
import { seedDemo } from '../../src/seed/demo';
import { startTestApp, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const INITIATIVE = 'api::initiative.initiative';
const PRIVATE_KEYS = ['personContact', 'evidence', 'searchText', 'version', 'reviewState', 'reviewLevel', 'note', 'assessments', 'phone', 'email'];

/** Every key anywhere in a JSON value. */
const keysOf = (value: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      found.add(key);
      keysOf(inner, found);
    }
  }
  return found;
};

describe('public API for the news websites', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const get = (url: string) => app.http().get(url);

  describe('sites, categories, tags', () => {
    it('describes a site with its sub-sites', async () => {
      const res = await get('/api/portal/sites/portal');
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ code: 'portal', parent: null, children: [{ code: 'dvk' }] });
      expect(res.body.data.hostnames).toContain('tgdv.sonha.example');
      expect((await get('/api/portal/sites/khong-co')).status).toBe(404);
    });

    it('returns the category tree of a site', async () => {
      const res = await get('/api/portal/sites/portal/categories');
      expect(res.status).toBe(200);
      const news = res.body.data.find((c: { slug: string }) => c.slug === 'tin-tuc');
      expect(news.children.map((c: { slug: string }) => c.slug)).toEqual(['hoat-dong-dan-van', 'tin-co-so']);
      expect(res.body.data.map((c: { slug: string }) => c.slug)).not.toContain('dan-van-kheo');
    });

    it('lists tags', async () => {
      const res = await get('/api/portal/sites/portal/tags');
      expect(res.body.data.map((t: { name: string }) => t.name)).toContain('Dân vận khéo');
    });
  });

  describe('article lists', () => {
    it('pages published articles of a site, newest first, with cards only', async () => {
      const res = await get('/api/portal/sites/portal/articles?pageSize=5');
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(5);
      const dates = res.body.data.map((a: { displayAt: string }) => a.displayAt);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(dates[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
      expect(Object.keys(res.body.data[0]).sort()).toEqual(
        ['category', 'cover', 'coverCaption', 'displayAt', 'featured', 'pinned', 'sapo', 'slug', 'title', 'viewCount', 'commentCount'].sort()
      );
      const total = await app.strapi.documents(ARTICLE).count({ status: 'published', filters: { sites: { code: 'portal' } } });
      expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 5, total, pageCount: Math.ceil(total / 5) });
    });

    it('filters by category including subcategories, by tag, by featured and by day', async () => {
      const parent = await get('/api/portal/sites/portal/articles?category=tin-tuc&pageSize=50');
      const children = await Promise.all(['hoat-dong-dan-van', 'tin-co-so'].map((slug) => get(`/api/portal/sites/portal/articles?category=${slug}&pageSize=50`)));
      const direct = await app.strapi
        .documents(ARTICLE)
        .count({ status: 'published', filters: { sites: { code: 'portal' }, category: { slug: 'tin-tuc' } } });
      expect(parent.body.meta.pagination.total).toBe(direct + children[0].body.meta.pagination.total + children[1].body.meta.pagination.total);

      const tagged = await get('/api/portal/sites/portal/articles?tag=dan-van-kheo&pageSize=50');
      expect(tagged.body.meta.pagination.total).toBeGreaterThan(0);
      const featured = await get('/api/portal/sites/portal/articles?featured=true&pageSize=50');
      expect(featured.body.data.every((a: { featured: boolean }) => a.featured)).toBe(true);

      const first = parent.body.data[0];
      const day = first.displayAt.slice(0, 10);
      const onDay = await get(`/api/portal/sites/portal/articles?date=${day}&pageSize=50`);
      expect(onDay.body.data.map((a: { slug: string }) => a.slug)).toContain(first.slug);
      expect(onDay.body.data.every((a: { displayAt: string }) => a.displayAt.startsWith(day))).toBe(true);
    });

    it.each([
      ['pageSize=500', 'pageSize'],
      ['page=-1', 'page'],
      ['page=abc', 'page'],
      ['page=1&page=2', 'page'],
      ['date=2024-02-30', 'date'],
      ['from=2025-02-01&to=2025-01-01', 'from'],
      ['filters[createdBy][password]=x', 'filters'],
      ['populate=*', 'populate'],
      ["category=x' OR 1=1--", 'category'],
    ])('answers 400 with the reason to %s', async (query, parameter) => {
      const res = await get(`/api/portal/sites/portal/articles?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Tham số không hợp lệ \/ Invalid parameters/);
      expect(JSON.stringify(res.body.error.details)).toContain(parameter);
    });

    it('answers 404 for an unknown category', async () => {
      expect((await get('/api/portal/sites/portal/articles?category=khong-co')).status).toBe(404);
    });
  });

  describe('an article', () => {
    it('returns the full article with related lists and prev/next', async () => {
      const [card] = (await get('/api/portal/sites/portal/articles?pageSize=1')).body.data;
      const res = await get(`/api/portal/articles/${card.slug}`);
      expect(res.status).toBe(200);
      const article = res.body.data;
      expect(article).toMatchObject({ slug: card.slug, title: card.title });
      expect(article.body).toContain('<p>');
      expect(article.tags.length).toBeGreaterThan(0);
      expect(article.cover.url).toMatch(/^\/uploads\//);
      expect(Array.isArray(article.moreInCategory)).toBe(true);
      expect(article.moreInCategory.map((a: { slug: string }) => a.slug)).not.toContain(card.slug);
      expect(article.next).toBeNull();
      expect(article.prev).not.toBeNull();
    });

    it('lists attachments with name, size and type', async () => {
      const withFile = (await app.strapi.documents(ARTICLE).findFirst({
        status: 'published',
        filters: { attachments: { id: { $notNull: true } } },
      })) as { slug: string };
      const res = await get(`/api/portal/articles/${withFile.slug}`);
      expect(res.body.data.attachments[0]).toMatchObject({ mime: 'application/pdf', ext: 'pdf' });
      expect(res.body.data.attachments[0].sizeBytes).toBeGreaterThan(0);
    });

    it('never shows drafts, and answers 404 JSON for unknown slugs', async () => {
      const draft = await app.strapi.documents(ARTICLE).create({ data: { title: 'Bản nháp bí mật', sites: [] } });
      const res = await get(`/api/portal/articles/${draft.slug}`);
      expect(res.status).toBe(404);
      expect(res.body.error.status).toBe(404);
      expect((await get('/api/portal/articles/khong-ton-tai')).status).toBe(404);
    });

    it('strips scripts, event handlers and javascript: URLs from rich text', async () => {
      const site = (await app.strapi.db.query('api::site.site').findOne({ where: { code: 'portal' } })) as { documentId: string };
      const evil = await app.strapi.documents(ARTICLE).create({
        data: {
          title: 'Bài có mã độc',
          sites: [site.documentId],
          body: 'Xin chào <script>alert(1)</script> <img src="x" onerror="alert(2)"> [bấm](javascript:alert(3)) <a href="javascript:alert(4)">x</a> <iframe src="//evil"></iframe>',
        },
        status: 'published',
      });
      const res = await get(`/api/portal/articles/${evil.slug}`);
      expect(res.status).toBe(200);
      // What survives is inert text: no element, attribute or link that could run anything.
      expect(res.body.data.body).not.toMatch(/<script|onerror=|href="javascript:|<iframe/i);
      expect(res.body.data.body).toContain('Xin chào');
    });
  });

  describe('cost', () => {
    /** SQL statements the database receives while `run` executes. */
    const countQueries = async (run: () => Promise<unknown>) => {
      const statements: string[] = [];
      const listener = (query: { sql: string }) => statements.push(query.sql);
      app.strapi.db.connection.on('query', listener);
      try {
        await run();
      } finally {
        app.strapi.db.connection.off('query', listener);
      }
      return statements;
    };

    it('answers an uncached list page with at most 3 SQL queries', async () => {
      const plain = await countQueries(() => get('/api/portal/sites/portal/articles?pageSize=11').expect(200));
      expect(plain.length).toBeLessThanOrEqual(2);
      const byCategory = await countQueries(() => get('/api/portal/sites/portal/articles?pageSize=11&category=tin-tuc').expect(200));
      expect(byCategory.length).toBeLessThanOrEqual(3);
      // The next page reuses the cached total: one query.
      const nextPage = await countQueries(() => get('/api/portal/sites/portal/articles?pageSize=11&page=2').expect(200));
      expect(nextPage).toHaveLength(1);
      const cachedRepeat = await countQueries(() => get('/api/portal/sites/portal/articles?pageSize=11&page=2').expect(200));
      expect(cachedRepeat).toHaveLength(0);
    });
  });

  describe('caching', () => {
    it.each(['/api/portal/statistics?year=2025', '/api/portal/initiatives', '/api/portal/search?q=dan van'])(
      'makes browsers and CDNs revalidate %s, which review decisions change, and answers them 304',
      async (url) => {
        const first = await get(url);
        expect(first.status).toBe(200);
        expect(first.headers['cache-control']).toBe('public, no-cache');
        const revalidated = await get(url).set('If-None-Match', first.headers.etag);
        expect(revalidated.status).toBe(304);
        expect(revalidated.headers['cache-control']).toBe('public, no-cache');
      }
    );

    it('sends ETag and Cache-Control, answers 304 on If-None-Match, and serves repeats from the cache', async () => {
      const first = await get('/api/portal/sites/portal/articles?pageSize=3');
      expect(first.headers.etag).toMatch(/^W\/"/);
      expect(first.headers['cache-control']).toMatch(/public, max-age=\d+/);
      const again = await get('/api/portal/sites/portal/articles?pageSize=3');
      expect(again.headers['x-cache']).toBe('HIT');
      const notModified = await get('/api/portal/sites/portal/articles?pageSize=3').set('If-None-Match', first.headers.etag);
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBeFalsy();
    });

    it('answers repeated hits with exactly the headers and body of the full stack (security, CORS, caching)', async () => {
      const url = '/api/portal/sites/portal/categories';
      const origin = 'https://tintuc.sonha.example';
      const miss = await get(url).set('Origin', origin);
      const hits = [await get(url).set('Origin', origin), await get(url).set('Origin', origin)];
      const comparable = (headers: Record<string, string>) => {
        const { date: _date, 'x-cache': _cache, ...rest } = headers;
        return rest;
      };
      for (const hit of hits) {
        expect(hit.status).toBe(200);
        expect(hit.headers['x-cache']).toBe('HIT');
        expect(hit.text).toBe(miss.text);
        expect(comparable(hit.headers)).toEqual(comparable(miss.headers));
      }
      expect(miss.headers['access-control-allow-origin']).toBeTruthy();
      expect(miss.headers['x-frame-options']).toBeTruthy();
      expect(miss.headers.vary).toMatch(/Origin/);
    });

    it('invalidates on update, unpublish and publish of an article', async () => {
      const [card] = (await get('/api/portal/sites/portal/articles?pageSize=1')).body.data;
      await get(`/api/portal/articles/${card.slug}`);
      const doc = (await app.strapi.documents(ARTICLE).findFirst({ status: 'published', filters: { slug: card.slug } })) as { documentId: string };

      await app.strapi.documents(ARTICLE).update({ documentId: doc.documentId, data: { title: 'Tiêu đề đã sửa' } });
      await app.strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
      const updated = await get(`/api/portal/articles/${card.slug}`);
      expect(updated.headers['x-cache']).toBe('MISS');
      expect(updated.body.data.title).toBe('Tiêu đề đã sửa');
      expect((await get('/api/portal/sites/portal/articles?pageSize=1')).body.data[0].title).toBe('Tiêu đề đã sửa');

      await app.strapi.documents(ARTICLE).unpublish({ documentId: doc.documentId });
      expect((await get(`/api/portal/articles/${card.slug}`)).status).toBe(404);
      expect((await get('/api/portal/sites/portal/articles?pageSize=1')).body.data[0].slug).not.toBe(card.slug);
      await app.strapi.documents(ARTICLE).publish({ documentId: doc.documentId });
      expect((await get(`/api/portal/articles/${card.slug}`)).status).toBe(200);
    });
  });

  describe('view counting', () => {
    it('counts once per client within the window, atomically under concurrency', async () => {
      const [card] = (await get('/api/portal/sites/portal/articles?pageSize=1')).body.data;
      const before = (await app.http().post(`/api/portal/articles/${card.slug}/views`).set('User-Agent', 'reader-0')).body.data;
      expect(before.counted).toBe(true);
      const repeat = await app.http().post(`/api/portal/articles/${card.slug}/views`).set('User-Agent', 'reader-0');
      expect(repeat.body.data).toEqual({ counted: false, viewCount: before.viewCount });

      const readers = Array.from({ length: 20 }, (_, n) => app.http().post(`/api/portal/articles/${card.slug}/views`).set('User-Agent', `reader-${n + 1}`));
      const results = await Promise.all(readers);
      expect(results.every((res) => res.status === 200 && res.body.data.counted)).toBe(true);
      const stored = (await app.strapi.documents(ARTICLE).findFirst({ status: 'published', filters: { slug: card.slug } })) as { viewCount: number };
      expect(stored.viewCount).toBe(before.viewCount + 20);
    });

    it('answers 404 for a draft or unknown article', async () => {
      expect((await app.http().post('/api/portal/articles/khong-ton-tai/views')).status).toBe(404);
    });
  });

  describe('search', () => {
    it('finds "Dân vận khéo" when readers type "dan van kheo", title matches first', async () => {
      const res = await get('/api/portal/search?q=dan%20van%20kheo&pageSize=20');
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
      const relevance = res.body.data.map((hit: { relevance: number }) => hit.relevance);
      expect([...relevance].sort((a, b) => b - a)).toEqual(relevance);
      expect(res.body.data[0].title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toLowerCase()).toContain('dan van kheo');
      const types = new Set(res.body.data.map((hit: { type: string }) => hit.type));
      expect(types.has('article')).toBe(true);
    });

    it('searches recognised models only', async () => {
      const res = await get('/api/portal/search?q=mo%20hinh&type=initiative&pageSize=50');
      const publicSlugs = new Set(
        ((await app.strapi.documents(INITIATIVE).findMany({
          filters: { recognitionLevel: { id: { $notNull: true } }, reviewState: { $ne: 'withdrawn' } },
          fields: ['slug'],
          limit: 500,
        })) as Array<{ slug: string }>).map((row) => row.slug)
      );
      for (const hit of res.body.data) expect(publicSlugs.has(hit.slug)).toBe(true);
    });

    it('answers a page and its total in one statement, and counts a new article at once', async () => {
      const statements: string[] = [];
      const listener = (query: { sql: string }) => statements.push(query.sql);
      const first = await get('/api/portal/search?q=dan%20van%20kheo&type=article&pageSize=2');
      const total = first.body.meta.pagination.total;
      expect(total).toBeGreaterThan(2);
      app.strapi.db.connection.on('query', listener);
      try {
        const second = await get('/api/portal/search?q=kheo%20van%20dan&type=article&pageSize=2&page=2');
        expect(second.body.meta.pagination.total).toBe(total);
      } finally {
        app.strapi.db.connection.off('query', listener);
      }
      // On PostgreSQL inside a transaction that turns seq scans off (src/api/portal/lib/search-query.ts).
      expect(statements.filter((sql) => !/^\s*(begin|commit|set local|savepoint|release)/i.test(sql))).toHaveLength(1);

      const site = (await app.strapi.db.query('api::site.site').findOne({ where: { code: 'portal' } })) as { documentId: string };
      await app.strapi.documents(ARTICLE).create({ data: { title: 'Thêm một bài Dân vận khéo', sites: [site.documentId] }, status: 'published' });
      const after = await get('/api/portal/search?q=dan%20van%20kheo&type=article&pageSize=2&page=3');
      expect(after.body.meta.pagination.total).toBe(total + 1);
    });

    it('refuses a one-letter query', async () => {
      expect((await get('/api/portal/search?q=a')).status).toBe(400);
    });
  });

  describe('directory of recognised models', () => {
    it('lists only recognised models, with public fields only', async () => {
      const res = await get('/api/portal/initiatives?pageSize=50');
      expect(res.status).toBe(200);
      const expected = await app.strapi
        .documents(INITIATIVE)
        .count({ filters: { recognitionLevel: { id: { $notNull: true } }, reviewState: { $ne: 'withdrawn' } } });
      expect(res.body.meta.pagination.total).toBe(expected);
      expect(res.body.data.every((row: { recognitionLevel: unknown }) => row.recognitionLevel)).toBe(true);
      for (const key of PRIVATE_KEYS) expect(keysOf(res.body).has(key)).toBe(false);
    });

    it('filters by level, year, field, unit and origin', async () => {
      const province = await get('/api/portal/initiatives?level=province&pageSize=50');
      expect(province.body.data.every((row: { recognitionLevel: { code: string } }) => row.recognitionLevel.code === 'province')).toBe(true);
      const y2023 = await get('/api/portal/initiatives?year=2023&origin=replicated&pageSize=50');
      expect(y2023.body.data.every((row: { year: number; origin: string }) => row.year === 2023 && row.origin === 'replicated')).toBe(true);
      const economy = await get('/api/portal/initiatives?field=economy&pageSize=50');
      expect(economy.body.data.every((row: { field: { code: string } }) => row.field.code === 'economy')).toBe(true);
      const unit = await get('/api/portal/initiatives?unit=SH&pageSize=50');
      expect(unit.body.meta.pagination.total).toBe((await get('/api/portal/initiatives?pageSize=50')).body.meta.pagination.total);
      expect((await get('/api/portal/initiatives?unit=KHONG')).status).toBe(404);
    });

    it('shows a recognised model without private data, and hides unrecognised ones', async () => {
      const individual = (await app.strapi.documents(INITIATIVE).findFirst({
        filters: { subjectType: 'individual', recognitionLevel: { id: { $notNull: true } }, reviewState: { $ne: 'withdrawn' } },
        populate: ['personContact'],
      })) as { slug: string; personName: string; personContact: { phone: string } | null };
      const res = await get(`/api/portal/initiatives/${individual.slug}`);
      expect(res.status).toBe(200);
      expect(res.body.data.personName).toBe(individual.personName);
      for (const key of PRIVATE_KEYS) expect(keysOf(res.body).has(key)).toBe(false);
      if (individual.personContact?.phone) expect(JSON.stringify(res.body)).not.toContain(individual.personContact.phone);

      const hidden = (await app.strapi.documents(INITIATIVE).findFirst({ filters: { recognitionLevel: { id: { $null: true } } } })) as { slug: string };
      expect((await get(`/api/portal/initiatives/${hidden.slug}`)).status).toBe(404);
    });
  });

  describe('statistics', () => {
    it('agrees with the statistics helpers and adds the funnel', async () => {
      const res = await get('/api/portal/statistics?year=2024');
      expect(res.status).toBe(200);
      const expected = await initiativeStatistics(app.strapi, { year: 2024 });
      expect(res.body.data).toMatchObject({ total: expected.total, byOrigin: expected.byOrigin, growth: expected.growth });
      expect(res.body.data.funnel.levels.map((l: { code: string }) => l.code)).toEqual(['commune', 'district', 'province']);
      // Per level, what happened to the models that entered it adds up; none is counted at a level it never
      // entered (this asserted "commune reached = registered" before, which invented passages: issue #11).
      type Step = Record<'entered' | 'waiting' | 'underReview' | 'recognised' | 'returned' | 'notRecognised' | 'proposedOnward' | 'withdrawn', number>;
      const levels = res.body.data.funnel.levels as Step[];
      for (const level of levels) {
        expect(level.waiting + level.underReview + level.recognised + level.returned + level.notRecognised + level.withdrawn).toBe(level.entered);
        expect(level.proposedOnward).toBeLessThanOrEqual(level.recognised);
      }
      expect((await get('/api/portal/statistics')).status).toBe(400);
      expect((await get('/api/portal/statistics?year=2024&unit=SH')).body.data.total).toBe(expected.total);
    });

    it('shows a renamed field at once (the memoised reference data follows writes)', async () => {
      const before = (await get('/api/portal/statistics?year=2024')).body.data;
      const field = before.byField.find((entry: { code: string | null }) => entry.code !== null) as { code: string; name: string; count: number };
      const stored = (await app.strapi.documents('api::field.field').findFirst({ filters: { code: field.code } })) as { documentId: string; name: string };
      try {
        await app.strapi.documents('api::field.field').update({ documentId: stored.documentId, data: { name: 'Lĩnh vực đổi tên' } } as never);
        const after = (await get('/api/portal/statistics?year=2024')).body.data;
        expect(after.byField.find((entry: { code: string | null }) => entry.code === field.code)).toMatchObject({ name: 'Lĩnh vực đổi tên', count: field.count });
      } finally {
        await app.strapi.documents('api::field.field').update({ documentId: stored.documentId, data: { name: stored.name } } as never);
      }
    });
  });

  describe('reference lists', () => {
    it('lists periods newest first with their review chain, and active fields in order', async () => {
      const periods = await get('/api/portal/periods');
      expect(periods.body.data.map((p: { year: number }) => p.year)).toEqual([2025, 2024, 2023]);
      expect(periods.body.data[0].reviewChain.map((l: { code: string }) => l.code)).toEqual(['commune', 'province']);
      const fields = await get('/api/portal/fields');
      expect(fields.body.data.map((f: { code: string }) => f.code)).toEqual([
        'economy',
        'culture-society',
        'defence-security',
        'political-system',
        'new-rural-urban',
        'other',
      ]);
    });
  });

  describe('feeds', () => {
    it('serves RSS 2.0 per site and per category, and a sitemap', async () => {
      const rss = await get('/api/portal/sites/portal/rss.xml');
      expect(rss.status).toBe(200);
      expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
      expect(rss.text).toMatch(/<rss version="2.0"/);
      expect((rss.text.match(/<item>/g) ?? []).length).toBeGreaterThan(0);
      const category = await get('/api/portal/sites/dvk/categories/dan-van-kheo/rss.xml');
      expect(category.status).toBe(200);
      const sitemap = await get('/api/portal/sites/portal/sitemap.xml');
      expect(sitemap.text).toMatch(/<urlset/);
      expect(sitemap.text).toContain('https://tgdv.sonha.example/bai-viet/');
    });
  });

  describe('what stays closed', () => {
    it.each(['/api/articles', '/api/initiatives', '/api/units', '/api/tags', '/api/review/officer/initiatives'])('%s refuses the public', async (url) => {
      expect((await get(url)).status).toBe(403);
    });
  });
});
