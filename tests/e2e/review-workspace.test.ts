/**
 * End-to-end: the review workspace in the Strapi admin panel, in a real
 * Chromium, for the three roles. A commune reviewer recognises and proposes;
 * a provincial reviewer returns a model, the officer resubmits it, and the
 * reviewer recognises it; the leadership issues a batch decision with a
 * signed PDF; the public directory then shows the models. Two reviewers
 * deciding the same model at once: the second sees the conflict message.
 * axe-core checks every plugin page; screenshots go to
 * tests/.artifacts/review-workspace/. Run with `npm run test:e2e`.
 */
import fs from 'fs';
import path from 'path';

import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { buildProvince, CRITERIA, createOfficer, createReviewer, mustDecide, register, startAssessRecognise, type Province } from '../helpers/review';
import { assertChromium, launchChromium, seriousViolations, signInToAdmin } from '../helpers/browser';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { TEST_PASSWORD, type AdminUser, type ApiUser } from '../helpers/users';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'review-workspace');
const INITIATIVE = 'api::initiative.initiative';

/** A minimal valid PDF: the "signed" decision file. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);

describe('review workspace in the admin panel (Chromium)', () => {
  let app: TestApp;
  let browser: Browser;
  let province: Province;
  let officer: ApiUser;
  let commune: AdminUser;
  let commune2: AdminUser;
  let provincial: AdminUser;
  let leader: AdminUser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const models: Record<string, { documentId: string; version: number; title: string }> = {};

  const stored = (documentId: string) =>
    app.strapi.db.query(INITIATIVE).findOne({
      where: { documentId },
      select: ['reviewState', 'version'],
      populate: { reviewLevel: { select: ['code'] }, recognitionLevel: { select: ['code'] } },
    }) as Promise<{ reviewState: string; version: number; reviewLevel: { code: string } | null; recognitionLevel: { code: string } | null }>;

  const shot = async (page: Page, name: string) => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  /** axe-core on the plugin's page content: no serious or critical violation. */
  const expectAccessible = async (page: Page, label: string) => expect(await seriousViolations(page, label, 'main')).toEqual([]);

  /** A new browser session logged in to the admin panel as `user`. */
  const login = async (user: AdminUser): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'vi-VN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      // 409 is the expected answer of the conflict test; anything else >= 500 is a fault.
      if (response.status() >= 500) problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
    });
    await signInToAdmin(page, app.baseUrl, user.email, TEST_PASSWORD);
    return page;
  };

  const openQueue = async (page: Page) => {
    await page.goto(`${app.baseUrl}/admin/plugins/review`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xét' }).waitFor();
    await page.locator('main:not([aria-busy="true"]) table').first().waitFor();
  };

  const openModel = async (page: Page, title: string) => {
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
  };

  const notification = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ timeout: 30_000 });

  /** Marks every criterion "met" in the checklist and saves. */
  const fillChecklist = async (page: Page) => {
    for (const criterion of CRITERIA) {
      await page.locator(`[data-criterion="${criterion.code}"]`).getByRole('radio', { name: 'Đạt', exact: true }).click();
    }
    await page.locator('[data-criterion="TT1"]').getByLabel('Ghi chú TT1').fill('Tiết kiệm chi phí, người dân đồng thuận');
    await page.getByRole('button', { name: 'Lưu đánh giá' }).click();
    await notification(page, 'Đã lưu kết quả đánh giá tiêu chí.');
  };

  const confirmDecision = async (page: Page, action: string) => {
    await page.getByRole('button', { name: action, exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: `Xác nhận: ${action}` }).click();
  };

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp({ SERVE_ADMIN: 'true' });
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    commune = await createReviewer(app, province.C1);
    commune2 = await createReviewer(app, province.C1);
    provincial = await createReviewer(app, province.P);
    leader = await createReviewer(app, province.P, 'dvk-leadership');

    const add = async (key: string, title: string) => {
      const model = await register(officer, province, province.twoTier, title, {
        content: `Nội dung mô hình “${title}”: các hộ dân cùng góp công, góp của.`,
        results: 'Hơn 120 hộ tham gia, tiết kiệm 300 triệu đồng.',
        indicators: [{ label: 'Số hộ tham gia', value: 120, unit: 'hộ' }],
      });
      models[key] = { ...model, title };
    };
    await add('commune', 'Thắp sáng đường quê');
    await add('province', 'Tổ hòa giải ở cơ sở');
    await add('conflict', 'Hũ gạo nghĩa tình');
    // The provincial model was recognised and proposed by the commune already.
    const proposed = await mustDecide(commune.client, await startAssessRecognise(commune.client, models.province), 'propose');
    models.province.version = proposed.version;
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('commune reviewer: queue → model → checklist → recognise → propose', async () => {
    const page = await login(commune);
    await openQueue(page);
    await expect(page.getByText('Đơn vị xét duyệt: Xã An Phú · Cấp: Cấp xã').count()).resolves.toBe(1);
    await expect(page.getByRole('tab', { name: /^Chờ xét \(2\)$/ }).count()).resolves.toBe(1);
    await shot(page, '1-queue-commune');
    await expectAccessible(page, 'queue');

    // Filters live in the URL: text search without diacritics.
    await page.getByLabel('Tìm theo tên, nội dung (gõ có dấu hoặc không dấu)').fill('thap sang');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.waitForURL(/q=thap(\+|%20)sang/);
    await page.getByRole('link', { name: models.commune.title }).waitFor();
    await expect(page.getByRole('link', { name: models.conflict.title }).count()).resolves.toBe(0);

    await openModel(page, models.commune.title);
    await expect(page.getByText('Tỉnh Sơn Hà › Huyện Bắc Sơn › Xã An Phú › Thôn 1 · Năm 2025').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Bắt đầu xét duyệt' }).click();
    await notification(page, /Đã bắt đầu xét duyệt/);
    await page.getByRole('button', { name: 'Công nhận', exact: true }).waitFor();
    await fillChecklist(page);
    await shot(page, '2-model-checklist');
    await expectAccessible(page, 'model page');

    await confirmDecision(page, 'Công nhận');
    await notification(page, /Đã công nhận/);
    await page.getByRole('button', { name: 'Đề nghị cấp trên', exact: true }).waitFor();
    await confirmDecision(page, 'Đề nghị cấp trên');
    await notification(page, /Đã đề nghị cấp trên/);

    const after = await stored(models.commune.documentId);
    expect(after).toMatchObject({ reviewState: 'proposed', reviewLevel: { code: 'province' }, recognitionLevel: { code: 'commune' } });
    // The history shows every step with who took it.
    const history = page.getByRole('list', { name: 'Lịch sử xét duyệt' }).getByRole('listitem');
    await expect(history.count()).resolves.toBe(4);
    await shot(page, '3-model-proposed');
  });

  it('provincial reviewer: returns with a reason, the officer resubmits, then recognises', async () => {
    const page = await login(provincial);
    await openQueue(page);
    await openModel(page, models.province.title);
    await page.getByRole('button', { name: 'Bắt đầu xét duyệt' }).click();
    await page.getByRole('button', { name: 'Trả lại bổ sung', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Trả lại bổ sung', exact: true }).click();
    const dialog = page.getByRole('alertdialog');
    // The reason is required: confirming without one is refused in the dialog.
    await dialog.getByRole('button', { name: 'Xác nhận: Trả lại bổ sung' }).click();
    await dialog.getByText('Phải nêu lý do.').waitFor();
    await dialog.getByLabel('Lý do').fill('Bổ sung số liệu kết quả năm 2025.');
    await shot(page, '4-return-dialog');
    await dialog.getByRole('button', { name: 'Xác nhận: Trả lại bổ sung' }).click();
    await notification(page, /Đã trả lại bổ sung/);
    expect((await stored(models.province.documentId)).reviewState).toBe('returned');

    // The officer edits and resubmits through the API.
    const current = await stored(models.province.documentId);
    const edited = await officer.client
      .put(`/api/review/officer/initiatives/${models.province.documentId}`)
      .send({ results: 'Hơn 150 hộ tham gia năm 2025, 12 vụ việc được hòa giải thành.' });
    expect(edited.status).toBe(200);
    const resubmitted = await officer.client
      .post(`/api/review/officer/initiatives/${models.province.documentId}/submit`)
      .send({ version: edited.body.data.version ?? current.version });
    expect(resubmitted.status).toBe(200);

    await page.reload();
    await page.getByText('Hơn 150 hộ tham gia năm 2025, 12 vụ việc được hòa giải thành.').waitFor();
    await page.getByRole('button', { name: 'Bắt đầu xét duyệt' }).click();
    await page.getByRole('button', { name: 'Công nhận', exact: true }).waitFor();
    await fillChecklist(page);
    await confirmDecision(page, 'Công nhận');
    await notification(page, /Đã công nhận/);
    expect(await stored(models.province.documentId)).toMatchObject({ reviewState: 'recognized', recognitionLevel: { code: 'province' } });
    await page.getByText('Bổ sung số liệu kết quả năm 2025.').waitFor();
    await shot(page, '5-model-recognised-province');
  });

  it('leadership: a batch decision with a signed PDF', async () => {
    // The province's checklist of the proposed model is filled (the leadership may assess too).
    await leader.client
      .put(`/review/initiatives/${models.commune.documentId}/assessments`)
      .send({ items: CRITERIA.map((criterion) => ({ code: criterion.code, result: 'met' })) })
      .expect(200);

    const page = await login(leader);
    await openQueue(page);
    await page.getByRole('link', { name: 'Quyết định công nhận' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quyết định công nhận' }).waitFor();
    await page.getByRole('checkbox', { name: `Chọn ${models.commune.title}` }).click();
    await page.getByLabel('Số quyết định').fill('125-QĐ/BDVTU');
    await page.getByLabel('Ngày ký').fill('2025-12-20');
    await page.getByLabel('Người ký').fill('Phó Trưởng ban Thường trực');
    await page.locator('input[type="file"]').setInputFiles({ name: 'quyet-dinh-125.pdf', mimeType: 'application/pdf', buffer: PDF });
    await shot(page, '6-batch-form');
    await expectAccessible(page, 'batch page');

    await page.getByRole('button', { name: /^Xem trước quyết định/ }).click();
    const preview = page.getByRole('alertdialog');
    await preview.getByText(models.commune.title, { exact: false }).waitFor();
    // Let the dialog's opening animation finish before the screenshot.
    await page.waitForTimeout(500);
    await shot(page, '7-batch-preview');
    await preview.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await notification(page, /Đã ban hành quyết định số 125-QĐ\/BDVTU/);
    await page.getByRole('region', { name: 'Các quyết định đã ban hành' }).getByText('quyet-dinh-125.pdf').waitFor();
    await shot(page, '8-batch-issued');

    expect(await stored(models.commune.documentId)).toMatchObject({ reviewState: 'recognized', recognitionLevel: { code: 'province' } });
    const decision = (await app.strapi.db.query('plugin::review.decision').findOne({
      where: { number: '125-QĐ/BDVTU' },
      populate: { signedFile: true, initiatives: { select: ['documentId'] } },
    })) as { date: string; signer: string; signedFile: { mime: string } | null; initiatives: Array<{ documentId: string }> };
    expect(decision).toMatchObject({ date: '2025-12-20', signer: 'Phó Trưởng ban Thường trực', signedFile: { mime: 'application/pdf' } });
    expect(decision.initiatives.map((row) => row.documentId)).toEqual([models.commune.documentId]);
  });

  it('the public directory shows both models, one with its decision', async () => {
    const list = await app.http().get('/api/portal/initiatives?pageSize=50');
    expect(list.status).toBe(200);
    const cards = list.body.data as Array<{ title: string; slug: string }>;
    expect(cards.map((card) => card.title)).toEqual(expect.arrayContaining([models.commune.title, models.province.title]));
    const slug = cards.find((card) => card.title === models.commune.title)?.slug;
    const detail = await app.http().get(`/api/portal/initiatives/${slug}`);
    expect(detail.body.data.decision).toMatchObject({ number: '125-QĐ/BDVTU', date: '2025-12-20' });
  });

  it('two reviewers deciding the same model at once: the second sees the conflict and the fresh state', async () => {
    const first = await login(commune);
    const second = await login(commune2);
    for (const page of [first, second]) {
      await openQueue(page);
      await openModel(page, models.conflict.title);
      await page.getByRole('button', { name: 'Bắt đầu xét duyệt' }).waitFor();
    }
    await first.getByRole('button', { name: 'Bắt đầu xét duyệt' }).click();
    await notification(first, /Đã bắt đầu xét duyệt/);
    await second.getByRole('button', { name: 'Bắt đầu xét duyệt' }).click();
    await notification(second, /Mô hình vừa được người khác xử lý trước bạn/);
    // Reloaded: the second reviewer now sees the model under review, with its decisions.
    await second.getByRole('button', { name: 'Công nhận', exact: true }).waitFor();
    await shot(second, '9-conflict');
    expect((await stored(models.conflict.documentId)).reviewState).toBe('under_review');
  });

  it('shows the review in the Content Manager and on the homepage', async () => {
    const page = await login(commune);
    // Homepage widget: counts per tab, linking to the queue.
    await page.goto(`${app.baseUrl}/admin`);
    const waitingLink = page.getByRole('link', { name: 'Chờ xét', exact: true });
    await waitingLink.waitFor({ timeout: 60_000 });
    await shot(page, '10-homepage-widgets');

    // List view: the state as a badge; edit view: the review side panel with a link to the model page.
    await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/${INITIATIVE}`);
    await page.getByText('Đang xét duyệt', { exact: true }).first().waitFor({ timeout: 60_000 });
    await shot(page, '11-content-manager-list');
    await page.goto(`${app.baseUrl}/admin/content-manager/collection-types/${INITIATIVE}/${models.conflict.documentId}`);
    await page.getByRole('link', { name: 'Mở hồ sơ xét duyệt' }).waitFor({ timeout: 60_000 });
    await shot(page, '12-content-manager-panel');
    await page.getByRole('link', { name: 'Mở hồ sơ xét duyệt' }).click();
    await page.getByRole('heading', { level: 1, name: models.conflict.title }).waitFor();
  });

  it('has met no script error or server fault', () => {
    expect(problems).toEqual([]);
  });
});
