/**
 * End-to-end: the editors' newsroom in a real Chromium. An editor pastes a
 * Word document (styles, a table) into the article editor, inserts a photo
 * from the media library with its caption and credit, schedules the article
 * and opens the preview on the demo news page; the article goes live at its
 * time (the scheduler is run with a controlled clock), and the public API
 * serves its table and caption without any unsafe markup. A reporter writes
 * drafts but has no Publish button and cannot publish through the API.
 * Screenshots go to tests/.artifacts/newsroom/. Run with `npm run test:e2e`.
 */
import fs from 'fs';
import path from 'path';

import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { publishDue } from '../../src/domain/newsroom/scheduler';
import { ensureMedia, type StoredFile } from '../../src/seed/media';
import { assertChromium, AXE_SOURCE, launchChromium, signInToAdmin } from '../helpers/browser';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, TEST_PASSWORD, type AdminUser } from '../helpers/users';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'newsroom');
const ARTICLE = 'api::article.article';
const TITLE = 'Tổng kết phong trào "Dân vận khéo" năm 2024';

/** What Word puts on the clipboard: Office namespaces, Mso classes, inline styles, a styled table. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{margin:0cm;font-family:"Calibri"}</style></head>
<body lang=VI style='tab-interval:36.0pt'>
<!--StartFragment-->
<h2 style='color:#2F5496;font-family:"Times New Roman"'>Kết quả năm 2024</h2>
<p class=MsoNormal style='text-align:justify;color:red;font-size:14.0pt'>Toàn tỉnh có <b style='mso-bidi-font-weight:normal'>4.365</b> mô hình <i>“Dân vận khéo”</i>, tăng 514 mô hình so với năm 2023.<o:p></o:p></p>
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-yfti-tbllook:1184'>
 <tr><td width=200 style='border:solid windowtext 1.0pt;background:#D9E2F3'><p class=MsoNormal><b>Lĩnh vực</b></p></td><td width=120 style='border:solid windowtext 1.0pt'><p class=MsoNormal><b>Số mô hình</b></p></td></tr>
 <tr><td style='border:solid windowtext 1.0pt'><p class=MsoNormal>Kinh tế</p></td><td style='border:solid windowtext 1.0pt'><p class=MsoNormal>922</p></td></tr>
 <tr><td style='border:solid windowtext 1.0pt'><p class=MsoNormal>Văn hóa - xã hội</p></td><td style='border:solid windowtext 1.0pt'><p class=MsoNormal>1.886</p></td></tr>
</table>
<p class=MsoNormal style='font-family:"Arial";color:#333'>Các mô hình tiêu biểu được biểu dương tại hội nghị.<o:p></o:p></p>
<!--EndFragment-->
</body></html>`;

describe('the editors’ newsroom in the admin (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let editor: AdminUser;
  let reporter: AdminUser;
  let photo: StoredFile;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  let documentId = '';
  let siteId = '';
  let slug = '';
  const at = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
  at.setUTCMinutes(0, 0, 0);

  const shot = async (page: Page, name: string, fullPage = true) => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
  };

  const login = async (user: AdminUser): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await signInToAdmin(page, app.baseUrl, user.email, TEST_PASSWORD, { bannerTimeout: 5_000 });
    return page;
  };

  /** Pastes HTML into the focused editor as the browser does for a clipboard from Word. */
  const pasteHtml = (page: Page, html: string) =>
    page.locator('.ck-editor__editable_inline').evaluate((editable, content) => {
      // Browser globals (the tests compile without the DOM library).
      type Clipboard = { setData(type: string, value: string): void };
      const browser = globalThis as unknown as {
        DataTransfer: new () => Clipboard;
        ClipboardEvent: new (type: string, init: { clipboardData: Clipboard; bubbles: boolean; cancelable: boolean }) => unknown;
      };
      const data = new browser.DataTransfer();
      data.setData('text/html', content);
      data.setData('text/plain', 'Kết quả năm 2024');
      (editable as unknown as { dispatchEvent(event: unknown): boolean }).dispatchEvent(
        new browser.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
      );
    }, html);

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ SERVE_ADMIN: 'true' });
    const site = (await app.strapi.documents('api::site.site').create({
      data: { code: 'portal', name: 'Cổng thông tin Ban Tuyên giáo và Dân vận Tỉnh ủy Sơn Hà' } as never,
    })) as unknown as { documentId: string };
    siteId = site.documentId;
    const media = await ensureMedia(
      app.strapi,
      [{ name: 'hoi-nghi-tong-ket.png', alternativeText: 'Hội nghị tổng kết', caption: 'Hội nghị tổng kết phong trào năm 2024', from: [23, 62, 128], to: [140, 186, 232] }],
      []
    );
    photo = media.get('hoi-nghi-tong-ket.png') as StoredFile;
    editor = await createAdminUser(app, { roles: ['dvk-editor'], firstname: 'Lê Thu', lastname: 'Hà' });
    reporter = await createAdminUser(app, { roles: ['dvk-reporter'], firstname: 'Đỗ Minh', lastname: 'Khoa' });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('editor: pastes from Word, inserts a captioned photo, schedules, previews on the demo page', async () => {
    const page = await login(editor);
    await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/create`);
    await page.locator('input[name="title"]').fill(TITLE);
    await page.locator('textarea[name="sapo"]').fill('Năm 2024, toàn tỉnh có 4.365 mô hình “Dân vận khéo”.');

    const editable = page.locator('.ck-editor__editable_inline');
    await editable.click();
    await pasteHtml(page, WORD_HTML);
    await editable.locator('figure.table td', { hasText: 'Kinh tế' }).waitFor();
    // Structure kept, styles and Word's classes dropped.
    expect(await editable.locator('h2', { hasText: 'Kết quả năm 2024' }).count()).toBe(1);
    expect(await editable.locator('strong', { hasText: '4.365' }).count()).toBe(1);
    const pasted = await editable.innerHTML();
    expect(pasted).not.toMatch(/Mso|mso-|font-family|color:red|<o:p/);

    // A photo from the media library, with its caption and the photographer's credit.
    await editable.locator('p', { hasText: 'Các mô hình tiêu biểu' }).click();
    await page.keyboard.press('End');
    await page.getByRole('button', { name: 'Chèn ảnh từ thư viện' }).click();
    const library = page.getByRole('dialog');
    await library.getByRole('checkbox').nth(1).check();
    await shot(page, '2-media-library', false);
    await library.getByRole('button', { name: /^(Hoàn tất|Finish)$/ }).click();
    const captionDialog = page.getByRole('dialog', { name: 'Chú thích ảnh' });
    await expect(captionDialog.getByLabel('Chú thích').inputValue()).resolves.toBe('Hội nghị tổng kết phong trào năm 2024');
    await captionDialog.getByLabel('Tác giả ảnh').fill('Trần An/Báo Sơn Hà');
    await shot(page, '2-caption-credit', false);
    await captionDialog.getByRole('button', { name: 'Chèn vào bài' }).click();
    await editable.locator('figure.image figcaption', { hasText: 'Hội nghị tổng kết phong trào năm 2024 — Ảnh: Trần An/Báo Sơn Hà' }).waitFor();

    // The schedule, in Vietnam time as the editor reads it.
    const local = new Date(at.getTime() + 7 * 60 * 60 * 1000);
    const dd = String(local.getUTCDate()).padStart(2, '0');
    const mm = String(local.getUTCMonth() + 1).padStart(2, '0');
    const hh = String(local.getUTCHours()).padStart(2, '0');
    const schedule = page.getByRole('group', { name: 'Hẹn giờ đăng' });
    // The design system's date and time inputs (their own labels are Strapi's, in English).
    await schedule.getByRole('combobox').first().fill(`${dd}/${mm}/${local.getUTCFullYear()}`);
    await page.keyboard.press('Tab');
    await schedule.getByRole('combobox').last().fill(`${hh}:00`);
    await page.keyboard.press('Tab');

    await page.getByRole('button', { name: /^Lưu$/ }).click();
    await page.getByText(/Đã lưu|Saved/).first().waitFor({ timeout: 30_000 });
    // The editor may publish (the reporter's button is disabled, below).
    await expect(page.locator('button', { hasText: /^Xuất bản$/ }).isEnabled()).resolves.toBe(true);
    await page.waitForURL(/api::article\.article\/[a-z0-9]{20,}/);
    documentId = /api::article\.article\/([a-z0-9]+)/.exec(page.url())?.[1] ?? '';
    const stored = (await app.strapi.db.query(ARTICLE).findOne({ where: { documentId }, select: ['slug', 'publishAt', 'body', 'publishedAt'] })) as {
      slug: string;
      publishAt: string;
      body: string;
      publishedAt: string | null;
    };
    slug = stored.slug;
    // The site the article appears on (a relation field, not what this test is about).
    await app.strapi.documents(ARTICLE).update({ documentId, data: { sites: [siteId] } as never });
    expect(new Date(stored.publishAt).toISOString()).toBe(at.toISOString());
    expect(stored.body).toContain('<figure class="table">');
    await page.setViewportSize({ width: 1440, height: 1500 });
    await editable.locator('h2').scrollIntoViewIfNeeded();
    await shot(page, '1-editor', false);
    await page.setViewportSize({ width: 1440, height: 1000 });

    // Preview: Strapi's preview page shows the draft on the demo news page through a signed link.
    await page.getByRole('button', { name: 'Mở bản xem trước' }).or(page.getByRole('link', { name: 'Mở bản xem trước' })).first().click();
    const frame = page.frameLocator('iframe');
    await frame.locator('.preview-banner').waitFor({ timeout: 60_000 });
    await frame.locator('.article__body figure.table td', { hasText: 'Kinh tế' }).waitFor();
    await expect(frame.locator('.article__body figcaption').first().textContent()).resolves.toContain('Ảnh: Trần An/Báo Sơn Hà');
    await shot(page, '3-preview', false);
    expect((await app.http().get(`/api/portal/articles/${slug}`)).status).toBe(404);
  });

  it('the article goes live at its time (controlled clock) with its table and caption, and nothing unsafe', async () => {
    expect((await publishDue(app.strapi, new Date(at.getTime() - 60_000))).published).toEqual([]);
    expect((await app.http().get(`/api/portal/articles/${slug}`)).status).toBe(404);
    expect((await publishDue(app.strapi, new Date(at.getTime() + 1_000))).published).toEqual([documentId]);

    const res = await app.http().get(`/api/portal/articles/${slug}`);
    expect(res.status).toBe(200);
    const body: string = res.body.data.body;
    expect(body).toMatch(/<figure class="table"><table>.*<td>Kinh tế<\/td><td>922<\/td>/s);
    expect(body).toContain(`<img src="${photo.url}"`);
    expect(body).toContain('<figcaption>Hội nghị tổng kết phong trào năm 2024 — Ảnh: Trần An/Báo Sơn Hà</figcaption>');
    expect(body).not.toMatch(/<script|\son\w+=|javascript:|style=|class="Mso|<iframe|<o:p/i);
    expect(Date.parse(res.body.data.displayAt)).toBe(at.getTime());

    // The demo news page, as readers see it, on a desktop and on a phone.
    for (const [name, viewport] of [
      ['4-public-article-desktop', { width: 1280, height: 900 }],
      ['5-public-article-phone', { width: 375, height: 812 }],
    ] as const) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await page.goto(`${app.baseUrl}/index.html#/bai-viet/${slug}`);
      await page.locator('.article__body figure.table').waitFor();
      // The page's CSP allows no inline script: axe-core is evaluated instead.
      if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
      const serious = (await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe;
        return (await axe.run({ include: [['.article__body']] }, { resultTypes: ['violations'] })).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      })) as string[];
      expect(serious).toEqual([]);
      await shot(page, name);
    }
  });

  it('reporter: writes a draft but has no Publish button, and the API refuses to publish', async () => {
    const page = await login(reporter);
    await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/${ARTICLE}/create`);
    await page.locator('input[name="title"]').fill('Tin của phóng viên');
    await page.locator('.ck-editor__editable_inline').click();
    await page.keyboard.type('Nội dung bản nháp của phóng viên.');
    await page.getByRole('button', { name: /^Lưu$/ }).click();
    await page.waitForURL(/api::article\.article\/[a-z0-9]{20,}/);
    const draftId = /api::article\.article\/([a-z0-9]+)/.exec(page.url())?.[1] ?? '';
    await page.getByText('Nội dung bản nháp của phóng viên.').waitFor();
    // Strapi shows the Publish button disabled to a role without the publish action.
    const publish = page.locator('button', { hasText: /^Xuất bản$/ });
    await publish.waitFor();
    await expect(publish.isDisabled()).resolves.toBe(true);
    await shot(page, '6-reporter-draft');

    const refused = await app.http().post(`/content-manager/collection-types/${ARTICLE}/${draftId}/actions/publish`).set('Authorization', `Bearer ${reporter.client.token}`).send({});
    expect(refused.status).toBe(403);
    expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId: draftId, publishedAt: { $notNull: true } } })).toBe(0);
  });

  it('editor: the homepage has the newsroom’s widgets and no tour, cloud or marketplace', async () => {
    const page = await login(editor);
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByText('Bản nháp gần đây của tôi').waitFor();
    await page.getByText('Bài hẹn giờ đăng').waitFor();
    await page.getByText('Đọc nhiều trong tuần').waitFor();
    expect(await page.getByRole('link', { name: /Marketplace|Chợ ứng dụng/ }).count()).toBe(0);
    expect(await page.getByText(/Strapi Cloud|Deploy/).count()).toBe(0);
    await shot(page, '7-homepage');
    expect(problems).toEqual([]);
  });
});
