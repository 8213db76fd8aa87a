import { startTestApp, type TestApp } from '../helpers/strapi';

describe('view counting limits', () => {
  let app: TestApp;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp({ VIEW_RATE_PER_MINUTE: '3' });
    const site = await app.strapi.documents('api::site.site').create({ data: { name: 'Cổng', code: 'portal' } });
    const article = await app.strapi.documents('api::article.article').create({
      data: { title: 'Bài đếm lượt đọc', sites: [site.documentId] },
      status: 'published',
    });
    slug = article.slug as string;
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a client over the per-minute limit with 429 and Retry-After, and keeps the count', async () => {
    const view = (agent: string) => app.http().post(`/api/portal/articles/${slug}/views`).set('User-Agent', agent);
    const allowed = [await view('a'), await view('b'), await view('c')];
    expect(allowed.map((res) => res.status)).toEqual([200, 200, 200]);
    expect(allowed[2].body.data.viewCount).toBe(3);
    const refused = await view('d');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error.message).toMatch(/Quá nhiều yêu cầu/);
    const stored = await app.strapi.documents('api::article.article').findFirst({ status: 'published', filters: { slug } });
    expect(stored?.viewCount).toBe(3);
  });

  it('keeps the count when the article is published again', async () => {
    const doc = await app.strapi.documents('api::article.article').findFirst({ status: 'published', filters: { slug } });
    await app.strapi.documents('api::article.article').update({ documentId: doc?.documentId as string, data: { sapo: 'Sửa' } });
    const republished = await app.strapi.documents('api::article.article').publish({ documentId: doc?.documentId as string });
    expect(republished.entries[0]?.viewCount).toBe(3);
  });
});
