/**
 * Replays of the security review (items 2, 3, 4, 8, 9) and of Strapi's
 * advisory classes: cross-origin credentials, review bypasses through the
 * Content Manager, the client address behind a proxy, private data in public
 * search, lax query parameters, filter/populate oracles, mass assignment and
 * security headers. The app runs behind a (simulated) reverse proxy.
 */
import { fixtures } from '../helpers/fixtures';
import { buildProvince, createOfficer, createReviewer, type Province } from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser, type ApiUser } from '../helpers/users';

const INITIATIVE = 'api::initiative.initiative';
const DECISION = 'plugin::review.decision';
const EVIL = 'https://evil.example';
/** A separate officer-portal host, listed in ADMIN_CORS_ORIGINS. */
const PORTAL_HOST = 'https://dangky.example.vn';

describe('security hardening', () => {
  let app: TestApp;
  let province: Province;
  let superAdmin: AdminUser;
  let leader: AdminUser;
  let reviewer: AdminUser;
  let officer: ApiUser;
  let articleSlug: string;
  let recognised: { id: number; documentId: string; slug: string };

  beforeAll(async () => {
    app = await startTestApp({ IS_PROXIED: 'true', VIEW_RATE_PER_MINUTE: '1000', ADMIN_CORS_ORIGINS: PORTAL_HOST });
    province = await buildProvince(app);
    superAdmin = await createAdminUser(app);
    leader = await createReviewer(app, province.P, 'dvk-leadership');
    reviewer = await createReviewer(app, province.C1);
    officer = await createOfficer(app, province.villages[0]);
    const fx = fixtures(app.strapi);
    const site = await app.strapi.documents('api::site.site').create({ data: { name: 'Cổng', code: 'portal' } });
    articleSlug = (await fx.article('Bài đọc sau proxy', { sites: [site.documentId] }, 'published')).slug as string;
    const doc = await fx.initiative('Mô hình đã công nhận cấp tỉnh', {
      summary: 'Tóm tắt',
      ownerUnit: province.villages[0].documentId,
      period: province.twoTier.documentId,
      field: province.field.documentId,
      personName: 'Trần Thị Bímật',
      personContact: { phone: '0912345678', email: 'rieng@tu.vn' },
    });
    await fx.recognise(doc.documentId, province.kind.province.id);
    recognised = { id: doc.id, documentId: doc.documentId, slug: doc.slug as string };
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('CORS (item 2)', () => {
    it('gives no other origin credentialed access to the admin', async () => {
      for (const res of [
        await app.http().post('/admin/access-token').set('Origin', EVIL),
        await app.http().options('/admin/access-token').set('Origin', EVIL).set('Access-Control-Request-Method', 'POST'),
        await app.http().get('/review/me').set('Origin', EVIL),
        await app.http().get('/api/review/officer/initiatives').set('Origin', EVIL),
      ]) {
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      }
    });

    it('gives credentialed access to an origin listed in ADMIN_CORS_ORIGINS, and only to it', async () => {
      const res = await officer.client.get('/api/review/officer/initiatives').set('Origin', PORTAL_HOST);
      expect(res.headers['access-control-allow-origin']).toBe(PORTAL_HOST);
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      const preflight = await app.http().options('/api/auth/local').set('Origin', PORTAL_HOST).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBe(PORTAL_HOST);
    });

    it('lets any site read the public API, without credentials', async () => {
      const res = await app.http().get('/api/portal/fields').set('Origin', EVIL);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(EVIL);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await app.http().options('/api/portal/articles/x/views').set('Origin', EVIL).set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    });
  });

  describe('every write to a model or a decision goes through the review (item 3)', () => {
    it('clones a recognised model as a draft with every review field reset, invisible to the public', async () => {
      const res = await superAdmin.client.post(`/content-manager/collection-types/${INITIATIVE}/clone/${recognised.documentId}`).send({});
      expect(res.status).toBe(200);
      const copy = (await app.strapi.db.query(INITIATIVE).findOne({
        where: { documentId: res.body.data.documentId },
        select: ['reviewState', 'version', 'recognizedAt', 'slug'],
        populate: { reviewLevel: true, recognitionLevel: true },
      })) as { reviewState: string; version: number; recognizedAt: string | null; slug: string; reviewLevel: unknown; recognitionLevel: unknown };
      expect(copy).toMatchObject({ reviewState: 'draft', version: 0, recognizedAt: null, reviewLevel: null, recognitionLevel: null });
      expect(copy.slug).not.toBe(recognised.slug);
      const directory = await app.http().get('/api/portal/initiatives?pageSize=50');
      expect(directory.body.data.map((card: { slug: string }) => card.slug)).not.toContain(copy.slug);
      expect((await app.http().get(`/api/portal/initiatives/${copy.slug}`)).status).toBe(404);
    });

    it('refuses a clone that tries to carry a review state', async () => {
      const res = await superAdmin.client
        .post(`/content-manager/collection-types/${INITIATIVE}/clone/${recognised.documentId}`)
        .send({ reviewState: 'recognized' });
      expect(res.status).toBe(403);
    });

    it('refuses edits and deletes of an issued decision in the Content Manager', async () => {
      const decision = (await app.strapi.db.query(DECISION).create({
        data: { number: '12-QĐ/BTGDVTU', date: '2025-12-26', signer: 'Nguyễn Văn A', levelCode: 'province', initiatives: [recognised.id] },
      })) as { id: number; documentId: string };
      const edit = await superAdmin.client.put(`/content-manager/collection-types/${DECISION}/${decision.documentId}`).send({ number: '99-QĐ/SUA' });
      expect(edit.status).toBe(403);
      const remove = await superAdmin.client.delete(`/content-manager/collection-types/${DECISION}/${decision.documentId}`);
      expect(remove.status).toBe(403);
      await expect(app.strapi.documents(DECISION).create({ data: { number: 'gia', date: '2025-01-01', signer: 'X' } as never })).rejects.toThrow(
        /không được sửa/
      );
      const stored = (await app.strapi.db.query(DECISION).findOne({ where: { id: decision.id } })) as { number: string };
      expect(stored.number).toBe('12-QĐ/BTGDVTU');
    });

    it('corrects a decision only by an audited amendment with a reason, for the leadership', async () => {
      const decision = (await app.strapi.db.query(DECISION).create({
        data: { number: '13-QĐ/BTGDVTU', date: '2025-12-30', signer: 'Nguyễn Văn Sai', levelCode: 'province', initiatives: [recognised.id] },
      })) as { id: number };
      const url = `/review/batch-decisions/${decision.id}/amendments`;
      expect((await reviewer.client.post(url).send({ signer: 'Nguyễn Văn Đúng', reason: 'Sai tên' })).status).toBe(403);
      const noReason = await leader.client.post(url).send({ signer: 'Nguyễn Văn Đúng' });
      expect(noReason.status).toBe(400);
      const noChange = await leader.client.post(url).send({ signer: 'Nguyễn Văn Sai', reason: 'Không đổi' });
      expect(noChange.status).toBe(400);
      const taken = await leader.client.post(url).send({ number: '12-QĐ/BTGDVTU', reason: 'Trùng số' });
      expect(taken.status).toBe(409);

      const amended = await leader.client.post(url).send({ signer: 'Nguyễn Văn Đúng', reason: 'Ghi nhầm tên người ký' });
      expect(amended.status).toBe(200);
      expect(amended.body.data).toMatchObject({ signer: 'Nguyễn Văn Đúng' });
      expect(amended.body.data.amendments).toEqual([
        expect.objectContaining({ reason: 'Ghi nhầm tên người ký', changes: { signer: { from: 'Nguyễn Văn Sai', to: 'Nguyễn Văn Đúng' } } }),
      ]);
      const page = await app.http().get(`/api/portal/initiatives/${recognised.slug}`);
      expect(page.body.data.decision).toMatchObject({ number: '13-QĐ/BTGDVTU', signer: 'Nguyễn Văn Đúng' });
      // The amendment itself is append-only.
      await expect(app.strapi.db.query('plugin::review.decision-amendment').deleteMany({ where: {} })).rejects.toThrow();
    });

    it('keeps public model images to raster images: no SVG upload, no SVG or HTML as cover or gallery', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const uploaded = await superAdmin.client.post('/upload').attach('files', svg, { filename: 'logo.svg', contentType: 'image/svg+xml' });
      expect(uploaded.status).toBeGreaterThanOrEqual(400);
      expect(uploaded.status).toBeLessThan(500);

      // Files already in the library (uploaded before, or by another provider) cannot become public images either.
      const file = (mime: string, name: string) =>
        app.strapi.db.query('plugin::upload.file').create({
          data: { name, hash: `h_${name.replace(/\W/g, '_')}_${Date.now()}`, ext: name.slice(name.lastIndexOf('.')), mime, size: 1, url: `/uploads/${name}`, provider: 'local' },
        }) as Promise<{ id: number }>;
      const [svgFile, htmlFile, pngFile] = [await file('image/svg+xml', 've.svg'), await file('text/html', 'trang.html'), await file('image/png', 'anh.png')];
      const draft = await fixtures(app.strapi).initiative('Ảnh công khai của mô hình', { ownerUnit: province.villages[0].documentId });
      const url = `/content-manager/collection-types/${INITIATIVE}/${draft.documentId}`;
      const asCover = await superAdmin.client.put(url).send({ cover: svgFile.id });
      expect(asCover.status).toBe(400);
      expect(asCover.body.error.message).toMatch(/chỉ nhận ảnh JPEG, PNG/);
      expect((await superAdmin.client.put(url).send({ gallery: [pngFile.id, htmlFile.id] })).status).toBe(400);
      const stored = (await app.strapi.db.query(INITIATIVE).findOne({ where: { id: draft.id }, populate: { cover: true, gallery: true } })) as {
        cover: unknown;
        gallery: unknown[];
      };
      expect([stored.cover, stored.gallery]).toEqual([null, []]);
      expect((await superAdmin.client.put(url).send({ cover: pngFile.id, gallery: [pngFile.id] })).status).toBe(200);
    });

    it('lets the leadership upload the signed decision file, and not a reviewer', async () => {
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
      const signed = await leader.client.post('/upload').attach('files', pdf, { filename: 'quyet-dinh-da-ky.pdf', contentType: 'application/pdf' });
      expect(signed.status).toBe(201);
      const byReviewer = await reviewer.client.post('/upload').attach('files', pdf, { filename: 'khong-duoc.pdf', contentType: 'application/pdf' });
      expect(byReviewer.status).toBe(403);
    });

    it('gives an existing leadership role the upload permission once, and respects its later removal', async () => {
      const role = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'dvk-leadership' } })) as { id: number };
      const uploads = () => app.strapi.db.query('admin::permission').count({ where: { role: { id: role.id }, action: 'plugin::upload.assets.create' } });
      const setup = app.strapi.plugin('review').service('setup') as { ensureRoles(): Promise<void> };
      const marker = app.strapi.store({ type: 'plugin', name: 'review', key: 'role-upgrades' });

      // A role created by an earlier version: no upload permission, no upgrade recorded.
      await app.strapi.db.query('admin::permission').deleteMany({ where: { role: { id: role.id }, action: 'plugin::upload.assets.create' } });
      await marker.delete({});
      await setup.ensureRoles();
      expect(await uploads()).toBe(1);

      // An administrator removes it afterwards: later starts leave it removed.
      await app.strapi.db.query('admin::permission').deleteMany({ where: { role: { id: role.id }, action: 'plugin::upload.assets.create' } });
      await setup.ensureRoles();
      expect(await uploads()).toBe(0);
      await marker.delete({});
      await setup.ensureRoles();
      expect(await uploads()).toBe(1);
    });

    it('refuses mass assignment of review fields by an officer', async () => {
      const created = await officer.client.post('/api/review/officer/initiatives').send({ title: 'Gán trạng thái', recognitionLevel: province.kind.province.documentId });
      expect(created.status).toBe(400);
      const own = await officer.client.post('/api/review/officer/initiatives').send({ title: 'Của tôi' });
      const edit = await officer.client.put(`/api/review/officer/initiatives/${own.body.data.documentId}`).send({ reviewState: 'recognized', version: 5 });
      expect(edit.status).toBe(400);
      const stored = (await app.strapi.db.query(INITIATIVE).findOne({ where: { documentId: own.body.data.documentId }, select: ['reviewState', 'version'] })) as {
        reviewState: string;
        version: number;
      };
      expect(stored).toEqual({ reviewState: 'draft', version: 0 });
    });
  });

  describe('client address behind the proxy (item 4)', () => {
    const view = (forwardedFor: string) =>
      app.http().post(`/api/portal/articles/${articleSlug}/views`).set('User-Agent', 'same-browser').set('X-Forwarded-For', forwardedFor);

    it('counts readers behind one proxy as distinct clients, and the same reader once', async () => {
      const first = await view('203.0.113.1');
      const second = await view('203.0.113.2');
      const again = await view('203.0.113.1');
      expect([first.body.data.counted, second.body.data.counted, again.body.data.counted]).toEqual([true, true, false]);
    });

    it('takes the address the proxy appended, not one the client wrote before it', async () => {
      const spoofed = await view('198.51.100.7, 203.0.113.2');
      expect(spoofed.body.data.counted).toBe(false);
    });
  });

  describe('public search and parameters (items 8, 9)', () => {
    it("does not find a collective model by its person's (private) name, but finds it by its title", async () => {
      const byName = await app.http().get('/api/portal/search?q=bimat&type=initiative');
      expect(byName.status).toBe(200);
      expect(byName.body.meta.pagination.total).toBe(0);
      const byTitle = await app.http().get('/api/portal/search?q=da cong nhan cap tinh&type=initiative');
      expect(byTitle.body.data.map((hit: { slug: string }) => hit.slug)).toContain(recognised.slug);
    });

    it('finds an individual model by its exemplary person, whose name is public', async () => {
      const doc = await fixtures(app.strapi).initiative('Gương điển hình', {
        subjectType: 'individual',
        personName: 'Lê Văn Gươngmẫu',
        ownerUnit: province.villages[0].documentId,
        period: province.twoTier.documentId,
      });
      await fixtures(app.strapi).recognise(doc.documentId, province.kind.province.id);
      const res = await app.http().get('/api/portal/search?q=guongmau&type=initiative');
      expect(res.body.data.map((hit: { slug: string }) => hit.slug)).toContain(doc.slug);
    });

    it.each([
      '/api/portal/initiatives?page[]=1',
      '/api/portal/initiatives?year[]=2025',
      '/api/portal/initiatives?page=0x10',
      '/api/portal/initiatives?page=1e1',
      '/api/portal/initiatives?pageSize=+5',
      '/api/portal/statistics?year=0x7e9',
      '/api/portal/sites/portal/articles?page=%201',
    ])('answers 400 to %s', async (url) => {
      const res = await app.http().get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Tham số không hợp lệ/);
    });

    it('answers 400 to lax numbers in the officer list too', async () => {
      expect((await officer.client.get('/api/review/officer/initiatives?page=0x2')).status).toBe(400);
      expect((await officer.client.get('/api/review/officer/initiatives?page[]=2')).status).toBe(400);
    });
  });

  describe("Strapi's advisory classes", () => {
    it.each([
      '/api/portal/initiatives?filters[personContact][phone][$startsWith]=09',
      '/api/portal/initiatives?filters[t1.search_text][$contains]=bimat',
      '/api/portal/initiatives?populate=*',
      '/api/portal/initiatives?populate[personContact]=true',
      '/api/portal/initiatives?$lookup=1',
      '/api/portal/search?q=abc&sort=personName',
      '/api/portal/sites/portal/articles?fields[0]=searchText',
    ])('refuses private-field oracles and populate on the public API: %s', async (url) => {
      const res = await app.http().get(url);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toMatch(/0912345678|rieng@tu\.vn/);
    });

    it('refuses filters and populate on the officer API', async () => {
      for (const url of ['/api/review/officer/initiatives?filters[ownerUnit][id]=1', '/api/review/officer/initiatives?populate=*']) {
        expect((await officer.client.get(url)).status).toBe(400);
      }
    });

    it('keeps stock content routes closed to the public, whatever the filter', async () => {
      for (const url of [
        `/api/initiatives?filters[personContact][phone][$notNull]=true`,
        '/api/users?filters[password][$startsWith]=$2',
        '/api/upload/files',
      ]) {
        expect([401, 403, 404]).toContain((await app.http().get(url)).status);
      }
    });
  });

  describe('security headers', () => {
    it.each(['/admin/init', '/admin/project-type', '/api/portal/health'])('sends nosniff, frame protection and a CSP on %s', async (url) => {
      const res = await app.http().get(url);
      expect(res.status).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    });
  });
});
