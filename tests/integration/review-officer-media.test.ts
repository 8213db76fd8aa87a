/**
 * What the registration app (/dang-ky/) adds to a model beyond its texts: the
 * cover and gallery images an officer uploads (public media, raster only,
 * checked on their bytes, only while the model may be edited), and the
 * reviewer's public remarks ("Nhận xét gửi đơn vị") a returned model shows —
 * never the reviewers' private notes.
 */
import { buildProvince, createOfficer, createReviewer, CRITERIA, mustDecide, register, type Province } from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import type { AdminUser, ApiUser } from '../helpers/users';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');

type Media = { id: number; name: string; mime: string; url: string };
type OwnModel = { documentId: string; version: number; slug: string; reviewState: string; cover: Media | null; gallery: Media[] | null };
type Row = { code: string; result: string | null; note: string | null; publicRemark: string | null; assessedByName: string | null };

describe('officer images and the reviewer’s public remarks', () => {
  let app: TestApp;
  let province: Province;
  let officer: ApiUser;
  let otherOfficer: ApiUser;
  let reviewer: AdminUser;

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    otherOfficer = await createOfficer(app, province.villages[3]);
    reviewer = await createReviewer(app, province.C1);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const draft = async (title: string) => {
    const res = await officer.client
      .post('/api/review/officer/initiatives')
      .send({ title, summary: `Tóm tắt: ${title}`, field: province.field.documentId, period: province.twoTier.documentId });
    expect(res.status).toBe(201);
    return res.body.data as OwnModel;
  };
  const upload = (documentId: string, slot: string, bytes: Buffer, filename: string, contentType = 'image/jpeg', client = officer.client) =>
    client.post(`/api/review/officer/initiatives/${documentId}/images/${slot}`).attach('file', bytes, { filename, contentType });
  const remove = (documentId: string, fileId: number, client = officer.client) =>
    client.delete(`/api/review/officer/initiatives/${documentId}/images/${fileId}`);
  const mediaCount = () => app.strapi.db.query('plugin::upload.file').count({});
  const own = async (documentId: string) => (await officer.client.get(`/api/review/officer/initiatives/${documentId}`)).body.data as OwnModel;

  describe('cover and gallery images', () => {
    it('sets, replaces and removes the cover, adds and removes gallery images, typed by their bytes', async () => {
      const model = await draft('Mô hình có ảnh bìa');
      const before = await mediaCount();

      // A PNG named .jpg and declared as JPEG is stored as what it is.
      const first = await upload(model.documentId, 'cover', PNG, 'anh bia.jpg');
      expect(first.status).toBe(201);
      const withCover = first.body.data as OwnModel;
      expect(withCover.cover).toMatchObject({ name: 'anh bia.png', mime: 'image/png' });
      expect(withCover.cover?.url).toMatch(/^\/uploads\//);

      // Replacing the cover deletes the former file from the media library.
      const second = await upload(model.documentId, 'cover', PNG, 'bia-moi.png', 'image/png');
      expect(second.status).toBe(201);
      expect((second.body.data as OwnModel).cover?.name).toBe('bia-moi.png');
      expect(await mediaCount()).toBe(before + 1);
      expect(await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: withCover.cover?.id } })).toBeNull();

      const g1 = await upload(model.documentId, 'gallery', PNG, 'hoat-dong-1.png', 'image/png');
      const g2 = await upload(model.documentId, 'gallery', PNG, 'hoat-dong-2.png', 'image/png');
      expect([g1.status, g2.status]).toEqual([201, 201]);
      const gallery = (g2.body.data as OwnModel).gallery ?? [];
      expect(gallery.map((file) => file.name)).toEqual(['hoat-dong-1.png', 'hoat-dong-2.png']);
      expect(await mediaCount()).toBe(before + 3);

      const removed = await remove(model.documentId, gallery[0].id);
      expect(removed.status).toBe(200);
      expect(((removed.body.data as OwnModel).gallery ?? []).map((file) => file.name)).toEqual(['hoat-dong-2.png']);
      const noCover = await remove(model.documentId, (second.body.data as OwnModel).cover!.id);
      expect(noCover.status).toBe(200);
      expect((noCover.body.data as OwnModel).cover).toBeNull();
      expect(await mediaCount()).toBe(before + 1);
    });

    it('refuses HTML or SVG named .jpg, an unknown slot and a missing file, storing nothing', async () => {
      const model = await draft('Mô hình với ảnh giả');
      const before = await mediaCount();
      for (const [bytes, name] of [
        [HTML, 'anh.jpg'],
        [SVG, 'anh.svg'],
      ] as const) {
        const res = await upload(model.documentId, 'cover', bytes, name);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toBe(`Tệp "${name}" không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp). Ảnh bìa và ảnh minh họa chỉ nhận các loại này.`);
      }
      const slot = await upload(model.documentId, 'avatar', PNG, 'a.png', 'image/png');
      expect(slot.status).toBe(400);
      expect(slot.body.error.message).toContain('Vị trí ảnh không hợp lệ');
      const missing = await officer.client.post(`/api/review/officer/initiatives/${model.documentId}/images/cover`).field('x', '1');
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toBe('Chưa chọn ảnh để tải lên (trường "file").');
      expect(await mediaCount()).toBe(before);
      expect((await own(model.documentId)).cover).toBeNull();
    });

    it("refuses another unit's officer, without saying the model exists", async () => {
      const model = await draft('Mô hình của thôn 1');
      const withImage = (await upload(model.documentId, 'gallery', PNG, 'a.png', 'image/png')).body.data as OwnModel;
      const before = await mediaCount();
      const res = await upload(model.documentId, 'cover', PNG, 'b.png', 'image/png', otherOfficer.client);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Không tìm thấy mô hình (hoặc mô hình không thuộc phạm vi của bạn).');
      expect((await remove(model.documentId, withImage.gallery![0].id, otherOfficer.client)).status).toBe(404);
      expect(await mediaCount()).toBe(before);
      expect((await own(model.documentId)).gallery).toHaveLength(1);
    });

    it('refuses removing a file that is not this model’s image', async () => {
      const a = await draft('Mô hình A');
      const b = await draft('Mô hình B');
      const image = ((await upload(a.documentId, 'cover', PNG, 'a.png', 'image/png')).body.data as OwnModel).cover!;
      const res = await remove(b.documentId, image.id);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe('Không tìm thấy ảnh này trong ảnh bìa hay thư viện ảnh của mô hình.');
      expect((await own(a.documentId)).cover?.id).toBe(image.id);
    });

    it('refuses changes once the model is submitted, and shows the images on the public page after recognition', async () => {
      const model = await draft('Mô hình đã gửi có ảnh');
      const cover = ((await upload(model.documentId, 'cover', PNG, 'bia.png', 'image/png')).body.data as OwnModel).cover!;
      const current = await own(model.documentId);
      const submitted = await officer.client.post(`/api/review/officer/initiatives/${model.documentId}/submit`).send({ version: current.version });
      expect(submitted.status).toBe(200);
      const before = await mediaCount();
      const frozen = await upload(model.documentId, 'gallery', PNG, 'sau.png', 'image/png');
      expect(frozen.status).toBe(403);
      expect(frozen.body.error.message).toBe('Mô hình đang trong quy trình xét duyệt nên không sửa được; chỉ sửa khi còn nháp hoặc bị trả lại.');
      expect((await remove(model.documentId, cover.id)).status).toBe(403);
      expect(await mediaCount()).toBe(before);

      const started = await mustDecide(reviewer.client, submitted.body.data, 'start_review');
      await reviewer.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: CRITERIA.map((c) => ({ code: c.code, result: 'met' })) });
      await mustDecide(reviewer.client, started, 'recognize');
      await app.strapi.service('api::portal.cache').invalidate(['initiatives']);
      const page = await app.http().get(`/api/portal/initiatives/${current.slug}`);
      expect(page.status).toBe(200);
      expect(page.body.data.cover.url).toBe(cover.url);
    });
    it('keeps the images a model was recognised with when a higher level returns it', async () => {
      const model = await draft('Mô hình được công nhận rồi bị trả lại');
      const cover = ((await upload(model.documentId, 'cover', PNG, 'bia-cong-nhan.png', 'image/png')).body.data as OwnModel).cover!;
      const current = await own(model.documentId);
      const submitted = await officer.client.post(`/api/review/officer/initiatives/${model.documentId}/submit`).send({ version: current.version });
      expect(submitted.status).toBe(200);
      const started = await mustDecide(reviewer.client, submitted.body.data, 'start_review');
      await reviewer.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: CRITERIA.map((c) => ({ code: c.code, result: 'met' })) });
      const recognised = await mustDecide(reviewer.client, started, 'recognize');
      const proposed = await mustDecide(reviewer.client, recognised as { documentId: string; version: number }, 'propose');
      const provincial = await createReviewer(app, province.P);
      const reviewing = await mustDecide(provincial.client, proposed as { documentId: string; version: number }, 'start_review');
      await mustDecide(provincial.client, reviewing as { documentId: string; version: number }, 'return', 'Bổ sung số liệu');
      expect((await own(model.documentId)).reviewState).toBe('returned');

      // Returned, so its texts may be edited, but the public page shows it with the cover it was recognised with.
      const before = await mediaCount();
      const replaced = await upload(model.documentId, 'cover', PNG, 'bia-moi.png', 'image/png');
      expect(replaced.status).toBe(403);
      expect(replaced.body.error.message).toBe('Mô hình đã được công nhận và đang hiển thị công khai với ảnh hiện tại, nên không thay đổi ảnh được.');
      expect((await remove(model.documentId, cover.id)).status).toBe(403);
      expect(await mediaCount()).toBe(before);
      await app.strapi.service('api::portal.cache').invalidate(['initiatives']);
      const page = await app.http().get(`/api/portal/initiatives/${current.slug}`);
      expect(page.status).toBe(200);
      expect(page.body.data.cover.url).toBe(cover.url);

      // A draft that was never recognised still changes its images freely.
      const fresh = await draft('Mô hình nháp chưa công nhận');
      expect((await upload(fresh.documentId, 'cover', PNG, 'bia-nhap.png', 'image/png')).status).toBe(201);
    });
  });

  describe('public remarks of a returned model', () => {
    it('the officer sees the remark per criterion, never the private note or who assessed', async () => {
      const model = await register(officer, province, province.twoTier, 'Mô hình bị trả lại');
      const started = await mustDecide(reviewer.client, model, 'start_review');
      const [first, second] = CRITERIA;
      const assessed = await reviewer.client.put(`/review/initiatives/${model.documentId}/assessments`).send({
        items: [
          { code: first.code, result: 'not_met', note: 'Nội bộ: số liệu đáng ngờ', publicRemark: 'Cần bổ sung số liệu hộ tham gia năm 2025.' },
          { code: second.code, result: 'met', note: 'Nội bộ: ổn' },
        ],
      });
      expect(assessed.status).toBe(200);
      // The reviewer keeps both, distinct.
      const adminRows = (await reviewer.client.get(`/review/initiatives/${model.documentId}`)).body.data.assessments as Row[];
      expect(adminRows.find((row) => row.code === first.code)).toMatchObject({
        note: 'Nội bộ: số liệu đáng ngờ',
        publicRemark: 'Cần bổ sung số liệu hộ tham gia năm 2025.',
      });
      // A later save without the remark keeps it.
      const again = await reviewer.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: [{ code: first.code, result: 'not_met', note: 'Nội bộ: số liệu đáng ngờ' }] });
      expect(again.status).toBe(200);
      await mustDecide(reviewer.client, started, 'return', 'Thiếu số liệu.');

      const res = await officer.client.get(`/api/review/officer/initiatives/${model.documentId}`);
      expect(res.status).toBe(200);
      expect(res.body.data.reviewState).toBe('returned');
      const rows = res.body.data.review.assessments as Row[];
      expect(rows.find((row) => row.code === first.code)).toMatchObject({ result: 'not_met', publicRemark: 'Cần bổ sung số liệu hộ tham gia năm 2025.' });
      expect(rows.find((row) => row.code === second.code)?.publicRemark).toBeNull();
      expect(rows.every((row) => row.note === null && row.assessedByName === null)).toBe(true);
      expect(JSON.stringify(res.body)).not.toContain('Nội bộ');
      // Another unit's officer sees nothing of it.
      expect((await otherOfficer.client.get(`/api/review/officer/initiatives/${model.documentId}`)).status).toBe(404);
    });

    it('refuses a remark longer than 5000 characters', async () => {
      const model = await register(officer, province, province.twoTier, 'Mô hình nhận xét dài');
      await mustDecide(reviewer.client, model, 'start_review');
      const res = await reviewer.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: [{ code: CRITERIA[0].code, result: 'met', publicRemark: 'x'.repeat(5001) }] });
      expect(res.status).toBe(400);
    });
  });
});
