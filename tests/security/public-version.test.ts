/**
 * Security review, item 10: an officer editing a returned model that was
 * already recognised at a lower level changed its public page at once. The
 * public now sees a model as it was last recognised, until it is recognised
 * again (src/domain/public-version.ts). Replayed through HTTP only.
 */
import { backfillPublicVersions } from '../../src/domain/public-version';
import { buildProvince, createOfficer, createReviewer, mustDecide, register, startAssessRecognise, type Province } from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import type { AdminUser, ApiUser } from '../helpers/users';

describe('what the public sees of a recognised model that is being revised', () => {
  let app: TestApp;
  let province: Province;
  let officer: ApiUser;
  let commune: AdminUser;
  let provincial: AdminUser;

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    commune = await createReviewer(app, province.C1);
    provincial = await createReviewer(app, province.P);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const publicPage = async (slug: string) => (await app.http().get(`/api/portal/initiatives/${slug}`)).body.data;
  const directoryCard = async (slug: string) =>
    ((await app.http().get('/api/portal/initiatives?pageSize=50')).body.data as Array<{ slug: string; title: string; summary: string }>).find(
      (card) => card.slug === slug
    );
  const searchSlugs = async (q: string) =>
    ((await app.http().get(`/api/portal/search?type=initiative&q=${encodeURIComponent(q)}`)).body.data as Array<{ slug: string; title: string }>).map(
      (hit) => hit.slug
    );

  it('keeps the page, card and search as last recognised while the unit edits, and follows the next recognition', async () => {
    const registered = await register(officer, province, province.twoTier, 'Tổ tự quản đường làng sáng xanh', {
      content: 'Nội dung đã được xã công nhận.',
      indicators: [{ label: 'Hộ tham gia', value: 120, unit: 'hộ' }],
    });
    const recognised = await startAssessRecognise(commune.client, registered);
    const proposed = await mustDecide(commune.client, recognised, 'propose');
    const started = await mustDecide(provincial.client, proposed, 'start_review');
    const returned = await mustDecide(provincial.client, started, 'return', 'Bổ sung số liệu kết quả');
    expect(returned.state).toBe('returned');

    const { slug } = (await officer.client.get(`/api/review/officer/initiatives/${registered.documentId}`)).body.data as { slug: string };
    const before = await publicPage(slug);
    expect(before).toMatchObject({ title: 'Tổ tự quản đường làng sáng xanh', recognitionLevel: { code: 'commune' } });
    expect(before.content).toMatch(/đã được xã công nhận/);

    const edited = await officer.client.put(`/api/review/officer/initiatives/${registered.documentId}`).send({
      title: 'Tổ tự quản bản chỉnh sửa chưa duyệt',
      summary: 'Tóm tắt chưa duyệt',
      content: 'Nội dung chưa được xét duyệt.',
      indicators: [{ label: 'Hộ tham gia', value: 999, unit: 'hộ' }],
    });
    expect(edited.status).toBe(200);
    // Reviewers see what the unit wrote ...
    expect((await provincial.client.get(`/review/initiatives/${registered.documentId}`)).body.data.title).toBe('Tổ tự quản bản chỉnh sửa chưa duyệt');

    // ... the public still sees the model as the commune recognised it.
    const during = await publicPage(slug);
    expect(during).toMatchObject({ title: before.title, summary: before.summary, content: before.content, indicators: before.indicators });
    expect((await directoryCard(slug))?.title).toBe('Tổ tự quản đường làng sáng xanh');
    expect(await searchSlugs('chinh sua chua duyet')).not.toContain(slug);
    expect(await searchSlugs('duong lang sang xanh')).toContain(slug);

    // Resubmitted: still under review, still the old public texts.
    const resubmitted = await officer.client.post(`/api/review/officer/initiatives/${registered.documentId}/submit`).send({ version: returned.version });
    expect(resubmitted.status).toBe(200);
    expect((await publicPage(slug)).title).toBe('Tổ tự quản đường làng sáng xanh');

    // Recognised by the province: the public page follows the reviewed text.
    await startAssessRecognise(provincial.client, resubmitted.body.data);
    const after = await publicPage(slug);
    expect(after).toMatchObject({ title: 'Tổ tự quản bản chỉnh sửa chưa duyệt', summary: 'Tóm tắt chưa duyệt', recognitionLevel: { code: 'province' } });
    expect(after.indicators).toEqual([{ label: 'Hộ tham gia', value: 999, unit: 'hộ' }]);
    expect((await directoryCard(slug))?.title).toBe('Tổ tự quản bản chỉnh sửa chưa duyệt');
    expect(await searchSlugs('chinh sua chua duyet')).toContain(slug);
  });

  it('takes the public version when data scripts set a recognition level directly (demo data, imports)', async () => {
    const created = await officer.client.post('/api/review/officer/initiatives').send({ title: 'Mô hình nạp từ dữ liệu mẫu', summary: 'Đã công nhận cấp xã' });
    const { id, slug } = (await app.strapi.db.query('api::initiative.initiative').findOne({
      where: { documentId: created.body.data.documentId },
      select: ['id', 'slug'],
    })) as { id: number; slug: string };
    // As src/seed/demo.ts does: a model recognised by the commune and proposed to the province, written in one update.
    await app.strapi.db
      .query('api::initiative.initiative')
      .update({ where: { id }, data: { reviewState: 'proposed', reviewLevel: province.kind.province.id, recognitionLevel: province.kind.commune.id } });
    expect(await searchSlugs('nap tu du lieu mau')).toContain(slug);
  });

  it('gives models made public before this existed their public version at start-up', async () => {
    const registered = await register(officer, province, province.twoTier, 'Mô hình công nhận trước khi có bản công khai');
    await startAssessRecognise(commune.client, registered);
    const { id } = (await app.strapi.db.query('api::initiative.initiative').findOne({ where: { documentId: registered.documentId }, select: ['id'] })) as { id: number };
    await app.strapi.db.connection('dvk_initiative_public').where({ initiative_id: id }).del();
    expect(await backfillPublicVersions(app.strapi)).toBe(1);
    expect(await app.strapi.db.connection('dvk_initiative_public').where({ initiative_id: id }).first()).toMatchObject({
      title: 'Mô hình công nhận trước khi có bản công khai',
    });
  });
});
