/**
 * End-to-end: the two inboxes in Chromium. A reviewer sees the unread count
 * in the review workspace's header, opens "Thông báo", marks one read and
 * changes which e-mails they want; an admin who manages notifications sees a
 * failed e-mail and queues it again; an officer sees the count in the
 * registration app's menu, reads the notifications at phone and desktop
 * width, marks them all read and chooses the daily digest. axe-core finds no
 * serious or critical violation. Screenshots go to tests/.artifacts/notifications/.
 */
import fs from 'fs';
import path from 'path';

import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { assertChromium, launchChromium, seriousViolations, signInToAdmin } from '../helpers/browser';
import { buildProvince, createOfficer, createReviewer, mustDecide, register, type Province } from '../helpers/review';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, TEST_PASSWORD, type AdminUser, type ApiUser } from '../helpers/users';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'notifications');

describe('notification inboxes in Chromium', () => {
  let app: TestApp;
  let province: Province;
  let officer: ApiUser;
  let reviewer: AdminUser;
  let superAdmin: AdminUser;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  const expectAccessible = async (page: Page, label: string, include = 'main') => expect(await seriousViolations(page, label, include)).toEqual([]);

  const newPage = async (width: number, height: number) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return page;
  };

  const adminLogin = async (user: AdminUser): Promise<Page> => {
    const page = await newPage(1440, 1000);
    await signInToAdmin(page, app.baseUrl, user.email, TEST_PASSWORD);
    return page;
  };

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ SERVE_ADMIN: 'true' });
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    reviewer = await createReviewer(app, province.C1);
    superAdmin = await createAdminUser(app);
    // Two registrations for the reviewer; one returned and one recognised for the officer.
    const first = await register(officer, province, province.twoTier, 'Tổ tự quản đường làng sáng xanh');
    const second = await register(officer, province, province.twoTier, 'Camera an ninh do dân góp vốn');
    const started = await mustDecide(reviewer.client, first, 'start_review');
    await mustDecide(reviewer.client, started, 'return', 'Bổ sung số liệu kết quả năm 2025 và biên bản họp dân');
    const secondStarted = await mustDecide(reviewer.client, second, 'start_review');
    await mustDecide(reviewer.client, secondStarted, 'decline', 'Chưa khác biệt với nhiệm vụ chuyên môn thường xuyên');
    // An e-mail given up after the retry limit.
    const now = Date.now();
    await app.strapi.db.connection('dvk_notification_outbox').insert({
      idempotency_key: 'e2e:dead',
      kind: 'registered',
      recipient_type: 'admin',
      recipient_id: Number(reviewer.id),
      to_address: reviewer.email,
      subject: 'Mô hình mới chờ xét duyệt: «Tổ tự quản đường làng sáng xanh»',
      text: 'Nội dung',
      html: '<p>Nội dung</p>',
      message_id: '<e2e-dead@danvan.local>',
      status: 'dead',
      attempts: 8,
      next_attempt_at: now,
      last_error: 'connect ECONNREFUSED 10.0.0.25:587',
      created_at: now,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
  });

  it("shows a reviewer the unread count in the workspace header, the list, mark read and e-mail preferences", async () => {
    const page = await adminLogin(reviewer);
    await page.goto(`${app.baseUrl}/admin/plugins/review`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xét' }).waitFor();
    const bell = page.getByRole('link', { name: /^Thông báo\s*2 chưa đọc$/ });
    await bell.waitFor();
    await page.getByText(/^Không có mô hình nào ở mục/).first().waitFor();
    await expectAccessible(page, 'queue with the inbox button');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-queue-header.png') });
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    await page.getByText('2 thông báo chưa đọc').waitFor();
    await expect(page.locator('ol li').count()).resolves.toBe(2);
    await page.getByText('Mô hình mới chờ xét duyệt: «Camera an ninh do dân góp vốn»').waitFor();
    await expectAccessible(page, 'admin inbox');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-inbox.png'), fullPage: true });

    await page.getByRole('button', { name: 'Đã đọc', exact: true }).first().click();
    await page.getByText('1 thông báo chưa đọc').waitFor();

    await page.getByRole('checkbox', { name: 'Nhắc mô hình chờ xét quá hạn' }).click();
    await page.getByRole('radio', { name: 'Gộp thành một email tổng hợp mỗi ngày' }).click();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu cách nhận thông báo.').first().waitFor();
    const prefs = await reviewer.client.get('/review/notifications/preferences');
    expect(prefs.body.data).toMatchObject({ mutedKinds: ['waiting_reminder'], emailMode: 'digest' });
  });

  it('shows an admin who manages notifications the failed e-mails, and queues one again', async () => {
    const page = await adminLogin(superAdmin);
    await page.goto(`${app.baseUrl}/admin/plugins/review/inbox`);
    await page.getByRole('heading', { level: 2, name: 'Email gửi không thành công' }).waitFor();
    await page.getByText('connect ECONNREFUSED 10.0.0.25:587').waitFor();
    await expectAccessible(page, 'dead letters');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-dead-letters.png'), fullPage: true });
    await page.getByRole('button', { name: 'Gửi lại' }).click();
    await page.getByText('Đã đưa email vào hàng đợi gửi lại.').first().waitFor();
    await page.getByText('Không có email nào gửi lỗi.').waitFor();
    const row = (await app.strapi.db.connection('dvk_notification_outbox').where({ idempotency_key: 'e2e:dead' }).first()) as { status: string };
    expect(row.status).toBe('pending');
  });

  it('shows an officer the count in the menu and the notifications at phone and desktop width; mark all read; digest', async () => {
    const page = await newPage(375, 800);
    await page.goto(`${app.baseUrl}/dang-ky/`);
    await page.getByLabel('Tên đăng nhập hoặc email').fill(officer.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const link = page.getByRole('link', { name: /^Thông báo\s*2 chưa đọc$/ });
    await link.waitFor();
    await link.click();
    await page.locator('main[data-route="/thong-bao"] h1').waitFor();
    await page.getByText('Mô hình «Tổ tự quản đường làng sáng xanh» được trả lại để bổ sung').waitFor();
    await page.getByText(/Lý do: Bổ sung số liệu kết quả năm 2025/).waitFor();
    await expectAccessible(page, 'officer inbox', 'body');
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(ARTIFACTS, `officer-inbox-${width}.png`), fullPage: true });
    }
    // Nothing wider than the phone's screen.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await page.getByText('0 thông báo chưa đọc').waitFor();
    await page.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();

    await page.getByRole('radio', { name: 'Gộp thành một email tổng hợp mỗi ngày' }).check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu cách nhận thông báo.').waitFor();
    expect((await officer.client.get('/api/review/officer/notifications/preferences')).body.data.emailMode).toBe('digest');
  });

  it('raised no page error and no server error', () => {
    expect(problems).toEqual([]);
  });
});
