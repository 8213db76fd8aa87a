import ExcelJS from 'exceljs';

import { compareCube } from '../../src/domain/initiative-cube';

import { CRITERIA } from '../helpers/review';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/users';
import { downloadTemplate, filledTemplate, xlsxLike, type TemplateRow } from '../helpers/xlsx';

type Problem = { row: number | null; column: string | null; header: string | null; message: string };
type Report = {
  fileName: string;
  committed: boolean;
  rows: number;
  toCreate: number;
  alreadyImported: number;
  drafts: number;
  submitted: number;
  withOutcome: number;
  problems: Problem[];
  preview: Array<{ row: number; reference: string; existing: boolean; documentId: string | null; status: string }>;
};

/**
 * The registration import through HTTP: provincial staff download the
 * template, a dry run lists every problem by row and column, a commit
 * registers the models on the units' behalf in one transaction (drafts,
 * registrations, paper outcomes of a closed period), re-importing creates
 * nothing, and malformed files are refused with nothing written.
 */
describe('XLSX import of registrations', () => {
  let app: TestApp;
  let recorder: AdminUser;
  let reviewer: AdminUser;
  let editor: AdminUser;
  let template: Buffer;

  const counts = async () => ({
    initiatives: await app.strapi.db.query('api::initiative.initiative').count({}),
    events: await app.strapi.db.query('plugin::review.review-event').count({}),
    decisions: await app.strapi.db.query('plugin::review.decision').count({}),
    imported: Number(((await app.strapi.db.connection('dvk_import_rows').count({ n: '*' })) as Array<{ n: number | string }>)[0].n),
  });

  const upload = (path: string, file: Buffer, name = 'ho-so-2021.xlsx', client = recorder.client) =>
    client.post(path).attach('files', file, { filename: name, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const dryRun = (file: Buffer, name?: string) => upload('/review/imports/dry-run', file, name);
  const commit = (file: Buffer, name?: string) => upload('/review/imports', file, name);

  const stats = async (year: number) => {
    const res = await app.http().get(`/api/portal/statistics?year=${year}`);
    expect(res.status).toBe(200);
    return res.body.data as { total: number; byState: Record<string, number>; byRecognitionLevel: Array<{ code: string; count: number }> };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const fx = fixtures(app.strapi);
    const kind = await fx.threeLevels();
    await fx.smallProvince(kind);
    const collective = await fx.criteriaSet('Tiêu chí tập thể', { subjectType: 'collective', criteria: CRITERIA });
    const individual = await fx.criteriaSet('Tiêu chí cá nhân', { subjectType: 'individual', criteria: [{ code: 'CN1', text: 'Gương mẫu', required: true }] });
    const reviewChain = [kind.commune, kind.district, kind.province].map((k) => ({ unitKind: k.documentId }));
    const criteriaSets = [collective.documentId, individual.documentId];
    await fx.period(2021, { reviewChain, criteriaSets, registrationStart: '2021-02-01', registrationEnd: '2021-11-30' });
    await fx.period(2026, { reviewChain, criteriaSets, registrationStart: '2026-01-01', registrationEnd: '2099-12-31' });
    await fx.field('economy', { name: 'Kinh tế' });
    await fx.field('culture', { name: 'Văn hóa - xã hội' });

    recorder = await createAdminUser(app, { roles: ['dvk-recorder'], firstname: 'Nguyễn Thị', lastname: 'Lưu Trữ' });
    reviewer = await createAdminUser(app, { roles: ['dvk-reviewer'] });
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });
    template = await downloadTemplate(recorder.client);
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  const GOOD: TemplateRow[] = [
    { reference: '2021-AP-01', unitCode: 'SH-X1', year: '2021', title: 'Dân vận khéo trong hiến đất mở đường', summary: 'Vận động 120 hộ hiến đất.', field: 'Kinh tế', subjectType: 'Tập thể', origin: 'Xây dựng mới' },
    { reference: '2021-BM-01', unitCode: 'SH-X2', year: '2021', title: 'Tổ tự quản an ninh', status: 'Nháp' },
    {
      reference: '2021-AP-02',
      unitCode: 'SH-X1',
      year: 2021,
      title: 'Camera an ninh do dân góp vốn',
      summary: 'Lắp 3.100 camera.',
      field: 'Văn hóa - xã hội',
      result: 'Được công nhận',
      level: 'Cấp huyện',
      decisionNumber: '12-QĐ/HU',
      decisionDate: '15/12/2021',
      signer: 'Trần Văn B',
    },
    {
      reference: '2021-H1-01',
      unitCode: 'SH-H1',
      year: 2021,
      title: 'Giáo xứ bình yên',
      summary: 'Giáo xứ và công an phối hợp.',
      field: 'Kinh tế',
      subjectType: 'Cá nhân',
      personName: 'Lê Thị C',
      result: 'Được công nhận',
      level: 'Tỉnh',
      decisionNumber: '99-QĐ/TU',
      decisionDate: new Date(Date.UTC(2021, 11, 20)),
    },
    { reference: '2021-AP-03', unitCode: 'SH-X1', year: 2021, title: 'Mô hình 1-2-3 giảm nghèo', summary: '1 tổ chức giúp 2 hộ.', field: 'Kinh tế', result: 'Không được công nhận', level: 'Cấp huyện' },
  ];

  it('gives the template to the recording staff only', async () => {
    expect((await reviewer.client.get('/review/imports/template')).status).toBe(403);
    expect((await editor.client.get('/review/imports/template')).status).toBe(403);
    expect((await app.http().get('/review/imports/template')).status).toBe(401);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['Mô hình', 'visible'],
      ['Danh mục', 'hidden'],
      ['Hướng dẫn', 'visible'],
    ]);
    const data = workbook.getWorksheet('Mô hình') as ExcelJS.Worksheet;
    expect(data.getRow(1).getCell(1).value).toBe('Mã tham chiếu (*)');
    expect(data.getRow(1).getCell(2).value).toBe('Mã đơn vị (*)');
    expect(data.getRow(1).getCell(6).value).toBe('Lĩnh vực');
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Drop-down lists on the hidden sheet: unit codes, fields, subject types, origins.
    const validation = (address: string) => data.getCell(address).dataValidation as { type: string; formulae: string[] };
    expect(validation('B2')).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$A$2:$A$5"] });
    expect(validation('B300').type).toBe('list');
    const lists = workbook.getWorksheet('Danh mục') as ExcelJS.Worksheet;
    expect(lists.getColumn(1).values.slice(2)).toEqual(['SH', 'SH-H1', 'SH-X1', 'SH-X2']);
    const listOf = (letter: string) => {
      const [, range] = validation(letter).formulae[0].split('!');
      const column = range.replace(/\$/g, '').split(':')[0].replace(/\d+/g, '');
      return lists.getColumn(column).values.slice(2).filter(Boolean);
    };
    expect(listOf('F2')).toEqual(['Kinh tế', 'Văn hóa - xã hội']);
    expect(listOf('G2')).toEqual(['Tập thể', 'Cá nhân']);
    expect(listOf('J2')).toEqual(['Xây dựng mới', 'Nhân rộng', 'Duy trì']);
    expect(listOf('C2')).toEqual(['2026', '2021']);
    const help = workbook.getWorksheet('Hướng dẫn') as ExcelJS.Worksheet;
    expect(help.getColumn(1).values).toContain('Mã tham chiếu');
  });

  it('refuses a dry run and a commit to people without the recording permission', async () => {
    const file = await filledTemplate(template, GOOD);
    const before = await counts();
    expect((await upload('/review/imports/dry-run', file, 'x.xlsx', reviewer.client)).status).toBe(403);
    expect((await upload('/review/imports', file, 'x.xlsx', editor.client)).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('lists every problem by row and column in a dry run, and a commit of that file writes nothing', async () => {
    const bad: TemplateRow[] = [
      ...GOOD,
      { reference: '2021-X-01', unitCode: 'XX-999', year: 2021, title: 'Đơn vị lạ', summary: 'x', field: 'Kinh tế' },
      { reference: '2021-X-02', unitCode: 'SH-X1', year: 2021, title: 'Lĩnh vực lạ', summary: 'x', field: 'Thể thao' },
      { reference: '2021-X-03', unitCode: 'SH-X1', year: 2021, summary: 'Thiếu tên', field: 'Kinh tế' },
      { reference: '2021-X-04', unitCode: 'SH-X1', year: 2021, title: 'Ngày sai', summary: 'x', field: 'Kinh tế', result: 'Được công nhận', level: 'Cấp huyện', decisionNumber: '1-QĐ', decisionDate: '31/02/2021' },
      { reference: '2021-AP-01', unitCode: 'SH-X1', year: 2021, title: 'Trùng mã', summary: 'x', field: 'Kinh tế' },
      { reference: '2021-X-05', unitCode: 'SH-X1', year: 2021, title: { formula: 'A2&"x"' }, summary: 'x', field: 'Kinh tế' },
      // Passes the cell checks; the records path refuses it: an open period's outcome is reviewed live.
      { reference: '2026-X-06', unitCode: 'SH-X1', year: 2026, title: 'Đợt còn mở', summary: 'x', field: 'Kinh tế', result: 'Không được công nhận', level: 'Cấp huyện' },
      { reference: '2021-X-07', unitCode: 'SH-X1', year: 1999, title: 'Năm lạ', summary: 'x', field: 'Kinh tế' },
    ];
    const file = await filledTemplate(template, bad);
    const before = await counts();
    const res = await dryRun(file);
    expect(res.status).toBe(200);
    const report = res.body.data as Report;
    expect(report.committed).toBe(false);
    expect(report.rows).toBe(13);
    const where = (problem: Problem) => `${problem.row}${problem.column ?? ''}`;
    expect(report.problems.map((problem) => [where(problem), problem.message])).toEqual([
      ['7B', 'Không có đơn vị mã "XX-999".'],
      ['8F', 'Không có lĩnh vực "Thể thao".'],
      ['9D', 'Bắt buộc nhập.'],
      ['10S', 'Ngày không hợp lệ; nhập dạng ngày/tháng/năm (ví dụ: 15/12/2022).'],
      ['11A', 'Mã tham chiếu trùng với dòng 2.'],
      ['12D', 'Ô chứa công thức: hãy dán giá trị (Paste Values) thay cho công thức.'],
      ['13', 'Đợt thi đua còn trong thời gian đăng ký: kết quả được xét duyệt trực tiếp trên hệ thống, không ghi nhận từ hồ sơ giấy.'],
      ['14C', 'Không có đợt thi đua năm "1999".'],
    ]);
    expect(report.problems[0].header).toBe('Mã đơn vị');
    expect(report.toCreate).toBe(0);
    expect(await counts()).toEqual(before);

    const refused = await commit(file);
    expect(refused.status).toBe(400);
    // The commit refuses with the dry run's list, the domain's refusal included.
    expect(refused.body.error.message).toBe('Tệp có 8 lỗi; không dòng nào được nhập. Sửa các lỗi rồi nhập lại.');
    expect(refused.body.error.details.report.problems).toEqual(report.problems);
    expect(await counts()).toEqual(before);
    const cube = await compareCube(app.strapi);
    expect(Object.fromEntries(cube.stored)).toEqual(Object.fromEntries(cube.live));
  });

  it('rolls the whole file back when the records path refuses one row at commit', async () => {
    const file = await filledTemplate(template, [
      ...GOOD,
      { reference: '2026-Y-01', unitCode: 'SH-X1', year: 2026, title: 'Đợt còn mở', summary: 'x', field: 'Kinh tế', result: 'Không được công nhận', level: 'Cấp huyện' },
    ]);
    const before = await counts();
    const res = await commit(file);
    expect(res.status).toBe(400);
    expect(res.body.error.details.report.problems).toEqual([
      expect.objectContaining({ row: 7, message: expect.stringContaining('Đợt thi đua còn trong thời gian đăng ký') }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('imports a clean file: drafts, registrations and paper outcomes, audited with the file and the person; re-importing creates nothing', async () => {
    const file = await filledTemplate(template, GOOD);
    const before = await counts();
    const statsBefore = await stats(2021);

    const preview = await dryRun(file);
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ rows: 5, toCreate: 5, alreadyImported: 0, drafts: 1, submitted: 4, withOutcome: 3, problems: [] });
    expect(await counts()).toEqual(before);

    const res = await commit(file);
    expect(res.status).toBe(201);
    const report = res.body.data as Report;
    expect(report).toMatchObject({ committed: true, rows: 5, toCreate: 5, problems: [] });
    expect(await counts()).toMatchObject({ initiatives: before.initiatives + 5, imported: before.imported + 5, decisions: before.decisions + 2 });

    const byReference = new Map(report.preview.map((row) => [row.reference, row.documentId as string]));
    const model = (reference: string) =>
      app.strapi.db.query('api::initiative.initiative').findOne({
        where: { documentId: byReference.get(reference) },
        populate: { ownerUnit: { select: ['code'] }, recognitionLevel: { select: ['code'] }, field: { select: ['code'] } },
      }) as Promise<{ reviewState: string; title: string; ownerUnit: { code: string }; recognitionLevel: { code: string } | null; field: { code: string } | null; subjectType: string; personName: string | null }>;
    expect(await model('2021-AP-01')).toMatchObject({ reviewState: 'submitted', ownerUnit: { code: 'SH-X1' }, field: { code: 'economy' } });
    expect(await model('2021-BM-01')).toMatchObject({ reviewState: 'draft', ownerUnit: { code: 'SH-X2' } });
    expect(await model('2021-AP-02')).toMatchObject({ reviewState: 'recognized', recognitionLevel: { code: 'district' }, field: { code: 'culture' } });
    expect(await model('2021-H1-01')).toMatchObject({ reviewState: 'recognized', recognitionLevel: { code: 'province' }, subjectType: 'individual', personName: 'Lê Thị C' });
    expect(await model('2021-AP-03')).toMatchObject({ reviewState: 'not_recognized' });
    const decision = (await app.strapi.db.query('plugin::review.decision').findOne({ where: { number: '99-QĐ/TU' } })) as { date: string } | null;
    expect(String(decision?.date).slice(0, 10)).toBe('2021-12-20');

    // Each model's first audit event names the file and the person.
    const events = (await app.strapi.db.query('plugin::review.review-event').findMany({
      where: { initiativeDocumentId: byReference.get('2021-AP-02') },
      orderBy: { id: 'asc' },
    })) as Array<{ action: string; actorName: string; reason: string; recorded: boolean }>;
    expect(events.map((event) => event.action)).toEqual(['import', 'submit', 'recognize']);
    expect(events[0]).toMatchObject({ actorName: 'Nguyễn Thị Lưu Trữ', recorded: true });
    expect(events[0].reason).toBe('Nhập từ tệp "ho-so-2021.xlsx" (dòng 4, mã tham chiếu 2021-AP-02) — người nhập: Nguyễn Thị Lưu Trữ.');

    // The public statistics count the registrations (not the draft).
    const statsAfter = await stats(2021);
    expect(statsAfter.total).toBe(statsBefore.total + 4);
    expect(statsAfter.byState.recognized).toBe((statsBefore.byState.recognized ?? 0) + 2);

    // The statistics counts, updated once for the whole file, equal a live count of the models.
    const { stored, live } = await compareCube(app.strapi);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(live));

    // The same file again: nothing new, the rows are reported as imported before.
    const again = await commit(file);
    expect(again.status).toBe(201);
    expect(again.body.data).toMatchObject({ committed: true, toCreate: 0, alreadyImported: 5 });
    expect(again.body.data.preview.every((row: { existing: boolean }) => row.existing)).toBe(true);
    expect(await counts()).toMatchObject({ initiatives: before.initiatives + 5, imported: before.imported + 5 });
    expect((await stats(2021)).total).toBe(statsAfter.total);
  });

  it('two commits of the same file at once create each model once', async () => {
    const rows: TemplateRow[] = Array.from({ length: 40 }, (_, index) => ({
      reference: `2021-SONG-${index + 1}`,
      unitCode: index % 2 === 0 ? 'SH-X1' : 'SH-X2',
      year: 2021,
      title: `Mô hình nhập đồng thời ${index + 1}`,
      summary: 'Hai người cùng nhập một tệp.',
      field: 'Kinh tế',
    }));
    const file = await filledTemplate(template, rows);
    const before = await counts();
    const answers = await Promise.all([commit(file, 'a.xlsx'), commit(file, 'b.xlsx')]);
    // One writes them all; the other finds them imported (201, nothing new) or loses the race on a reference (409).
    for (const res of answers) expect([201, 409]).toContain(res.status);
    const created = answers.filter((res) => res.status === 201).map((res) => res.body.data.toCreate as number);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(rows.length);
    const loser = answers.find((res) => res.status === 409);
    if (loser) expect(loser.body.error.message).toBe('Mã tham chiếu vừa được nhập bởi một lần nhập khác; hãy kiểm tra lại rồi nhập lại.');
    expect(await counts()).toMatchObject({ initiatives: before.initiatives + rows.length, imported: before.imported + rows.length });
    const { stored, live } = await compareCube(app.strapi);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(live));
  });

  describe('malformed files are refused with a 400 and nothing written', () => {
    let before: Awaited<ReturnType<typeof counts>>;
    beforeEach(async () => {
      before = await counts();
    });
    afterEach(async () => {
      expect(await counts()).toEqual(before);
    });

    const refused = async (file: Buffer, message: string | RegExp, name = 'bad.xlsx') => {
      for (const send of [dryRun, commit]) {
        const res = await send(file, name);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
    };

    it('a file that is not an XLSX', async () => {
      await refused(Buffer.from('Mã tham chiếu,Mã đơn vị\n1,SH-X1\n'), /không phải bảng tính Excel \(\.xlsx\)/, 'ho-so.xlsx');
      await refused(Buffer.from('PK\u0003\u0004 garbage that is not a zip'), /không phải bảng tính Excel/);
    });

    it('a zip bomb, by its declared sizes and by a directory that lies about them', async () => {
      const zeros = Buffer.alloc(64 * 1024 * 1024, 0x20);
      await refused(xlsxLike(zeros), /nội dung nén bất thường/);
      await refused(xlsxLike(zeros, 1000), /nội dung nén bất thường/);
    });

    it('merged cells', async () => {
      const file = await filledTemplate(template, GOOD, (sheet) => sheet.mergeCells('D2:E2'));
      await refused(file, /ô gộp/);
    });

    it('a 200 MB upload', async () => {
      await refused(Buffer.alloc(200 * 1024 * 1024 - 4096, 1), /Tệp quá lớn: tệp nhập tối đa 20 MB/);
    }, 120_000);

    it('a workbook without the template header, or with no rows', async () => {
      const other = new ExcelJS.Workbook();
      other.addWorksheet('Sheet1').addRow(['Tên', 'Địa chỉ']);
      await refused(Buffer.from(await other.xlsx.writeBuffer()), /Không tìm thấy trang tính có dòng tiêu đề/);
      await refused(await filledTemplate(template, []), /không có dòng dữ liệu/);
    });

    it('no file at all', async () => {
      const res = await recorder.client.post('/review/imports/dry-run').send({});
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/Chưa chọn tệp Excel/);
    });
  });
});
