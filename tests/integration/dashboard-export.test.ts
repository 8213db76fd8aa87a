/**
 * "Thống kê phong trào": the admin statistics endpoint gives the public
 * statistics endpoint's figures for the admin's scope, and the XLSX/CSV
 * exports (statistics tables, directory of recognised models with their
 * decisions, the review queue under any filter) hold what the API answers,
 * with Vietnamese headers, dd/mm/yyyy dates, widths and a frozen header.
 * Permissions from both sides.
 */
import ExcelJS from 'exceljs';
import type supertest from 'supertest';

import { STATISTICS_TABLES } from '../../src/plugins/review/shared/statistics-tables';
import type { Dashboard } from '../../src/plugins/review/server/src/services/dashboard';
import type { Queue as QueueService } from '../../src/plugins/review/server/src/services/queue';
import { reviewerActor } from '../../src/plugins/review/server/src/services/scope';
import { buildProvince, createOfficer, createReviewer, CRITERIA, mustDecide, register, startAssessRecognise, type Province } from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/users';

type Json = Record<string, unknown>;

/** Collects a binary body (supertest parses only text and JSON by itself). */
const binary = (res: NodeJS.ReadableStream & { setEncoding?: unknown }, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function download(test: supertest.Test): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await test.buffer(true).parse(binary as never);
  return { status: res.status, headers: res.headers as Record<string, string>, body: res.body as Buffer };
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

/** A sheet's rows below the header, as arrays of cell values. */
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};
const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(1).values as unknown[]).slice(1);

/** Parses a CSV body (the writer quotes every field) into rows. */
const parseCsv = (text: string): string[][] =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replace(/""/g, '"')));

