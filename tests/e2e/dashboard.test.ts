/**
 * End-to-end: "Thống kê phong trào" in the admin panel, in Chromium. The
 * leadership opens the dashboard, reads the totals the statistics endpoint
 * gives, exports every table to XLSX and a table to CSV, and the files hold
 * the endpoint's numbers; the print view hides the admin's menu and the
 * buttons; a commune reviewer exports the queue under a filter. axe-core
 * checks the page; screenshots go to tests/.artifacts/dashboard/.
 */
import fs from 'fs';
import path from 'path';

import ExcelJS from 'exceljs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import type { StatisticsReport } from '../../src/plugins/review/shared/statistics-tables';
import { assertChromium, launchChromium, seriousViolations, signInToAdmin } from '../helpers/browser';
import { buildProvince, createOfficer, createReviewer, register, startAssessRecognise, type Province } from '../helpers/review';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { TEST_PASSWORD, type AdminUser } from '../helpers/users';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'dashboard');

describe('movement dashboard in the admin panel (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let province: Province;
  let commune: AdminUser;
  let leader: AdminUser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ SERVE_ADMIN: 'true' });
    province = await buildProvince(app);
    const culture = (await app.strapi.documents('api::field.field').create({ data: { code: 'culture', name: 'Văn hóa - xã hội' } })) as unknown as { documentId: string };
    const officer1 = await createOfficer(app, province.villages[0]);
    const officer2 = await createOfficer(app, province.villages[1]);
    const officer4 = await createOfficer(app, province.villages[3]);
    commune = await createReviewer(app, province.C1);
    leader = await createReviewer(app, province.P, 'dvk-leadership');
    await startAssessRecognise(commune.client, await register(officer1, province, province.twoTier, 'Đường làng sáng đẹp'));
    await startAssessRecognise(commune.client, await register(officer2, province, province.twoTier, 'Hũ gạo tình thương', { field: culture.documentId }));
    await register(officer1, province, province.twoTier, 'Chợ văn minh', { origin: 'continuing' });
    await register(officer2, province, province.twoTier, 'Gia đình văn hóa', { subjectType: 'individual', personName: 'Nguyễn Thị Hoa' });
    await register(officer4, province, province.twoTier, 'Tổ an ninh tự quản', { field: culture.documentId });
    await register(officer4, province, province.threeTier, 'Camera an ninh 2023');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  const login = async (user: AdminUser, width = 1440): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, locale: 'vi-VN', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // The admin's own calls to the internet (release notes, marketplace) fail here by design.
      if (message.type() === 'error' && !message.text().includes('ERR_NAME_NOT_RESOLVED')) console.log(`browser console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await signInToAdmin(page, app.baseUrl, user.email, TEST_PASSWORD);
    return page;
  };

  /** The whole page: the admin scrolls inside its own container, so the window is made as tall as the content first. */
  const shot = async (page: Page, name: string) => {
    await page.mouse.move(0, 0);
    const height = (await page.evaluate("Math.max(...[...document.querySelectorAll('main, main *')].map((node) => node.scrollHeight))")) as number;
    const width = page.viewportSize()?.width ?? 1440;
    await page.setViewportSize({ width, height: Math.min(Math.max(height + 200, 1000), 8000) });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.setViewportSize({ width, height: 1000 });
  };

  const expectAccessible = async (page: Page) => expect(await seriousViolations(page, 'Thống kê phong trào', 'main')).toEqual([]);

  /** Clicks a button that downloads a file, and parses the file it saves. */
  const downloadWith = async (page: Page, click: () => Promise<void>, name: string) => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
    const file = path.join(ARTIFACTS, name);
    await download.saveAs(file);
    return { file, suggested: download.suggestedFilename() };
  };

  const rowsOf = (sheet: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) rows.push((row.values as unknown[]).slice(1));
    });
    return rows;
  };

  /** Opens the dashboard; on failure keeps a screenshot of what the page showed. */
  const openDashboard = async (page: Page, query: string, ready: string) => {
    await page.goto(`${app.baseUrl}/admin/plugins/review/statistics?${query}`);
    try {
      await page.getByText(ready, { exact: true }).waitFor();
    } catch (error) {
      await page.screenshot({ path: path.join(ARTIFACTS, `failed-${query.replace(/\W+/g, '-')}.png`), fullPage: true });
      throw error;
    }
  };

  it('shows the year’s figures with charts and tables, exports them and prints without the admin chrome', async () => {
    const api = (await leader.client.get('/review/statistics?year=2025').expect(200)).body.data as StatisticsReport;
    expect(api.total).toBe(5);

    const page = await login(leader);
    await openDashboard(page, 'year=2025', 'Tỉnh Sơn Hà và các đơn vị trực thuộc · 2025');
    await page.getByRole('heading', { level: 1, name: 'Thống kê phong trào' }).waitFor();
    await page.locator('main:not([aria-busy="true"])').getByRole('heading', { name: 'Theo lĩnh vực' }).waitFor();
    const totals = page.getByRole('region', { name: 'Mô hình đăng ký' });
    await totals.getByText(String(api.total), { exact: true }).first().waitFor();
    // Each chart is drawn (SVG) with its table beside it.
    const fields = page.getByRole('region', { name: 'Theo lĩnh vực' });
    expect(await fields.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    for (const row of api.byField) {
      await fields.getByRole('row').filter({ hasText: row.name ?? '' }).getByText(String(row.count), { exact: true }).first().waitFor();
    }
    await expectAccessible(page);
    await shot(page, 'dashboard-2025');

    // Every table in one workbook: the numbers of the endpoint.
    const all = await downloadWith(page, () => page.getByRole('button', { name: 'Xuất tất cả bảng (XLSX)' }).click(), 'thong-ke-2025.xlsx');
    expect(all.suggested).toBe('Thống kê phong trào 2025 - Tỉnh Sơn Hà.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(all.file);
    expect(rowsOf(book.getWorksheet('Theo lĩnh vực') as ExcelJS.Worksheet).map((row) => [row[0], row[1]])).toEqual(api.byField.map((row) => [row.name, row.count]));
    expect(rowsOf(book.getWorksheet('Theo nguồn gốc') as ExcelJS.Worksheet)).toEqual([
      ['Xây dựng mới', api.byOrigin.new],
      ['Nhân rộng', api.byOrigin.replicated],
      ['Duy trì', api.byOrigin.continuing],
    ]);
    expect((book.getWorksheet('Xét duyệt theo cấp') as ExcelJS.Worksheet).views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    // One table as CSV.
    const units = page.getByRole('region', { name: 'Theo đơn vị' });
    const csv = await downloadWith(page, () => units.getByRole('button', { name: 'Xuất CSV bảng “Theo đơn vị”' }).click(), 'theo-don-vi.csv');
    const lines = fs.readFileSync(csv.file, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('"Mã đơn vị","Đơn vị","Mô hình đăng ký"');
    expect(lines.slice(1)).toEqual(api.byUnit.map((row) => `"${row.code ?? ''}","${row.name}","${row.count}"`));

    // The totals too.
    const summary = await downloadWith(page, () => page.getByRole('button', { name: 'Xuất CSV bảng “Tổng hợp”' }).click(), 'tong-hop.csv');
    expect(fs.readFileSync(summary.file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[1]).toBe(`"Mô hình đăng ký 2025","${api.total}"`);

    // A span of years.
    await page.goto(`${app.baseUrl}/admin/plugins/review/statistics?mode=range&from=2023&to=2025`);
    await page.getByText('Tỉnh Sơn Hà và các đơn vị trực thuộc · 2023–2025', { exact: true }).waitFor();
    await page.locator('main:not([aria-busy="true"])').getByRole('region', { name: 'Theo năm' }).getByRole('row').filter({ hasText: '2023' }).waitFor();
    await shot(page, 'dashboard-2023-2025');

    // Print: the report only.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Xuất tất cả bảng (XLSX)' }).isVisible()).toBe(false);
    expect(await page.locator('nav').first().isVisible()).toBe(false);
    await page.getByText(/^In lúc /).waitFor();
    await shot(page, 'dashboard-print');
  });

  it('lets a commune reviewer read their commune only and export the queue under a filter', async () => {
    const page = await login(commune);
    await openDashboard(page, 'year=2025', 'Xã An Phú và các đơn vị trực thuộc · 2025');
    const api = (await commune.client.get('/review/statistics?year=2025').expect(200)).body.data as StatisticsReport;
    expect(api.total).toBe(4);
    await page.getByRole('region', { name: 'Mô hình đăng ký' }).getByText('4', { exact: true }).first().waitFor();
    await page.locator('main:not([aria-busy="true"])').getByRole('region', { name: 'Đơn vị dẫn đầu' }).getByRole('row').filter({ hasText: 'Thôn 1' }).waitFor();
    await shot(page, 'dashboard-commune');
    // Only the models of communes' own units: none here (every model is a village's).
    await openDashboard(page, 'year=2025&kind=commune', 'Xã An Phú và các đơn vị trực thuộc · 2025');
    await page.getByText('Chưa có mô hình nào đăng ký trong thời gian và phạm vi đã chọn.').waitFor();

    await page.goto(`${app.baseUrl}/admin/plugins/review?tab=all&sort=title:asc`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xét' }).waitFor();
    await page.locator('main:not([aria-busy="true"]) table').first().waitFor();
    const queue = (await commune.client.get('/review/queue?tab=all&sort=title:asc&pageSize=100').expect(200)).body.data as { results: Array<{ title: string }> };
    const file = await downloadWith(page, () => page.getByRole('button', { name: 'Xuất XLSX' }).click(), 'ho-so-can-xet.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file.file);
    expect(rowsOf(book.worksheets[0]).map((row) => row[1])).toEqual(queue.results.map((row) => row.title));
    await shot(page, 'queue-with-export');
  });
});
