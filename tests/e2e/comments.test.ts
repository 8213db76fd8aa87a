/**
 * End-to-end: a reader's comment reaches the demo news page only through
 * moderation. A reader posts under an article (phone width) and is told it
 * waits for the editors; an editor approves it in the admin page
 * "Bình luận" and answers as "Ban biên tập"; the article then shows both,
 * with its count. A reviewer has no such page. axe-core checks the comment
 * section and the moderation page; screenshots (desktop and 375 px) go to
 * tests/.artifacts/comments/. Run with `npm run test:e2e`.
 */
import fs from 'fs';
import path from 'path';

import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { seedDemo } from '../../src/seed/demo';
import { assertChromium, launchChromium, seriousViolations, signInToAdmin } from '../helpers/browser';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, TEST_PASSWORD, type AdminUser } from '../helpers/users';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'comments');

describe('readers\' comments: post, moderate in the admin, read on the demo page (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let editor: AdminUser;
  let reviewer: AdminUser;
  let slug: string;
  let title: string;
  /** Approved comments the article had before (the demo data holds some). */
  let before: number;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const READER = 'Phạm Thị Lan';
  const TEXT = 'Mô hình rất hay, xã tôi muốn học tập cách vận động bà con góp đất làm đường.';
  const REPLY = 'Cảm ơn bạn, ban biên tập sẽ gửi tài liệu hướng dẫn về xã.';

  const shot = async (page: Page, name: string, selector?: string) => {
    await page.mouse.move(0, 0);
    if (selector) await page.locator(selector).screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
    else await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  const expectAccessible = async (page: Page, label: string, include: string) => expect(await seriousViolations(page, label, include)).toEqual([]);

  const newPage = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    return page;
  };

  const openArticle = async (page: Page) => {
    await page.goto(`${app.baseUrl}/index.html#/bai-viet/${slug}`);
    await page.locator(`main[data-route="/bai-viet/${slug}"]:not([aria-busy]) h1`).waitFor({ state: 'attached' });
    await page.locator('[data-comments] [data-comment-list] li').first().waitFor();
  };

  const adminLogin = async (user: AdminUser) => {
    const page = await newPage({ width: 1440, height: 1000 });
    await signInToAdmin(page, app.baseUrl, user.email, TEST_PASSWORD);
    return page;
  };

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ SERVE_ADMIN: 'true' });
    await seedDemo(app.strapi);
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });
    reviewer = await createAdminUser(app, { roles: ['dvk-reviewer'] });
    const [card] = (await app.http().get('/api/portal/sites/portal/articles?pageSize=1')).body.data as Array<{ slug: string; title: string; commentCount: number }>;
    slug = card.slug;
    title = card.title;
    before = card.commentCount;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
  });

  it('tells a reader on a phone that the comment waits for moderation, and does not show it', async () => {
    const page = await newPage({ width: 375, height: 800 });
    await openArticle(page);
    await expect(page.locator('[data-comments] .comments__title').innerText()).resolves.toBe(`(${before}) Bình luận`);
    await page.getByLabel('Họ và tên').fill(READER);
    await page.getByRole('textbox', { name: 'Email' }).fill('lan.pham@example.vn');
    await page.getByLabel('Nội dung').fill(TEXT);
    // The form token has a minimum age (COMMENT_MIN_SECONDS, 3 s by default), as a reader who reads and types would take.
    await page.waitForTimeout(3200);
    await page.getByRole('button', { name: 'Gửi bình luận' }).click();
    const message = page.locator('[data-comment-message]');
    await message.waitFor({ state: 'visible' });
    await expect(message.innerText()).resolves.toMatch(/đang chờ ban biên tập duyệt/);
    await expect(page.locator('[data-comment-list]').innerText()).resolves.not.toContain(TEXT);
    await expect(page.getByLabel('Nội dung').inputValue()).resolves.toBe('');
    await expectAccessible(page, 'comment form', '[data-comments]');
    await shot(page, '1-reader-posted-375', '[data-comments]');

    const stored = (await app.strapi.db.query('api::comment.comment').findMany({ where: { name: READER } })) as Array<{ status: string }>;
    expect(stored.map((row) => row.status)).toEqual(['pending']);
  });

  it('lets an editor approve it and answer as "Ban biên tập" in the admin page "Bình luận"', async () => {
    const page = await adminLogin(editor);
    await page.getByRole('link', { name: 'Bình luận' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Bình luận của bạn đọc' }).waitFor();
    const row = page.locator('tr', { hasText: TEXT });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('lan.pham@example.vn');
    await expect(row.innerText()).resolves.toContain(title);
    await expect(page.getByRole('tab', { name: /Chờ duyệt \(\d+\)/ }).count()).resolves.toBe(1);
    await expectAccessible(page, 'moderation page', 'main');
    await shot(page, '2-admin-pending');

    await row.getByRole('checkbox').click();
    await page.getByRole('toolbar').getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByText('Đã duyệt 1 bình luận.').first().waitFor();

    await page.getByRole('tab', { name: /Đã duyệt/ }).click();
    const approved = page.locator('tr', { hasText: TEXT });
    await approved.waitFor();
    await approved.getByRole('button', { name: 'Trả lời' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nội dung trả lời').fill(REPLY);
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await page.getByText('Đã đăng câu trả lời của ban biên tập.').first().waitFor();
    await page.locator('tr', { hasText: REPLY }).first().waitFor();
    await shot(page, '3-admin-approved');
  });

  it('shows the approved comment and the editors\' reply on the demo page, with the count', async () => {
    for (const [viewport, name] of [
      [{ width: 1280, height: 900 }, '4-article-comments-desktop'],
      [{ width: 375, height: 800 }, '5-article-comments-375'],
    ] as const) {
      const page = await newPage(viewport);
      await openArticle(page);
      const comment = page.locator('.comment', { hasText: TEXT }).first();
      await comment.waitFor();
      await expect(comment.locator('.comment__name').first().innerText()).resolves.toBe(READER);
      const reply = comment.locator('.comment--reply');
      await expect(reply.locator('.comment__badge').innerText()).resolves.toBe('Ban biên tập');
      await expect(reply.locator('.comment__text').innerText()).resolves.toBe(REPLY);
      await expect(page.locator('[data-comments] .comments__title').innerText()).resolves.toBe(`(${before + 2}) Bình luận`);
      await expect(page.locator('[data-comments]').innerText()).resolves.not.toContain('lan.pham@example.vn');
      await expectAccessible(page, `comments ${viewport.width}px`, '[data-comments]');
      await shot(page, name, '[data-comments]');
    }
    // The card of the article on the home page counts them too.
    const home = await newPage({ width: 1280, height: 900 });
    await home.goto(`${app.baseUrl}/index.html`);
    const card = home.locator('article.card', { has: home.locator(`a[href="#/bai-viet/${slug}"]`) }).first();
    await card.waitFor();
    await expect(card.locator('.meta__comments').innerText()).resolves.toBe(`(${before + 2}) Bình luận`);
  });

  it('gives reviewers no comment moderation', async () => {
    const page = await adminLogin(reviewer);
    await page.getByRole('link', { name: 'Xét duyệt mô hình' }).first().waitFor();
    await expect(page.getByRole('link', { name: 'Bình luận', exact: true }).count()).resolves.toBe(0);
    await page.goto(`${app.baseUrl}/admin/plugins/review-comments`);
    await page.getByText(/không có quyền|permission/i).first().waitFor({ timeout: 30_000 });
    expect(problems).toEqual([]);
  });
});
