/**
 * End-to-end: the demo news page (public/index.html) in a real Chromium,
 * against a real app on a throw-away database with the demo data.
 * Run with `npm run test:e2e`; needs Debian's chromium at /usr/bin/chromium
 * (CHROMIUM_PATH overrides). Screenshots go to tests/.artifacts/demo-page/.
 */
import fs from 'fs';
import path from 'path';

import { type Browser, type Page } from 'playwright-core';

import { seedDemo } from '../../src/seed/demo';
import { assertChromium, launchChromium } from '../helpers/browser';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'demo-page');

type Card = { slug: string; title: string; viewCount: number };
type Hit = { type: 'article' | 'initiative'; slug: string; title: string };

const vi = new Intl.NumberFormat('vi-VN');
/** Text of an HTML fragment, whitespace collapsed (to compare with what the browser shows). */
const textOf = (fragment: string) =>
  fragment
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

describe('demo news page in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  /** Console errors, uncaught exceptions and failed responses seen by the page. */
  const problems: string[] = [];
  const viewPosts: string[] = [];

  const api = async <T>(url: string): Promise<T> => {
    const res = await app.http().get(url);
    expect(res.status).toBe(200);
    return res.body as T;
  };
  const shot = async (name: string) => {
    // The pointer rests where the last click was; move it off the menus so no dropdown covers the page.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  /** Waits until the router has rendered `route` (the part of the URL after "#") in <main>. */
  const settled = (route: string) => page.locator(`main[data-route="${route}"]:not([aria-busy]) h1`).waitFor({ state: 'attached' });

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    await seedDemo(app.strapi);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/views')) viewPosts.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the site, the featured box and the latest articles on the home page', async () => {
    const featured = await api<{ data: Card[] }>('/api/portal/sites/portal/articles?featured=true&pageSize=5');
    const site = await api<{ data: { name: string } }>('/api/portal/sites/portal');
    expect(featured.data.length).toBeGreaterThan(1);

    await page.goto(`${app.baseUrl}/index.html`);
    await settled('/');

    await expect(page.title()).resolves.toBe(`Trang chủ | ${site.data.name}`);
    expect(await page.getByRole('banner').getByRole('link', { name: site.data.name }).isVisible()).toBe(true);
    const nav = page.getByRole('navigation', { name: 'Chuyên mục chính' });
    await expect(nav.getByRole('link', { name: 'Tin tức', exact: true }).count()).resolves.toBe(1);

    const featuredBox = page.getByRole('region', { name: 'Tiêu điểm' });
    const featuredTitles = await featuredBox.locator('.card__title').allInnerTexts();
    expect(featuredTitles).toEqual(featured.data.map((card) => card.title));

    const latest = page.getByRole('region', { name: 'Tin mới' }).locator('article');
    expect(await latest.count()).toBeGreaterThanOrEqual(5);
    await expect(latest.first().locator('.meta').innerText()).resolves.toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\s+Lượt đọc: [\d.]+\s+\([\d.]+\) Bình luận$/);
    // Every cover has a text alternative and loads (lazy images once scrolled to; decode() fails on a broken image).
    type Img = { decode(): Promise<void>; naturalWidth: number };
    for (const img of await page.locator('main img').all()) {
      expect(await img.getAttribute('alt')).toBeTruthy();
      await img.scrollIntoViewIfNeeded();
      const width = await img.evaluate(async (element) => {
        await (element as unknown as Img).decode();
        return (element as unknown as Img).naturalWidth;
      });
      expect(width).toBeGreaterThan(0);
    }
    await shot('1-home');
  });

  it('opens an article from the home page, with its body and a counted view', async () => {
    const link = page.getByRole('region', { name: 'Tin mới' }).locator('.card__title a').first();
    const slug = ((await link.getAttribute('href')) ?? '').replace('#/bai-viet/', '');
    const { data: article } = await api<{ data: Card & { body: string; sapo: string; author: { name: string } } }>(
      `/api/portal/articles/${slug}?site=portal`
    );

    await link.click();
    await page.waitForURL(`**/index.html#/bai-viet/${slug}`);
    await settled(`/bai-viet/${slug}`);

    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(article.title);
    await expect(page.locator('.article__sapo').innerText()).resolves.toBe(article.sapo);
    const firstParagraph = textOf(article.body.match(/<p>([\s\S]*?)<\/p>/)?.[1] ?? article.body);
    expect(firstParagraph.length).toBeGreaterThan(10);
    await expect(page.locator('.article__body').innerText()).resolves.toContain(firstParagraph);
    await expect(page.locator('.article__author').innerText()).resolves.toContain(article.author.name);

    // The page counts the view once and shows the count the server returns.
    const expected = `Lượt đọc: ${vi.format(article.viewCount + 1)}`;
    await page.locator('[data-view-count]', { hasText: expected }).waitFor();
    const stored = (await app.strapi.db.query('api::article.article').findOne({ where: { slug, publishedAt: { $notNull: true } } })) as {
      viewCount: number;
    };
    expect(stored.viewCount).toBe(article.viewCount + 1);
    expect(viewPosts.filter((url) => url.endsWith(`/articles/${slug}/views`))).toHaveLength(1);
    await shot('2-article');
  });

  it('searches without diacritics and lists articles and models with their type', async () => {
    const search = await api<{ data: Hit[]; meta: { pagination: { total: number } } }>('/api/portal/search?q=dan%20van%20kheo&site=portal&pageSize=10');
    expect(search.data.some((hit) => hit.type === 'initiative')).toBe(true);

    const box = page.getByRole('searchbox', { name: 'Tìm kiếm tin bài, mô hình' });
    await box.fill('dan van kheo');
    await box.press('Enter');
    await page.waitForURL('**/index.html#/tim-kiem?q=dan+van+kheo');
    await settled('/tim-kiem?q=dan+van+kheo');

    const results = page.locator('ol.results > li');
    const titles = await results.locator('.result__title').allInnerTexts();
    expect(titles).toEqual(search.data.map((hit) => hit.title));
    expect(titles.filter((title) => title.includes('Dân vận khéo')).length).toBeGreaterThan(0);
    const labels = await results.locator('.badge').allInnerTexts();
    expect(labels).toEqual(search.data.map((hit) => (hit.type === 'article' ? 'Tin bài' : 'Mô hình')));
    await expect(page.locator('.page-head__count').innerText()).resolves.toContain(`Tìm thấy ${vi.format(search.meta.pagination.total)} kết quả`);
    await shot('3-search');
  });

  it('shows the statistics of a year with the review funnel', async () => {
    await page.getByRole('navigation', { name: 'Chuyên mục chính' }).getByRole('link', { name: 'Thống kê' }).click();
    await page.waitForURL('**/index.html#/thong-ke');
    await settled('/thong-ke');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(/^Thống kê phong trào “Dân vận khéo” năm \d{4}$/);

    const { data: stats } = await api<{
      data: { total: number; byField: unknown[]; funnel: { registered: number; levels: unknown[] } };
    }>('/api/portal/statistics?year=2025');
    // A fixed year of the demo data (the year picker offers recent years only).
    await page.goto(`${app.baseUrl}/index.html#/thong-ke?nam=2025`);
    await settled('/thong-ke?nam=2025');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Thống kê phong trào “Dân vận khéo” năm 2025');

    const registered = page.locator('.tile', { hasText: 'Mô hình đăng ký' }).locator('.tile__value');
    await expect(registered.innerText()).resolves.toBe(vi.format(stats.total));
    await expect(page.getByRole('region', { name: 'Theo lĩnh vực' }).locator('tbody tr').count()).resolves.toBe(stats.byField.length);
    const funnel = page.getByRole('region', { name: 'Kết quả xét duyệt qua các cấp' }).locator('.funnel__row');
    await expect(funnel.count()).resolves.toBe(1 + 2 * stats.funnel.levels.length);
    // The bars are drawn: the registered bar is full width.
    await expect(funnel.first().locator('.bar__fill').evaluate((element) => (element as unknown as { style: { width: string } }).style.width)).resolves.toBe('100%');
    await shot('4-statistics');
  });

  it('shows the models directory and a category page', async () => {
    await page.getByRole('navigation', { name: 'Chuyên mục chính' }).getByRole('link', { name: 'Mô hình' }).click();
    await page.waitForURL('**/index.html#/mo-hinh');
    await settled('/mo-hinh');
    const models = await api<{ data: Array<{ title: string }> }>('/api/portal/initiatives?pageSize=12');
    await expect(page.locator('.card--model .card__title').allInnerTexts()).resolves.toEqual(models.data.map((model) => model.title));
    await shot('5-models');

    await page.getByRole('navigation', { name: 'Chuyên mục chính' }).getByRole('link', { name: 'Tin tức', exact: true }).click();
    await page.waitForURL('**/index.html#/chuyen-muc/tin-tuc');
    await settled('/chuyen-muc/tin-tuc');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Tin tức');
    await expect(page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang 2' }).count()).resolves.toBe(1);
    await shot('6-category');
  });

  it('has met no console error, script error or failed request so far', () => {
    expect(problems).toEqual([]);
  });

  it('tells the reader in Vietnamese when an article does not exist', async () => {
    await page.goto(`${app.baseUrl}/index.html#/bai-viet/khong-co-bai-viet-nay`);
    await settled('/bai-viet/khong-co-bai-viet-nay');
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('Không tìm thấy nội dung bạn yêu cầu');
    await shot('7-not-found');
  });
});