describe('movement dashboard and exports', () => {
  let app: TestApp;
  let province: Province;
  let c1: AdminUser;
  let leader: AdminUser;
  let editor: AdminUser;
  let culture: { id: number; documentId: string };
  const models: Record<string, { documentId: string; version: number }> = {};

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    culture = (await app.strapi.documents('api::field.field').create({ data: { code: 'culture', name: 'Văn hóa - xã hội' } })) as unknown as {
      id: number;
      documentId: string;
    };
    const officer1 = await createOfficer(app, province.villages[0]);
    const officer2 = await createOfficer(app, province.villages[1]);
    const officer4 = await createOfficer(app, province.villages[3]);
    c1 = await createReviewer(app, province.C1);
    leader = await createReviewer(app, province.P, 'dvk-leadership');
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });

    // Xã An Phú (C1): one recognised by the province in a batch decision, one recognised by the commune, one waiting.
    const a = await startAssessRecognise(c1.client, await register(officer1, province, province.twoTier, 'Đường làng sáng đẹp'));
    const proposed = await mustDecide(c1.client, { documentId: a.documentId, version: a.version }, 'propose');
    await leader.client
      .put(`/review/initiatives/${proposed.documentId}/assessments`)
      .send({ items: CRITERIA.map((criterion) => ({ code: criterion.code, result: 'met' })) })
      .expect(200);
    const issued = await leader.client.post('/review/batch-decisions').send({
      number: '12-QĐ/BDV',
      date: '2025-12-20',
      signer: 'Trưởng ban Dân vận',
      items: [{ documentId: proposed.documentId, version: proposed.version }],
    });
    if (issued.status !== 201) throw new Error(`batch ${issued.status}: ${JSON.stringify(issued.body)}`);
    models.province = { documentId: proposed.documentId, version: proposed.version };
    const b = await startAssessRecognise(c1.client, await register(officer1, province, province.twoTier, 'Hũ gạo tình thương', { field: culture.documentId }));
    models.commune = { documentId: b.documentId, version: b.version };
    models.waiting = await register(officer2, province, province.twoTier, 'Chợ văn minh', { subjectType: 'collective', origin: 'new' });
    // Xã Bình Minh (C2): outside An Phú's scope.
    models.outside = await register(officer4, province, province.twoTier, 'Tổ an ninh tự quản', { field: culture.documentId });
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
  });

  const statistics = async (client: AdminUser, query: string) => {
    const res = await client.client.get(`/review/statistics?${query}`);
    if (res.status !== 200) throw new Error(`statistics ${query} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Json & { byUnit: Json[]; topUnits: Json[]; funnel: Json; byField: Json[] };
  };
  const publicStatistics = async (query: string) => {
    const res = await app.http().get(`/api/portal/statistics?${query}`);
    expect(res.status).toBe(200);
    return res.body.data as Json & { byUnit: Json[]; funnel: Json };
  };
  /** The figures both endpoints give (the admin's carries ids and top units besides). */
  const common = (data: Json) => {
    const { byUnit, scope: _scope, topUnits: _top, ...rest } = data as Json & { byUnit: Array<{ name: string; count: number }> };
    return { ...rest, byUnit: byUnit.map(({ name, count }) => ({ name, count })) };
  };

  describe('statistics in the admin', () => {
    it("gives the province's leadership the public endpoint's figures for the province", async () => {
      const admin = await statistics(leader, 'year=2025');
      expect(common(admin)).toEqual(common(await publicStatistics('year=2025')));
      expect(admin.total).toBe(4);
      expect(admin.scope).toMatchObject({ unitId: province.P.id, name: 'Tỉnh Sơn Hà' });
    });

    it("limits a commune reviewer to the commune's subtree, as the public endpoint counts that unit", async () => {
      const admin = await statistics(c1, 'year=2025');
      expect(common(admin)).toEqual(common(await publicStatistics('year=2025&unit=SH-X1')));
      expect(admin.total).toBe(3);
      expect(admin.topUnits).toEqual([
        expect.objectContaining({ name: 'Thôn 1', parent: 'Xã An Phú', count: 2 }),
        expect.objectContaining({ name: 'Thôn 2', parent: 'Xã An Phú', count: 1 }),
      ]);
    });

    it('breaks a span of years down and reads a unit below the scope', async () => {
      const span = await statistics(leader, `from=2023&to=2025&unit=${province.C2.id}`);
      expect(common(span)).toEqual(common(await publicStatistics('from=2023&to=2025&unit=SH-X2')));
      expect(span.byYear).toEqual([
        { year: 2023, total: 0 },
        { year: 2024, total: 0 },
        { year: 2025, total: 1 },
      ]);
    });

    it('counts only the models of units of the chosen kinds, as the public endpoint does', async () => {
      const villages = await statistics(leader, 'year=2025&kind=village');
      expect(common(villages)).toEqual(common(await publicStatistics('year=2025&kind=village')));
      expect(villages.total).toBe(4);
      expect((await statistics(leader, 'year=2025&kind=commune,district')).total).toBe(0);
    });

    it('refuses a unit outside the scope (403), an unknown unit (404) and bad input (400 in Vietnamese)', async () => {
      const outside = await c1.client.get(`/review/statistics?year=2025&unit=${province.C2.id}`);
      expect(outside.status).toBe(403);
      expect(outside.body.error.message).toMatch(/không thuộc phạm vi/);
      expect((await leader.client.get('/review/statistics?year=2025&unit=999999')).status).toBe(404);
      for (const query of ['', 'year=abc', 'year=2025&from=2020&to=2021', 'from=2025&to=2020', 'from=2000&to=2025', 'year=2025&kind=nope', 'year=2025&populate=*']) {
        const res = await leader.client.get(`/review/statistics?${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
      }
    });

    it('answers the filter choices: years, unit kinds and the units of the scope', async () => {
      const res = await c1.client.get('/review/statistics/options');
      expect(res.status).toBe(200);
      expect(res.body.data.years).toEqual([2025, 2023]);
      expect(res.body.data.units.map((unit: { name: string }) => unit.name).sort()).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 3', 'Xã An Phú'].sort());
    });
  });

  describe('exports', () => {
    it('writes every statistics table as a sheet, with the numbers of the API, Vietnamese headers, widths and a frozen header', async () => {
      const api = await statistics(leader, 'year=2025');
      const file = await download(leader.client.get('/review/exports/statistics?year=2025'));
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(file.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"; filename\*=UTF-8''/);
      expect(decodeURIComponent(file.headers['content-disposition'].split("UTF-8''")[1])).toBe('Thống kê phong trào 2025 - Tỉnh Sơn Hà.xlsx');
      const book = await workbook(file.body);
      expect(book.worksheets.map((sheet) => sheet.name)).toEqual(STATISTICS_TABLES.map((table) => table.title));

      const fields = book.getWorksheet('Theo lĩnh vực') as ExcelJS.Worksheet;
      expect(headerOf(fields)).toEqual(['Lĩnh vực', 'Kỳ này', 'Kỳ trước', 'Tăng/giảm', 'Tỷ lệ tăng (%)']);
      expect(rowsOf(fields)).toEqual(
        (api.byField as Array<{ name: string; count: number; previous: number; growth: number }>).map((row) => [row.name, row.count, row.previous, row.growth])
      );
      expect(fields.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(fields.getColumn(1).width).toBe(36);
      expect(fields.getRow(1).font?.bold).toBe(true);

      const funnel = book.getWorksheet('Xét duyệt theo cấp') as ExcelJS.Worksheet;
      const levels = (api.funnel as { levels: Array<{ name: string; entered: number; recognised: number }> }).levels;
      expect(rowsOf(funnel).map((row) => [row[0], row[1], row[4]])).toEqual(levels.map((level) => [level.name, level.entered, level.recognised]));
      const summary = book.getWorksheet('Tổng hợp') as ExcelJS.Worksheet;
      expect(rowsOf(summary)[0]).toEqual(['Mô hình đăng ký 2025', 4]);
    });

    it('writes one table as CSV (UTF-8 with BOM) and refuses CSV without a table or an unknown table', async () => {
      const file = await download(c1.client.get('/review/exports/statistics?year=2025&format=csv&table=topUnits'));
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      const text = file.body.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(parseCsv(text)).toEqual([
        ['Hạng', 'Đơn vị', 'Trực thuộc', 'Mô hình đăng ký'],
        ['1', 'Thôn 1', 'Xã An Phú', '2'],
        ['2', 'Thôn 2', 'Xã An Phú', '1'],
      ]);
      const noTable = await c1.client.get('/review/exports/statistics?year=2025&format=csv');
      expect(noTable.status).toBe(400);
      expect(noTable.body.error.message).toMatch(/chỉ chứa một bảng/);
      expect((await c1.client.get('/review/exports/statistics?year=2025&table=nope')).status).toBe(400);
      expect((await c1.client.get('/review/exports/statistics?year=2025&format=pdf')).status).toBe(400);
    });

    it("lists the recognised models of the scope with their latest decision, as the public directory has them", async () => {
      const file = await download(leader.client.get('/review/exports/directory?year=2025'));
      expect(file.status).toBe(200);
      const sheet = (await workbook(file.body)).worksheets[0];
      expect(sheet.name).toBe('Mô hình được công nhận');
      expect(headerOf(sheet)).toEqual([
        'STT',
        'Tên mô hình',
        'Đơn vị chủ trì',
        'Lĩnh vực',
        'Đối tượng',
        'Nguồn gốc',
        'Năm',
        'Cấp công nhận',
        'Ngày công nhận',
        'Số quyết định',
        'Ngày quyết định',
        'Người ký',
      ]);
      const rows = rowsOf(sheet);
      const directory = (await app.http().get('/api/portal/initiatives?year=2025&pageSize=50')).body.data as Array<{ title: string }>;
      expect(rows.map((row) => row[1]).sort()).toEqual(directory.map((card) => card.title).sort());
      const recognisedByProvince = rows.find((row) => row[1] === 'Đường làng sáng đẹp') as unknown[];
      expect(recognisedByProvince.slice(2, 8)).toEqual(['Thôn 1', 'Kinh tế', 'Tập thể', 'Xây dựng mới', '2025', 'Tỉnh']);
      expect(recognisedByProvince.slice(9)).toEqual(['12-QĐ/BDV', new Date(Date.UTC(2025, 11, 20)), 'Trưởng ban Dân vận']);
      expect(sheet.getRow(2).getCell(11).numFmt).toBe('dd/mm/yyyy');
      const byCommune = rows.find((row) => row[1] === 'Hũ gạo tình thương') as unknown[];
      expect(byCommune[7]).toBe('Cấp xã');
      expect(byCommune[9]).toBeUndefined();

      // The same list as CSV, dates written dd/mm/yyyy.
      const csv = parseCsv((await download(leader.client.get('/review/exports/directory?year=2025&format=csv'))).body.toString('utf8'));
      expect(csv.find((row) => row[1] === 'Đường làng sáng đẹp')?.slice(9)).toEqual(['12-QĐ/BDV', '20/12/2025', 'Trưởng ban Dân vận']);
      // A commune reviewer's directory holds their scope's models only.
      const c2Rows = rowsOf((await workbook((await download(leader.client.get(`/review/exports/directory?year=2025&unit=${province.C2.id}`))).body)).worksheets[0]);
      expect(c2Rows).toEqual([]);
    });

    it('exports the queue under any filter in the order of the screen, every page', async () => {
      const queries = ['tab=all&sort=title:asc', 'tab=all&sort=updatedAt:desc', `tab=all&field=${culture.id}`, 'tab=waiting', 'tab=recognized&sort=title:desc'];
      // Under a text filter the queue reads its narrow rows; the export pages through the same.
      queries.push('tab=all&q=cho&sort=title:asc', 'tab=all&q=lang&sort=updatedAt:desc');
      let filtered = 0;
      for (const query of queries) {
        const screen = await c1.client.get(`/review/queue?${query}&pageSize=100`);
        if (query.includes('q=')) filtered += screen.body.data.results.length;
        expect(screen.status).toBe(200);
        const file = await download(c1.client.get(`/review/exports/queue?${query}`));
        expect(file.status).toBe(200);
        const rows = rowsOf((await workbook(file.body)).worksheets[0]);
        expect({ query, titles: rows.map((row) => row[1]) }).toEqual({ query, titles: screen.body.data.results.map((row: { title: string }) => row.title) });
        expect(rows.map((row) => row[0])).toEqual(rows.map((_, index) => index + 1));
      }
      expect(filtered).toBeGreaterThan(0);
      const csv = parseCsv((await download(c1.client.get('/review/exports/queue?tab=all&sort=title:asc&format=csv'))).body.toString('utf8'));
      expect(csv[0]).toEqual(['STT', 'Tên mô hình', 'Đơn vị chủ trì', 'Lĩnh vực', 'Đối tượng', 'Nguồn gốc', 'Đợt thi đua', 'Trạng thái', 'Cấp đang xét', 'Cấp công nhận', 'Ngày công nhận', 'Ngày tạo', 'Cập nhật']);
      expect(csv[1][1]).toBe('Chợ văn minh');
      expect(csv[1][12]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      const bad = await c1.client.get('/review/exports/queue?sort=title:sideways');
      expect(bad.status).toBe(400);
    });

    it('reads the queue and the directory a page at a time without losing or repeating a row', async () => {
      const actor = await reviewerActor(app.strapi, { id: c1.id });
      const queue = app.strapi.plugin('review').service('queue') as QueueService;
      for (const sort of ['title', 'updatedAt', 'reviewState'] as const) {
        const titles: string[] = [];
        for await (const page of queue.exportPages(actor, { tab: 'all', sort, order: 'asc' }, 1)) titles.push(...page.map((row) => row.title));
        const whole: string[] = [];
        for await (const page of queue.exportPages(actor, { tab: 'all', sort, order: 'asc' }, 100)) whole.push(...page.map((row) => row.title));
        expect({ sort, titles }).toEqual({ sort, titles: whole });
        // The commune's queue: the model recognised and proposed to the province has left it.
        expect(titles.sort()).toEqual(['Chợ văn minh', 'Hũ gạo tình thương'].sort());
      }
      const dashboard = app.strapi.plugin('review').service('dashboard') as Dashboard;
      const paged: unknown[] = [];
      for await (const row of dashboard.directoryRows({ owners: null, from: 2025, to: 2025 }, 1)) paged.push(row.title);
      expect(paged.sort()).toEqual(['Hũ gạo tình thương', 'Đường làng sáng đẹp'].sort());
    });
  });

  describe('permissions', () => {
    const paths = ['/review/statistics?year=2025', '/review/statistics/options', '/review/exports/statistics?year=2025', '/review/exports/directory?year=2025', '/review/exports/queue'];

    it('refuses the dashboard and every export to editors', async () => {
      for (const path of paths) expect({ path, status: (await editor.client.get(path)).status }).toEqual({ path, status: 403 });
    });

    it('refuses them without an admin session', async () => {
      for (const path of paths) expect({ path, status: (await app.http().get(path)).status }).toEqual({ path, status: 401 });
    });

    it('lets an admin with the statistics permission but no reviewer unit read the province, but not export a queue', async () => {
      const superAdmin = await createAdminUser(app);
      const stats = await statistics(superAdmin, 'year=2025');
      expect(stats.total).toBe(4);
      expect(stats.scope).toMatchObject({ unitId: null });
      const queue = await superAdmin.client.get('/review/exports/queue');
      expect(queue.status).toBe(403);
    });

    it('refuses a reviewer made inactive instead of widening their scope to the province', async () => {
      const former = await createReviewer(app, province.C2);
      const profile = (await app.strapi.db.query('plugin::review.reviewer').findOne({ where: { user: { id: former.id } }, select: ['id'] })) as { id: number };
      await app.strapi.db.query('plugin::review.reviewer').update({ where: { id: profile.id }, data: { active: false } });
      const res = await former.client.get('/review/statistics?year=2025');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/chưa được gán đơn vị xét duyệt/);
    });
  });
});
