/**
 * The editors' newsroom: HTML bodies from the visual editor (and the migration
 * of Markdown ones), sanitised on the public API; scheduled publishing with a
 * controlled clock, once however many instances run it; pinned and featured
 * articles that expire; preview links; the reporter and editor roles.
 */
import { up as convertBodies } from '../../database/migrations/2026.12.02T00.00.05.article-body-html';
import { VIEWS_DAILY_TABLE } from '../../src/domain/newsroom/tables';
import { expireHighlights, publishDue } from '../../src/domain/newsroom/scheduler';
import { signPreviewToken } from '../../src/domain/newsroom/preview-token';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/users';

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;

const EDITOR_BODY = [
  '<h2>Kết quả năm 2024</h2>',
  '<p>Toàn tỉnh có <strong>4.365</strong> mô hình.</p>',
  '<figure class="table"><table><thead><tr><th>Lĩnh vực</th><th>Số mô hình</th></tr></thead><tbody><tr><td>Kinh tế</td><td>922</td></tr></tbody></table></figure>',
  '<figure class="image"><img src="/uploads/hoi_nghi.png" alt="Hội nghị"><figcaption>Hội nghị tổng kết — Ảnh: Trần An/Báo Sơn Hà</figcaption></figure>',
  '<p onclick="steal()">Đoạn cuối<script>alert(1)</script><a href="javascript:alert(2)">liên kết</a></p>',
  '<iframe src="https://evil.example/"></iframe><p><img src="x" onerror="alert(3)"></p>',
].join('');

