/**
 * End-to-end, in Chromium: provincial recording staff download the import
 * template from the admin, fill it with a few bad rows, upload it and see
 * every problem by row and column; fix the file, check it again and import
 * it; the public statistics change. Then "Tạo báo cáo tổng kết" writes the
 * draft article, whose total equals the statistics endpoint's. axe-core
 * checks both pages; screenshots go to tests/.artifacts/import-report/.
 */
import fs from 'fs';
import path from 'path';

import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { assertChromium, launchChromium, seriousViolations, signInToAdmin } from '../helpers/browser';
import { fixtures } from '../helpers/fixtures';
import { CRITERIA } from '../helpers/review';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, TEST_PASSWORD, type AdminUser } from '../helpers/users';
import { filledTemplate, type TemplateRow } from '../helpers/xlsx';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'import-report');

describe('import and year-end report in the admin panel (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let recorder: AdminUser;
  const problems: string[] = [];

  const shot = async (name: string) => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  const expectAccessible = async (label: string) => expect(await seriousViolations(page, label, 'main')).toEqual([]);

  const total = async (year: number) => {
    const res = await app.http().get(`/api/portal/statistics?year=${year}`);
    expect(res.status).toBe(200);
    return res.body.data.total as number;
  };

  const GOOD: TemplateRow[] = [
    { reference: 'AP-2021-01', unitCode: 'SH-X1', year: '2021', title: 'Dân vận khéo trong hiến đất mở đường', summary: 'Vận động 120 hộ hiến đất.', field: 'Kinh tế' },
    { reference: 'AP-2021-02', unitCode: 'SH-X1', year: '2021', title: 'Camera an ninh do dân góp vốn', summary: 'Lắp 3.100 camera.', field: 'Kinh tế', result: 'Được công nhận', level: 'Tỉnh', decisionNumber: '125-QĐ/BDVTU', decisionDate: '15/12/2021' },
    { reference: 'BM-2021-01', unitCode: 'SH-X2', year: '2021', title: 'Tổ tự quản an ninh', summary: 'Tự quản.', field: 'Văn hóa - xã hội', subjectType: 'Cá nhân', personName: 'Lê Thị C' },
  ];

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ SERVE_ADMIN: 'true' });
    const fx = fixtures(app.strapi);
    const kind = await fx.threeLevels();
    const P = await fx.unit('Tỉnh Sơn Hà', { kind: kind.province.documentId, code: 'SH' });
    const D = await fx.unit('Huyện Bắc Sơn', { kind: kind.district.documentId, parent: P.documentId, code: 'SH-H1' });
    await fx.unit('Xã An Phú', { kind: kind.commune.documentId, parent: D.documentId, code: 'SH-X1' });
    await fx.unit('Xã Bình Minh', { kind: kind.commune.documentId, parent: D.documentId, code: 'SH-X2' });
    const collective = await fx.criteriaSet('Tiêu chí tập thể', { subjectType: 'collective', criteria: CRITERIA });
    const individual = await fx.criteriaSet('Tiêu chí cá nhân', { subjectType: 'individual', criteria: [{ code: 'CN1', text: 'Gương mẫu', required: true }] });
    const reviewChain = [kind.commune, kind.district, kind.province].map((k) => ({ unitKind: k.documentId }));
    await fx.period(2021, { reviewChain, criteriaSets: [collective.documentId, individual.documentId], registrationStart: '2021-02-01', registrationEnd: '2021-11-30' });
    await fx.field('economy', { name: 'Kinh tế', order: 1 });
    await fx.field('culture', { name: 'Văn hóa - xã hội', order: 2 });
    const site = (await app.strapi.documents('api::site.site').create({ data: { name: 'Cổng tỉnh', code: 'tinh' } as never })) as unknown as { documentId: string };
    await app.strapi.documents('api::category.category').create({ data: { name: 'Tổng kết phong trào', site: site.documentId } as never });
    recorder = await createAdminUser(app, { roles: ['dvk-recorder'], firstname: 'Nguyễn Thị', lastname: 'Lưu Trữ' });

    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await signInToAdmin(page, app.baseUrl, recorder.email, TEST_PASSWORD);
  }, 600_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('template → file with bad rows → problems by row and column → fixed file → import; the statistics change', async () => {
    // The recording staff's menu link opens the import page (they have no review queue).
    await page.getByRole('link', { name: 'Xét duyệt mô hình' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Nhập dữ liệu' }).waitFor();
    expect(page.url()).toMatch(/\/admin\/plugins\/review\/import$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải mẫu nhập (.xlsx)' }).click()]);
    const template = fs.readFileSync((await download.path()) as string);
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(template as unknown as ArrayBuffer);
    expect(check.worksheets.map((sheet) => sheet.name)).toEqual(['Mô hình', 'Danh mục', 'Hướng dẫn']);

    const bad = await filledTemplate(template, [
      ...GOOD,
      { reference: 'X-01', unitCode: 'XX-999', year: '2021', title: 'Đơn vị không có', summary: 'x', field: 'Kinh tế' },
      { reference: 'X-02', unitCode: 'SH-X2', year: '2021', title: 'Ngày sai', summary: 'x', field: 'Kinh tế', result: 'Được công nhận', level: 'Tỉnh', decisionNumber: '1-QĐ', decisionDate: '31/02/2021' },
      { reference: 'AP-2021-01', unitCode: 'SH-X2', year: '2021', title: 'Trùng mã', summary: 'x', field: 'Kinh tế' },
    ]);
    const badPath = path.join(ARTIFACTS, 'ho-so-2021-co-loi.xlsx');
    fs.writeFileSync(badPath, bad);
    const before = await total(2021);

    await page.getByLabel('Tệp Excel (.xlsx)').setInputFiles(badPath);
    await page.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await page.getByRole('heading', { name: 'Các lỗi cần sửa (3)' }).waitFor();
    const problemRows = page.locator('[data-problem-row]');
    await expect(problemRows.count()).resolves.toBe(3);
    await expect(problemRows.nth(0).innerText()).resolves.toMatch(/^5\s+B\s+Mã đơn vị\s+Không có đơn vị mã "XX-999"\.$/);
    await expect(problemRows.nth(1).innerText()).resolves.toMatch(/^6\s+S\s+Ngày quyết định\s+Ngày không hợp lệ/);
    await expect(problemRows.nth(2).innerText()).resolves.toMatch(/^7\s+A\s+Mã tham chiếu\s+Mã tham chiếu trùng với dòng 2\.$/);
    await expect(page.getByRole('button', { name: /^Nhập dữ liệu/ }).isDisabled()).resolves.toBe(true);
    await shot('1-import-problems');
    await expectAccessible('import page with problems');
    expect(await total(2021)).toBe(before);

    const goodPath = path.join(ARTIFACTS, 'ho-so-2021.xlsx');
    fs.writeFileSync(goodPath, await filledTemplate(template, GOOD));
    await page.getByLabel('Tệp Excel (.xlsx)').setInputFiles(goodPath);
    await page.getByRole('button', { name: 'Kiểm tra thử' }).click();
    await page.getByText('Không có lỗi. Có thể nhập dữ liệu.').waitFor();
    await page.getByRole('button', { name: 'Nhập dữ liệu (3 mô hình)' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText('Đã nhập 3 mô hình từ tệp "ho-so-2021.xlsx".').first().waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: 'Đã nhập: ho-so-2021.xlsx' }).waitFor();
    await page.getByRole('link', { name: 'Camera an ninh do dân góp vốn' }).waitFor();
    await shot('2-import-done');
    await expectAccessible('import page after import');
    expect(await total(2021)).toBe(before + 3);
  });

  it('"Tạo báo cáo tổng kết" writes the draft with the statistics endpoint\'s figures', async () => {
    await page.goto(`${app.baseUrl}/admin/plugins/review/report`);
    await page.getByRole('heading', { level: 1, name: 'Tạo báo cáo tổng kết' }).waitFor();
    await page.getByRole('combobox', { name: 'Chuyên mục của bài' }).click();
    await page.getByRole('option', { name: 'Tổng kết phong trào' }).click();
    await shot('3-report-form');
    await expectAccessible('report page');
    await page.getByRole('button', { name: 'Tạo báo cáo tổng kết' }).click();
    await page.getByRole('heading', { name: 'Bản nháp báo cáo' }).waitFor({ timeout: 60_000 });
    const expected = await total(2021);
    await expect(page.locator('[data-report-total]').innerText()).resolves.toBe(String(expected));
    await shot('4-report-done');

    const articles = (await app.strapi.documents('api::article.article').findMany({ status: 'draft', fields: ['title', 'sapo', 'publishedAt'] })) as unknown as Array<{ title: string; sapo: string }>;
    expect(articles).toHaveLength(1);
    expect(articles[0].title).toBe('Báo cáo tổng kết phong trào thi đua "Dân vận khéo" năm 2021');
    expect(articles[0].sapo).toContain(`toàn tỉnh có ${expected} mô hình`);
    expect(await app.strapi.documents('api::article.article').count({ status: 'published' })).toBe(0);
    // The recording staff cannot read articles in the Content Manager: no link to a page they may not open.
    await expect(page.getByRole('link', { name: 'Mở bản nháp trong Quản lý nội dung' }).count()).resolves.toBe(0);
  });
});
