import ExcelJS from 'exceljs';

import { CRITERIA } from '../helpers/review';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/users';

type Stats = {
  total: number;
  previous: { year: number; total: number };
  growth: { absolute: number; percent: number | null };
  byField: Array<{ code: string | null; name: string | null; count: number; previous: number }>;
  bySubjectType: Record<string, number>;
  byOrigin: Record<string, number>;
  funnel: { levels: Array<{ code: string; name: string; entered: number; recognised: number; proposedOnward: number; notRecognised: number }> };
};
type Article = { documentId: string; title: string; sapo: string; body: string; publishedAt: string | null; category: { documentId: string } | null; attachments: Array<{ id: number; url: string; name: string }> | null };

const vn = (value: number) => new Intl.NumberFormat('vi-VN').format(value);

/**
 * "Tạo báo cáo tổng kết": the draft article's figures equal the public
 * statistics endpoint's, its workbook holds the same tables, regenerating
 * updates the draft and never the published version, and only the roles
 * holding the permission may generate it.
 */
describe('year-end report draft', () => {
  let app: TestApp;
  let recorder: AdminUser;
  let reviewer: AdminUser;
  let editor: AdminUser;
  let category: { documentId: string };
  const periods: Record<number, { documentId: string }> = {};
  const units: Record<string, { documentId: string }> = {};
  const fields: Record<string, { documentId: string }> = {};

  const stats = async (query: string) => {
    const res = await app.http().get(`/api/portal/statistics?${query}`);
    expect(res.status).toBe(200);
    return res.body.data as Stats;
  };
  const article = async (documentId: string, status: 'draft' | 'published') =>
    (await app.strapi.documents('api::article.article').findOne({ documentId, status, populate: { category: { fields: ['documentId'] }, attachments: true } })) as unknown as Article | null;
  const workbookOf = async (url: string) => {
    const res = await app.http().get(url).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    return workbook;
  };
  const generate = (body: Record<string, unknown>, client = recorder.client) => client.post('/review/reports/year-end').send(body);

  beforeAll(async () => {
    app = await startTestApp();
    const fx = fixtures(app.strapi);
    const kind = await fx.threeLevels();
    units.P = await fx.unit('Tỉnh Sơn Hà', { kind: kind.province.documentId, code: 'SH' });
    units.D = await fx.unit('Huyện Bắc Sơn', { kind: kind.district.documentId, parent: units.P.documentId, code: 'SH-H1' });
    units.D2 = await fx.unit('Huyện Nam Sơn', { kind: kind.district.documentId, parent: units.P.documentId, code: 'SH-H2' });
    units.C1 = await fx.unit('Xã An Phú', { kind: kind.commune.documentId, parent: units.D.documentId, code: 'SH-X1' });
    units.C2 = await fx.unit('Xã Bình Minh', { kind: kind.commune.documentId, parent: units.D2.documentId, code: 'SH-X2' });
    const collective = await fx.criteriaSet('Tiêu chí tập thể', { subjectType: 'collective', criteria: CRITERIA });
    const individual = await fx.criteriaSet('Tiêu chí cá nhân', { subjectType: 'individual', criteria: [{ code: 'CN1', text: 'Gương mẫu', required: true }] });
    const reviewChain = [kind.commune, kind.district, kind.province].map((k) => ({ unitKind: k.documentId }));
    for (const year of [2021, 2022]) {
      periods[year] = await fx.period(year, { reviewChain, criteriaSets: [collective.documentId, individual.documentId], registrationStart: `${year}-02-01`, registrationEnd: `${year}-11-30` });
    }
    fields.economy = await fx.field('economy', { name: 'Kinh tế', order: 1 });
    fields.culture = await fx.field('culture', { name: 'Văn hóa - xã hội', order: 2 });
    const site = (await app.strapi.documents('api::site.site').create({ data: { name: 'Cổng tỉnh', code: 'tinh' } as never })) as unknown as { documentId: string };
    category = (await app.strapi.documents('api::category.category').create({ data: { name: 'Tổng kết phong trào', site: site.documentId } as never })) as unknown as { documentId: string };

    recorder = await createAdminUser(app, { roles: ['dvk-recorder'], firstname: 'Nguyễn Thị', lastname: 'Lưu Trữ' });
    reviewer = await createAdminUser(app, { roles: ['dvk-reviewer'] });
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });

    // Paper records: 2021 (2 models), 2022 (5 models, 2 recognised by the province with decisions, 1 by a district).
    const record = async (year: number, unit: string, title: string, extra: Record<string, unknown> = {}) => {
      const res = await recorder.client.post('/review/records/initiatives').send({
        ownerUnit: units[unit].documentId,
        period: periods[year].documentId,
        field: fields.economy.documentId,
        title,
        summary: `Tóm tắt ${title}`,
        reason: `Số hóa hồ sơ năm ${year}`,
        ...extra,
      });
      expect(res.status).toBe(201);
    };
    await record(2021, 'C1', 'Hiến đất mở đường 2021');
    await record(2021, 'C2', 'Tổ tự quản 2021', { field: fields.culture.documentId });
    await record(2022, 'C1', 'Camera an ninh do dân góp vốn', {
      outcome: { result: 'recognized', level: 'province', decisionNumber: '125-QĐ/BDVTU', decisionDate: '2022-12-15', signer: 'Trưởng ban' },
    });
    await record(2022, 'C2', 'Giáo xứ bình yên', {
      subjectType: 'individual',
      personName: 'Lê Thị C',
      field: fields.culture.documentId,
      origin: 'replicated',
      replicatedSourceName: 'Giáo xứ bình yên (Huyện Nam Sơn)',
      replicatedSourceUnit: 'Huyện Nam Sơn',
      outcome: { result: 'recognized', level: 'province', decisionNumber: '126-QĐ/BDVTU', decisionDate: '2022-12-20' },
    });
    await record(2022, 'C1', 'Mô hình 1-2-3 giảm nghèo', { outcome: { result: 'recognized', level: 'district', decisionNumber: '12-QĐ/HU', decisionDate: '2022-10-01' } });
    await record(2022, 'C2', 'Dân vận khéo trong thu gom rác', { field: fields.culture.documentId, outcome: { result: 'not_recognized', level: 'district' } });
    await record(2022, 'D', 'Huyện đồng hành cùng dân', { origin: 'continuing' });
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('is refused without the permission, and with bad input', async () => {
    expect((await generate({ year: 2022, category: category.documentId }, reviewer.client)).status).toBe(403);
    expect((await generate({ year: 2022, category: category.documentId }, editor.client)).status).toBe(403);
    const noPeriod = await generate({ year: 2019, category: category.documentId });
    expect(noPeriod.status).toBe(400);
    expect(noPeriod.body.error.message).toBe('Không có đợt thi đua năm 2019.');
    const noCategory = await generate({ year: 2022, category: 'khong-co' });
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error.message).toBe('Không tìm thấy chuyên mục đã chọn.');
    expect((await generate({ year: '2022', category: category.documentId })).status).toBe(400);
    expect(await app.strapi.db.query('api::article.article').count({})).toBe(0);
  });

  it('writes a draft whose figures are the statistics endpoint\'s, with the workbook attached', async () => {
    const options = await recorder.client.get('/review/reports/options');
    expect(options.status).toBe(200);
    expect(options.body.data.years).toEqual([2022, 2021]);
    expect(options.body.data.categories).toEqual([{ documentId: category.documentId, name: 'Tổng kết phong trào' }]);
    expect(options.body.data.units.map((unit: { code: string }) => unit.code)).toEqual(['SH', 'SH-H1', 'SH-H2', 'SH-X1', 'SH-X2']);

    const res = await generate({ year: 2022, category: category.documentId });
    expect(res.status).toBe(200);
    const s = await stats('year=2022');
    expect(res.body.data).toMatchObject({ created: true, hasPublishedVersion: false, total: s.total });
    expect(s.total).toBe(5);

    const draft = (await article(res.body.data.documentId, 'draft')) as Article;
    expect(await article(res.body.data.documentId, 'published')).toBeNull();
    expect(draft.title).toBe('Báo cáo tổng kết phong trào thi đua "Dân vận khéo" năm 2022');
    expect(draft.category?.documentId).toBe(category.documentId);
    expect(draft.sapo).toBe(
      `Năm 2022, toàn tỉnh có ${vn(s.total)} mô hình "Dân vận khéo" đăng ký, tăng ${vn(s.growth.absolute)} mô hình so với năm 2021 (+150%); 2 mô hình được công nhận ở tỉnh.`
    );
    // Fields with the year before, the funnel per level, subject type and origin: the endpoint's numbers.
    for (const field of s.byField) expect(draft.body).toContain(`| ${field.name} | ${vn(field.count)} | ${vn(field.previous)} |`);
    for (const level of s.funnel.levels) expect(draft.body).toContain(`| ${level.name} | ${vn(level.entered)} | ${vn(level.recognised)} | ${vn(level.proposedOnward)} | ${vn(level.notRecognised)} |`);
    expect(draft.body).toContain(`${vn(s.bySubjectType.collective)} mô hình tập thể, ${vn(s.bySubjectType.individual)} mô hình cá nhân`);
    expect(draft.body).toContain(`${vn(s.byOrigin.new)} mô hình xây dựng mới, ${vn(s.byOrigin.replicated)} mô hình nhân rộng, ${vn(s.byOrigin.continuing)} mô hình duy trì`);
    // The models the province recognised, with their decisions.
    expect(draft.body).toContain('## Mô hình được công nhận ở tỉnh (2)');
    expect(draft.body).toContain('| Camera an ninh do dân góp vốn | Xã An Phú | Kinh tế | Tập thể | 125-QĐ/BDVTU | 15/12/2022 |');
    expect(draft.body).toContain('| Giáo xứ bình yên | Xã Bình Minh | Văn hóa - xã hội | Cá nhân | 126-QĐ/BDVTU | 20/12/2022 |');
    expect(draft.body).not.toContain('1-2-3 giảm nghèo |');

    expect(draft.attachments).toHaveLength(1);
    const workbook = await workbookOf(draft.attachments?.[0].url as string);
    const summary = workbook.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
    expect(summary.getRow(2).values).toEqual([undefined, 'Mô hình đăng ký năm 2022', s.total]);
    expect(summary.getRow(3).values).toEqual([undefined, 'Mô hình đăng ký năm 2021', s.previous.total]);
    const bySheet = workbook.getWorksheet('Lĩnh vực') as ExcelJS.Worksheet;
    expect(bySheet.getSheetValues().slice(2).map((row) => (row as unknown[]).slice(1))).toEqual(s.byField.map((field) => [field.name, field.count, field.previous, field.count - field.previous]));
    const funnel = workbook.getWorksheet('Xét duyệt theo cấp') as ExcelJS.Worksheet;
    expect(funnel.getSheetValues().slice(2).map((row) => (row as unknown[])[2])).toEqual(s.funnel.levels.map((level) => level.entered));
    const recognised = workbook.getWorksheet('Mô hình được công nhận') as ExcelJS.Worksheet;
    expect(recognised.getSheetValues().slice(2).map((row) => (row as unknown[])[5])).toEqual(['125-QĐ/BDVTU', '126-QĐ/BDVTU']);
  });

  it('regenerating updates the draft, never the published version', async () => {
    const first = await generate({ year: 2022, category: category.documentId });
    const { documentId } = first.body.data as { documentId: string };
    await app.strapi.documents('api::article.article').publish({ documentId });
    const published = (await article(documentId, 'published')) as Article;
    const publishedAttachment = published.attachments?.[0].id;

    // A new model changes the figures; the report is generated again.
    const res = await recorder.client.post('/review/records/initiatives').send({
      ownerUnit: units.C1.documentId,
      period: periods[2022].documentId,
      field: fields.economy.documentId,
      title: 'Mô hình bổ sung',
      summary: 'Bổ sung',
      reason: 'Bổ sung hồ sơ',
    });
    expect(res.status).toBe(201);
    const again = await generate({ year: 2022, category: category.documentId });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ documentId, created: false, hasPublishedVersion: true, total: 6 });
    expect(await app.strapi.db.query('api::article.article').count({ where: { documentId } })).toBe(2);
    expect(await app.strapi.db.query('api::article.article').count({ where: { documentId: { $ne: documentId } } })).toBe(0);

    const draft = (await article(documentId, 'draft')) as Article;
    const stillPublished = (await article(documentId, 'published')) as Article;
    expect(draft.sapo).toContain('toàn tỉnh có 6 mô hình');
    expect(stillPublished.sapo).toBe(published.sapo);
    expect(stillPublished.sapo).toContain('toàn tỉnh có 5 mô hình');
    // The published version keeps its workbook; the draft has the new one.
    expect(stillPublished.attachments?.[0].id).toBe(publishedAttachment);
    expect(draft.attachments?.[0].id).not.toBe(publishedAttachment);
  });

  it('a unit\'s report counts its subtree only', async () => {
    const res = await generate({ year: 2022, unit: 'SH-H1', category: category.documentId });
    expect(res.status).toBe(200);
    const s = await stats('year=2022&unit=SH-H1');
    expect(res.body.data.total).toBe(s.total);
    const draft = (await article(res.body.data.documentId, 'draft')) as Article;
    expect(draft.title).toBe('Báo cáo tổng kết phong trào thi đua "Dân vận khéo" năm 2022 — Huyện Bắc Sơn');
    expect(draft.sapo).toContain(`Huyện Bắc Sơn có ${vn(s.total)} mô hình`);
    expect(draft.body).toContain('| Camera an ninh do dân góp vốn |');
    expect(draft.body).not.toContain('| Giáo xứ bình yên |');
  });
});
