import { fixtures, type Fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser } from '../helpers/users';

const INITIATIVE = 'api::initiative.initiative';

/** Runs a write that must be refused with a 400-class validation error; returns its message. */
async function refused(write: () => Promise<unknown>): Promise<string> {
  try {
    await write();
  } catch (error) {
    expect((error as { name?: string }).name).toBe('ValidationError');
    return (error as Error).message;
  }
  throw new Error('the write was accepted');
}

describe('domain rules enforced on every write', () => {
  let app: TestApp;
  let fx: Fixtures;

  beforeAll(async () => {
    app = await startTestApp();
    fx = fixtures(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('slugs', () => {
    it('makes a slug from a Vietnamese title: diacritics dropped, đ → d', async () => {
      const article = await fx.article('Đường làng sạch đẹp nhờ Dân vận khéo');
      expect(article.slug).toBe('duong-lang-sach-dep-nho-dan-van-kheo');
    });

    it('adds a numeric suffix when the slug is taken', async () => {
      const first = await fx.article('Hội nghị sơ kết phong trào');
      const second = await fx.article('Hội nghị sơ kết phong trào');
      const third = await fx.article('Hội nghị sơ kết phong trào');
      expect([first.slug, second.slug, third.slug]).toEqual([
        'hoi-nghi-so-ket-phong-trao',
        'hoi-nghi-so-ket-phong-trao-2',
        'hoi-nghi-so-ket-phong-trao-3',
      ]);
    });

    it('normalises a slug given by the editor', async () => {
      const tag = await app.strapi.documents('api::tag.tag').create({ data: { name: 'x', slug: 'Nông Thôn Mới ' } });
      expect(tag.slug).toBe('nong-thon-moi');
    });

    it('keeps the slug when the title is edited after publishing, and refuses a slug change', async () => {
      const article = await fx.article('Tin gốc về mô hình', {}, 'published');
      const articles = app.strapi.documents('api::article.article');
      const edited = await articles.update({ documentId: article.documentId, data: { title: 'Tin đã sửa tiêu đề' } });
      expect(edited?.slug).toBe('tin-goc-ve-mo-hinh');

      const message = await refused(() => articles.update({ documentId: article.documentId, data: { slug: 'duong-dan-moi' } }));
      expect(message).toMatch(/đã xuất bản/);
      const stored = await articles.findOne({ documentId: article.documentId });
      expect(stored?.slug).toBe('tin-goc-ve-mo-hinh');
    });

    it('lets a draft that was never published change its slug', async () => {
      const article = await fx.article('Bản nháp');
      const edited = await app.strapi
        .documents('api::article.article')
        .update({ documentId: article.documentId, data: { slug: 'ban-nhap-moi' } });
      expect(edited?.slug).toBe('ban-nhap-moi');
    });
  });

  describe('display date', () => {
    it('gives every article a display date, and keeps it when an editor clears it', async () => {
      const article = await fx.article('Tin không ghi giờ');
      expect(article.displayAt).toBeTruthy();
      const cleared = await app.strapi
        .documents('api::article.article')
        .update({ documentId: article.documentId, data: { displayAt: null } as never });
      expect(cleared?.displayAt).toBe(article.displayAt);
    });
  });

  describe('search text', () => {
    it('keeps an accent-free searchText on the draft and the published version', async () => {
      const article = await fx.article('Dân vận khéo ở xã Đông Sơn', { sapo: 'Người dân HIẾN ĐẤT làm đường' }, 'published');
      const rows = (await app.strapi.db
        .query('api::article.article')
        .findMany({ where: { documentId: article.documentId }, select: ['searchText', 'publishedAt'] })) as Array<{
        searchText: string;
      }>;
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row.searchText).toBe('dan van kheo o xa dong son nguoi dan hien dat lam duong');
    });

    it('recomputes searchText when a text field changes, from Markdown too', async () => {
      const initiative = await fx.initiative('Camera an ninh');
      await app.strapi.documents(INITIATIVE).update({
        documentId: initiative.documentId,
        data: { content: '**Tổ tự quản** lắp [camera](https://example.vn) — Đoàn kết' },
      });
      const row = (await app.strapi.db
        .query(INITIATIVE)
        .findOne({ where: { documentId: initiative.documentId }, select: ['searchText'] })) as { searchText: string };
      expect(row.searchText).toBe('camera an ninh to tu quan lap camera doan ket');
    });
  });

  describe('initiatives', () => {
    const count = () => app.strapi.db.query(INITIATIVE).count();

    it('requires a person name for an individual model, and writes nothing when refused', async () => {
      const before = await count();
      const message = await refused(() => fx.initiative('Gương điển hình', { subjectType: 'individual' }));
      expect(message).toMatch(/họ tên/);
      expect(await count()).toBe(before);

      const ok = await fx.initiative('Gương điển hình', { subjectType: 'individual', personName: 'Nguyễn Thị Hoa' });
      expect(ok.personName).toBe('Nguyễn Thị Hoa');
    });

    it('refuses replicating an unrecognised model or itself, and accepts a recognised one', async () => {
      const kind = await fx.unitKind('province-r');
      const source = await fx.initiative('Mô hình gốc');
      const before = await count();
      expect(await refused(() => fx.initiative('Bản nhân rộng', { origin: 'replicated', replicatedFrom: source.documentId }))).toMatch(
        /đã được công nhận/
      );
      expect(await count()).toBe(before);
      expect(await refused(() => fx.initiative('Thiếu gốc', { origin: 'replicated' }))).toMatch(/mô hình gốc/);

      await fx.recognise(source.documentId, kind.id);
      const copy = await fx.initiative('Bản nhân rộng', { origin: 'replicated', replicatedFrom: source.documentId });
      expect(copy.documentId).toBeDefined();

      const draft = await fx.initiative('Bản nháp tự nhân rộng');
      const self = await refused(() =>
        app.strapi.documents(INITIATIVE).update({ documentId: draft.documentId, data: { origin: 'replicated', replicatedFrom: draft.documentId } })
      );
      expect(self).toMatch(/chính nó/);
      const stored = await app.strapi.documents(INITIATIVE).findOne({ documentId: draft.documentId });
      expect(stored?.origin).toBe('new');
    });

    it("refuses an owner unit that did not exist in the period's year", async () => {
      const period = await fx.period(2025);
      const oldDistrict = await fx.unit('Huyện Cũ', { validFrom: '1990-01-01', validTo: '2024-06-30' });
      const newCommune = await fx.unit('Xã Mới', { validFrom: '2025-07-01' });
      const message = await refused(() =>
        fx.initiative('Mô hình năm 2025', { period: period.documentId, ownerUnit: oldDistrict.documentId })
      );
      expect(message).toContain('Huyện Cũ');
      expect(message).toContain('2025');
      const ok = await fx.initiative('Mô hình năm 2025', { period: period.documentId, ownerUnit: newCommune.documentId });
      expect(ok.documentId).toBeDefined();
    });
  });

  describe('periods, units and criteria sets', () => {
    it('requires ordered registration and review dates', async () => {
      expect(
        await refused(() => fx.period(2030, { registrationStart: '2030-03-01', registrationEnd: '2030-02-01', reviewDeadline: '2030-10-01' }))
      ).toMatch(/thứ tự/);
      const ok = await fx.period(2030, { registrationStart: '2030-02-01', registrationEnd: '2030-03-01', reviewDeadline: '2030-10-01' });
      expect(ok.year).toBe(2030);
    });

    it('refuses two criteria sets for the same subject type in one period', async () => {
      const a = await fx.criteriaSet('Bộ A', { subjectType: 'collective' });
      const b = await fx.criteriaSet('Bộ B', { subjectType: 'collective' });
      const c = await fx.criteriaSet('Bộ C', { subjectType: 'individual' });
      expect(await refused(() => fx.period(2031, { criteriaSets: [a.documentId, b.documentId] }))).toMatch(/một bộ tiêu chí/);
      const ok = await fx.period(2031, { criteriaSets: [a.documentId, c.documentId] });
      expect(ok.documentId).toBeDefined();
    });

    it('refuses a review chain that repeats a level', async () => {
      const commune = await fx.unitKind('commune-c');
      expect(
        await refused(() => fx.period(2032, { reviewChain: [{ unitKind: commune.documentId }, { unitKind: commune.documentId }] }))
      ).toMatch(/lặp lại/);
    });

    it('refuses making a unit its own ancestor, leaving the tree unchanged', async () => {
      const province = await fx.unit('Tỉnh A');
      const district = await fx.unit('Huyện B', { parent: province.documentId });
      const commune = await fx.unit('Xã C', { parent: district.documentId });
      const units = app.strapi.documents('api::unit.unit');
      expect(await refused(() => units.update({ documentId: province.documentId, data: { parent: commune.documentId } }))).toMatch(
        /chính nó/
      );
      expect(await refused(() => units.update({ documentId: province.documentId, data: { parent: province.documentId } }))).toMatch(
        /chính nó/
      );
      const stored = await units.findOne({ documentId: province.documentId, populate: ['parent'] });
      expect(stored?.parent).toBeNull();
    });

    it('refuses circular mergers and a validity that ends before it starts', async () => {
      const a = await fx.unit('Xã D');
      const b = await fx.unit('Xã E', { successor: a.documentId });
      const units = app.strapi.documents('api::unit.unit');
      expect(await refused(() => units.update({ documentId: a.documentId, data: { successor: b.documentId } }))).toMatch(/sáp nhập/);
      expect(await refused(() => fx.unit('Xã F', { validFrom: '2025-07-01', validTo: '2025-01-01' }))).toMatch(/hiệu lực/);
    });

    it('refuses duplicate criterion codes within a set', async () => {
      const message = await refused(() =>
        fx.criteriaSet('Bộ trùng mã', {
          criteria: [
            { code: 'TT1', text: 'Sáng tạo' },
            { code: 'tt1 ', text: 'Bền vững' },
          ],
        })
      );
      expect(message).toMatch(/"tt1"/i);
    });
  });

  describe('over HTTP (Content Manager)', () => {
    it('answers 400 with the Vietnamese message and the field path', async () => {
      const admin = await createAdminUser(app);
      const res = await admin.client
        .post(`/content-manager/collection-types/${INITIATIVE}`)
        .send({ title: 'Gương cá nhân', subjectType: 'individual', origin: 'new' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/họ tên/);
      expect(res.body.error.details.errors[0].path).toEqual(['personName']);
    });

    it('ignores a viewCount sent by an editor', async () => {
      const admin = await createAdminUser(app);
      const res = await admin.client
        .post('/content-manager/collection-types/api::article.article')
        .send({ title: 'Tin có lượt đọc giả', viewCount: 99999 });
      expect(res.status).toBe(201);
      expect(res.body.data.viewCount).toBe(0);
      const updated = await admin.client
        .put(`/content-manager/collection-types/api::article.article/${res.body.data.documentId}`)
        .send({ title: 'Tin có lượt đọc giả', viewCount: 500 });
      expect(updated.status).toBe(200);
      expect(updated.body.data.viewCount).toBe(0);
    });
  });
});

describe('Content Manager view of system-maintained fields', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('hides searchText and shows viewCount and the review fields read-only', async () => {
    const admin = await createAdminUser(app);
    const article = await admin.client.get('/content-manager/content-types/api::article.article/configuration');
    expect(article.status).toBe(200);
    const metadatas = article.body.data.contentType.metadatas;
    expect(metadatas.searchText.edit.visible).toBe(false);
    expect(metadatas.viewCount.edit.editable).toBe(false);
    expect(article.body.data.contentType.layouts.list).not.toContain('searchText');

    const initiative = await admin.client.get('/content-manager/content-types/api::initiative.initiative/configuration');
    for (const field of ['reviewState', 'recognitionLevel', 'recognizedAt', 'version']) {
      expect(initiative.body.data.contentType.metadatas[field].edit.editable).toBe(false);
    }
  });

  describe('reference data in use', () => {
    // Period years are unique: each test takes fresh ones.
    let nextYear = 2001;
    it.each([
      ['api::field.field', 'lĩnh vực'],
      ['api::period.period', 'đợt thi đua'],
      ['api::unit.unit', 'đơn vị'],
      ['api::unit-kind.unit-kind', 'loại đơn vị'],
    ])('refuses to delete a %s that models use, with 409 and their number, and deletes an unused one', async (uid, label) => {
      const fx = fixtures(app.strapi);
      const admin = await createAdminUser(app);
      const kind = await fx.unitKind(`k${Date.now()}`);
      const unit = await fx.unit('Xã Dùng Thử', { kind: kind.documentId });
      const field = await fx.field(`f${Date.now()}`);
      const period = await fx.period(nextYear++);
      const data = { ownerUnit: unit.documentId, field: field.documentId, period: period.documentId };
      await fx.initiative('Mô hình dùng dữ liệu tham chiếu', data);
      await fx.initiative('Mô hình thứ hai', data);
      const level = await fx.unitKind(`l${Date.now()}`);
      const used = { 'api::field.field': field, 'api::period.period': period, 'api::unit.unit': unit, 'api::unit-kind.unit-kind': level }[uid]!;
      if (uid === 'api::unit-kind.unit-kind') {
        const models = (await app.strapi.db.query(INITIATIVE).findMany({ where: { ownerUnit: { documentId: unit.documentId } }, select: ['documentId'] })) as Array<{
          documentId: string;
        }>;
        for (const model of models) await fx.recognise(model.documentId, level.id);
      }

      const refused409 = await admin.client.delete(`/content-manager/collection-types/${uid}/${used.documentId}`);
      expect(refused409.status).toBe(409);
      expect(refused409.body.error).toMatchObject({ status: 409, name: 'ConflictError', details: { models: 2 } });
      expect(refused409.body.error.message).toContain(`Không thể xóa ${label}`);
      expect(refused409.body.error.message).toContain('2 mô hình');
      expect(await app.strapi.db.query(uid as never).count({ where: { documentId: used.documentId } })).toBe(1);

      const unused =
        uid === 'api::unit.unit'
          ? await fx.unit('Đơn vị chưa dùng')
          : uid === 'api::unit-kind.unit-kind'
            ? await fx.unitKind(`u${Date.now()}`)
            : uid === 'api::field.field'
              ? await fx.field(`u${Date.now()}`)
              : await fx.period(nextYear++);
      expect((await admin.client.delete(`/content-manager/collection-types/${uid}/${unused.documentId}`)).status).toBe(200);
    });
  });
});