describe('the editors’ newsroom', () => {
  let app: TestApp;
  let editor: AdminUser;
  let reporter: AdminUser;
  let siteId: string;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });
    reporter = await createAdminUser(app, { roles: ['dvk-reporter'] });
    const site = (await app.strapi.documents('api::site.site').create({ data: { code: 'tin', name: 'Cổng tin Sơn Hà' } as never })) as unknown as {
      documentId: string;
    };
    siteId = site.documentId;
  });

  afterAll(async () => {
    await app?.stop();
  });

  const createArticle = async (title: string, data: Record<string, unknown> = {}, status?: 'published') =>
    (await app.strapi.documents(ARTICLE).create({ data: { title, sites: [siteId], ...data } as never, ...(status ? { status } : {}) })) as unknown as {
      id: number;
      documentId: string;
      slug: string;
    };

  const publicArticle = (slug: string) => app.http().get(`/api/portal/articles/${slug}`);

  describe('article bodies', () => {
    it('serves the editor’s tables and captions, without scripts, handlers, javascript: or iframes, and searches the body without accents', async () => {
      const article = await createArticle('Tổng kết phong trào', { body: EDITOR_BODY }, 'published');
      const res = await publicArticle(article.slug);
      expect(res.status).toBe(200);
      const body: string = res.body.data.body;
      expect(body).toContain('<figure class="table"><table><thead><tr><th>Lĩnh vực</th>');
      expect(body).toContain('<figcaption>Hội nghị tổng kết — Ảnh: Trần An/Báo Sơn Hà</figcaption>');
      expect(body).not.toMatch(/<script|onclick|onerror|javascript:|<iframe|evil\.example/i);

      const search = await app.http().get('/api/portal/search?q=tong ket linh vuc kinh te');
      expect(search.status).toBe(200);
      expect(search.body.data.map((hit: { slug: string }) => hit.slug)).toContain(article.slug);
    });

    it('converts Markdown bodies of earlier versions to the editor’s HTML, in draft and published rows, once', async () => {
      const article = await createArticle('Bài cũ viết bằng Markdown', {}, 'published');
      const markdown = 'Mở đầu.\n\n![Đường làng](/uploads/duong.png)\n*Ảnh minh họa: Lò Văn Páo/Báo Sơn Hà*\n\n| Xã | Số hộ |\n| --- | --- |\n| An Thịnh | 120 |';
      await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: article.documentId }, data: { body: markdown } });

      await convertBodies(app.strapi.db.connection);
      const rows = (await app.strapi.db.query(ARTICLE).findMany({ where: { documentId: article.documentId }, select: ['body', 'searchText'] })) as Array<{
        body: string;
        searchText: string;
      }>;
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.body).toContain('<figure class="image"><img src="/uploads/duong.png" alt="Đường làng"><figcaption>Ảnh minh họa: Lò Văn Páo/Báo Sơn Hà</figcaption></figure>');
        expect(row.body).toContain('<td>An Thịnh</td>');
        expect(row.searchText).toContain('lo van pao');
        expect(row.searchText).not.toMatch(/[*|!]/);
      }
      const converted = rows[0].body;
      await convertBodies(app.strapi.db.connection);
      const again = (await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: article.documentId }, select: ['body'] })) as { body: string };
      expect(again.body).toBe(converted);
      expect((await publicArticle(article.slug)).body.data.body).toContain('<figcaption>Ảnh minh họa: Lò Văn Páo/Báo Sơn Hà</figcaption>');
    });
  });

  describe('scheduled publishing (controlled clock)', () => {
    it('publishes a draft at its time, not before, dated then; feeds and lists follow', async () => {
      const at = new Date(Date.now() + 2 * 60 * 60 * 1000);
      const article = await createArticle('Tin hẹn giờ đăng', { body: EDITOR_BODY, publishAt: at.toISOString() });
      const list = () => app.http().get('/api/portal/sites/tin/articles?pageSize=50');
      expect((await list()).body.data.map((card: { slug: string }) => card.slug)).not.toContain(article.slug);

      expect((await publishDue(app.strapi, new Date(at.getTime() - 1000))).published).toEqual([]);
      expect((await publicArticle(article.slug)).status).toBe(404);

      expect((await publishDue(app.strapi, new Date(at.getTime() + 1000))).published).toEqual([article.documentId]);
      const res = await publicArticle(article.slug);
      expect(res.status).toBe(200);
      expect(res.body.data.body).toContain('<figcaption>');
      expect(Date.parse(res.body.data.displayAt)).toBe(Math.floor(at.getTime() / 1000) * 1000); // shown to the second
      expect((await list()).body.data.map((card: { slug: string }) => card.slug)).toContain(article.slug);
      const rss = await app.http().get('/api/portal/sites/tin/rss.xml');
      expect(rss.text).toContain('Tin hẹn giờ đăng');

      const rows = (await app.strapi.db.query(ARTICLE).findMany({ where: { documentId: article.documentId }, select: ['publishAt'] })) as Array<{
        publishAt: string | null;
      }>;
      expect(rows.map((row) => row.publishAt)).toEqual([null, null]);
      expect((await publishDue(app.strapi, new Date(at.getTime() + 60_000))).published).toEqual([]);
    });

    it('publishes a due article once when several instances run the job at the same time', async () => {
      const at = new Date(Date.now() + 3 * 60 * 60 * 1000);
      const article = await createArticle('Tin chạy song song', { publishAt: at.toISOString() });
      const later = new Date(at.getTime() + 1000);
      const runs = await Promise.all([publishDue(app.strapi, later), publishDue(app.strapi, later), publishDue(app.strapi, later)]);
      expect(runs.flatMap((run) => run.published)).toEqual([article.documentId]);
      expect(runs.flatMap((run) => run.failed)).toEqual([]);
      const published = await app.strapi.db.query(ARTICLE).count({ where: { documentId: article.documentId, publishedAt: { $notNull: true } } });
      expect(published).toBe(1);
    });

    it('forgets the schedule when an editor publishes by hand', async () => {
      const at = new Date(Date.now() + 4 * 60 * 60 * 1000);
      const article = await createArticle('Tin đăng ngay', { publishAt: at.toISOString() });
      const res = await editor.client.post(`${CM}/${article.documentId}/actions/publish`).send({});
      expect(res.status).toBe(200);
      const scheduled = await app.strapi.db.query(ARTICLE).count({ where: { documentId: article.documentId, publishAt: { $notNull: true } } });
      expect(scheduled).toBe(0);
    });
  });

  describe('pinned and featured articles expire by themselves', () => {
    it('leads the home page while pinned or featured, and stops at the end time', async () => {
      const soon = new Date(Date.now() + 60 * 60 * 1000);
      const pinned = await createArticle('Tin ghim', { pinnedUntil: soon.toISOString() }, 'published');
      const featured = await createArticle('Tin nổi bật có hạn', { featured: true, featuredUntil: soon.toISOString() }, 'published');
      const over = await createArticle('Tin nổi bật đã hết hạn', { featured: true, featuredUntil: new Date(Date.now() - 1000).toISOString() }, 'published');

      const slugs = async (query: string) =>
        ((await app.http().get(`/api/portal/sites/tin/articles?${query}`)).body.data as Array<{ slug: string }>).map((card) => card.slug);
      expect(await slugs('pinned=true')).toEqual([pinned.slug]);
      expect(await slugs('featured=true')).toEqual([featured.slug]);
      expect(await slugs('featured=true')).not.toContain(over.slug);
      const card = (await app.http().get('/api/portal/sites/tin/articles?pageSize=50')).body.data.find((c: { slug: string }) => c.slug === over.slug);
      expect(card).toMatchObject({ featured: false, pinned: false });

      // At the end time the job clears the flags and invalidates the cached lists.
      expect(await expireHighlights(app.strapi, new Date(soon.getTime() - 1000))).toBe(2); // the one already over, draft and published rows
      expect(await expireHighlights(app.strapi, new Date(soon.getTime() + 1000))).toBe(4);
      const rows = (await app.strapi.db.query(ARTICLE).findMany({
        where: { documentId: { $in: [pinned.documentId, featured.documentId] } },
        select: ['pinnedUntil', 'featured', 'featuredUntil'],
      })) as Array<{ pinnedUntil: string | null; featured: boolean; featuredUntil: string | null }>;
      expect(rows.every((row) => row.pinnedUntil === null && !row.featured && row.featuredUntil === null)).toBe(true);
      expect(await slugs('featured=true')).toEqual([]);
    });
  });

  describe('preview', () => {
    it('gives editors a signed link to the draft on the demo page; the public API shows the draft only through it', async () => {
      const article = await createArticle('Bản nháp xem trước', { body: EDITOR_BODY });
      const url = await editor.client.get(`/content-manager/preview/url/${ARTICLE}?documentId=${article.documentId}&status=draft`);
      expect(url.status).toBe(200);
      const match = /^\/index\.html\?site=tin#\/xem-truoc\/bai-viet\?token=([\w.-]+)$/.exec(url.body.data.url);
      expect(match).not.toBeNull();
      const token = (match as RegExpExecArray)[1];

      const res = await app.http().get(`/api/portal/preview/article?token=${token}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.data).toMatchObject({ title: 'Bản nháp xem trước', slug: article.slug });
      expect(res.body.data.body).toContain('<figure class="table">');
      expect(res.body.data.body).not.toMatch(/<script|onclick|javascript:/i);

      expect((await publicArticle(article.slug)).status).toBe(404);
      // Who may not read articles gets no link.
      const reviewer = await createAdminUser(app, { roles: ['dvk-reviewer'] });
      expect((await reviewer.client.get(`/content-manager/preview/url/${ARTICLE}?documentId=${article.documentId}&status=draft`)).status).toBe(204);
      const forged = await app.http().get(`/api/portal/preview/article?token=${token.slice(0, -3)}abc`);
      expect(forged.status).toBe(401);
      expect(forged.body.error.message).toContain('Liên kết xem trước không hợp lệ');
      const expired = await signPreviewToken({ kind: 'article', documentId: article.documentId }, new Date(Date.now() - 24 * 60 * 60 * 1000));
      const late = await app.http().get(`/api/portal/preview/article?token=${expired}`);
      expect(late.status).toBe(401);
      expect(late.body.error.message).toContain('hết hạn');
      expect((await app.http().get('/api/portal/preview/article')).status).toBe(400);
      const wrongKind = await signPreviewToken({ kind: 'initiative', documentId: article.documentId });
      expect((await app.http().get(`/api/portal/preview/article?token=${wrongKind}`)).status).toBe(401);
    });
  });

  describe('preview of a model', () => {
    it('shows a model not yet recognised as its public page will, only through the signed link', async () => {
      const model = await fixtures(app.strapi).initiative('Mô hình đang xét xem trước', { reviewState: 'under_review', content: '**Nội dung** mô hình' });
      const slug = ((await app.strapi.db.query('api::initiative.initiative').findOne({ where: { documentId: model.documentId }, select: ['slug'] })) as { slug: string }).slug;
      expect((await app.http().get(`/api/portal/initiatives/${slug}`)).status).toBe(404);

      const url = await editor.client.get(`/content-manager/preview/url/api::initiative.initiative?documentId=${model.documentId}`);
      // Editors may not read models: no preview link for them (Strapi answers 204, no URL).
      expect(url.status).toBe(204);
      expect(url.body.data?.url).toBeUndefined();
      const admin = await createAdminUser(app);
      const link = await admin.client.get(`/content-manager/preview/url/api::initiative.initiative?documentId=${model.documentId}`);
      expect(link.status).toBe(200);
      const token = /#\/xem-truoc\/mo-hinh\?token=([\w.-]+)$/.exec(link.body.data.url)?.[1] as string;
      const res = await app.http().get(`/api/portal/preview/initiative?token=${token}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ title: 'Mô hình đang xét xem trước' });
      expect(res.body.data.content).toContain('<strong>Nội dung</strong>');
      // An article's link does not open a model, nor the other way round.
      expect((await app.http().get(`/api/portal/preview/article?token=${token}`)).status).toBe(401);
    });
  });

  describe('roles', () => {
    it('lets a reporter write drafts but neither publish nor schedule them', async () => {
      const created = await reporter.client.post(CM).send({ title: 'Bài của phóng viên', body: '<p>Nội dung</p>', publishAt: new Date(Date.now() + 60_000).toISOString() });
      expect(created.status).toBe(201);
      const documentId: string = created.body.data.documentId;
      const updated = await reporter.client.put(`${CM}/${documentId}`).send({ title: 'Bài của phóng viên (sửa)', featured: true, pinnedUntil: new Date(Date.now() + 60_000).toISOString() });
      expect(updated.status).toBe(200);
      const stored = (await app.strapi.db.query(ARTICLE).findOne({ where: { documentId }, select: ['title', 'publishAt', 'featured', 'pinnedUntil'] })) as Record<string, unknown>;
      expect(stored).toMatchObject({ title: 'Bài của phóng viên (sửa)', publishAt: null, pinnedUntil: null });
      expect(Boolean(stored.featured)).toBe(false);

      const publish = await reporter.client.post(`${CM}/${documentId}/actions/publish`).send({});
      expect(publish.status).toBe(403);
      expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId, publishedAt: { $notNull: true } } })).toBe(0);
    });

    it('lets an editor schedule and publish', async () => {
      const created = await editor.client.post(CM).send({ title: 'Bài của biên tập viên', publishAt: new Date(Date.now() + 60_000).toISOString() });
      expect(created.status).toBe(201);
      const documentId: string = created.body.data.documentId;
      const stored = (await app.strapi.db.query(ARTICLE).findOne({ where: { documentId }, select: ['publishAt'] })) as { publishAt: string | null };
      expect(stored.publishAt).not.toBeNull();
      const publish = await editor.client.post(`${CM}/${documentId}/actions/publish`).send({});
      expect(publish.status).toBe(200);
    });
  });

  describe('the newsroom’s homepage widgets and a quiet admin', () => {
    it('shows an editor their drafts, the scheduled articles and the week’s most read', async () => {
      const draft = await editor.client.post(CM).send({ title: 'Nháp của tôi cho trang chủ' });
      expect(draft.status).toBe(201);
      const at = new Date(Date.now() + 5 * 60 * 60 * 1000);
      const scheduled = await createArticle('Bài chờ giờ đăng cho trang chủ', { publishAt: at.toISOString() });
      const read = await createArticle('Bài được đọc nhiều', {}, 'published');
      for (const agent of ['a', 'b', 'c']) await app.http().post(`/api/portal/articles/${read.slug}/views`).set('User-Agent', agent);

      const res = await editor.client.get('/admin/newsroom/overview');
      expect(res.status).toBe(200);
      expect(res.body.data.drafts.map((item: { title: string }) => item.title)).toContain('Nháp của tôi cho trang chủ');
      expect(res.body.data.drafts.map((item: { title: string }) => item.title)).not.toContain('Bài chờ giờ đăng cho trang chủ'); // not mine
      expect(res.body.data.scheduled).toEqual(
        expect.arrayContaining([expect.objectContaining({ documentId: scheduled.documentId, at: new Date(at.toISOString()).toISOString() })])
      );
      expect(res.body.data.mostRead[0]).toMatchObject({ documentId: read.documentId, views: 3 });

      // Published: no longer a draft of mine; edited again: a draft with unpublished changes.
      const mine = draft.body.data.documentId as string;
      expect((await editor.client.post(`${CM}/${mine}/actions/publish`).send({})).status).toBe(200);
      const drafts = async () => (await editor.client.get('/admin/newsroom/overview')).body.data.drafts as Array<{ documentId: string; published: boolean }>;
      expect((await drafts()).map((item) => item.documentId)).not.toContain(mine);
      expect((await editor.client.put(`${CM}/${mine}`).send({ title: 'Nháp của tôi cho trang chủ (sửa)' })).status).toBe(200);
      expect((await drafts()).find((item) => item.documentId === mine)).toMatchObject({ published: true });
    });

    it('refuses the widgets’ data to admins who cannot read articles, and to visitors', async () => {
      const reviewer = await createAdminUser(app, { roles: ['dvk-reviewer'] });
      expect((await reviewer.client.get('/admin/newsroom/overview')).status).toBe(403);
      expect((await app.http().get('/admin/newsroom/overview')).status).toBe(401);
    });

    it('has no marketplace, even for the Super Admin', async () => {
      const admin = await createAdminUser(app);
      const res = await admin.client.get('/admin/users/me/permissions');
      expect(res.status).toBe(200);
      const actions = (res.body.data as Array<{ action: string }>).map((permission) => permission.action);
      expect(actions).toContain('admin::users.read');
      expect(actions).not.toContain('admin::marketplace.read');
    });
  });

  describe('views per day', () => {
    it('counts a view in the article’s day as well as its total', async () => {
      const article = await createArticle('Tin được đọc', {}, 'published');
      const res = await app.http().post(`/api/portal/articles/${article.slug}/views`).set('User-Agent', 'jest');
      expect(res.status).toBe(200);
      const rows = (await app.strapi.db.connection(VIEWS_DAILY_TABLE).where({ document_id: article.documentId })) as Array<{ views: number }>;
      expect(rows.map((row) => Number(row.views))).toEqual([1]);
    });
  });
});
