/**
 * End-to-end: the officers' registration app (/dang-ky/, built from
 * src/portal-app) in a real Chromium against a real app. An officer logs in,
 * registers a model with evidence and submits it; a reviewer returns it (API);
 * the officer reads the reason, edits and resubmits; withdraws another; an
 * officer of another unit sees none of it; an expired session goes back to
 * the login page. axe-core finds no serious or critical violation on any
 * screen. Screenshots at 360 px and 1280 px go to tests/.artifacts/officer-portal/.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

import { type Browser, type BrowserContext, type Page } from 'playwright-core';

import { buildProvince, createOfficer, createReviewer, decide, mustDecide, register, startAssessRecognise, type Province } from '../helpers/review';
import { assertChromium, launchChromium, seriousViolations } from '../helpers/browser';
import { APP_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { TEST_PASSWORD, type AdminUser, type ApiUser } from '../helpers/users';

const ARTIFACTS = path.join(APP_DIR, 'tests', '.artifacts', 'officer-portal');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** A solid-colour PNG of w×h pixels (RGB), so the previews show something visible on the screenshots. */
function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(typed));
    return Buffer.concat([length, typed, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8);
  header.writeUInt8(2, 9);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}
const RED = solidPng(160, 90, [178, 34, 34]);
const GREEN = solidPng(120, 90, [46, 125, 50]);
const GOLD = solidPng(120, 90, [230, 170, 40]);
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');

type Storage = { setItem(key: string, value: string): void };
type Stored = { documentId: string; title: string; summary: string | null; reviewState: string; version: number; origin: string };

describe('officer registration app in Chromium', () => {
  let app: TestApp;
  let province: Province;
  let officer: ApiUser;
  let otherOfficer: ApiUser;
  let reviewer: AdminUser;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let modelId = '';
  const problems: string[] = [];
  /** Refusals the tests provoke on purpose (wrong password, a refused period, a refused file, an expired token). */
  const expected: RegExp[] = [];

  const base = () => `${app.baseUrl}/dang-ky/`;
  const stored = async (documentId: string) =>
    (await app.strapi.db.query('api::initiative.initiative').findOne({ where: { documentId } })) as Stored;
  const evidenceOf = async (documentId: string) => {
    const res = await officer.client.get(`/api/review/officer/initiatives/${documentId}`);
    return res.body.data.evidence as Array<{ id: number; name: string }>;
  };
  /** The page settled on a route: its <main> carries the route and the page's heading is there. */
  const settled = async (route: string, heading?: string | RegExp) => {
    await page.locator(`main[data-route="${route}"] h1`).first().waitFor();
    if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  /** Screenshots at 360 px and 1280 px wide: the full page, or the screen when a modal dialog is open. */
  const shots = async (name: string, { fullPage = true } = {}) => {
    await page.mouse.move(0, 0);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: fullPage ? 900 : 760 });
      await page.waitForTimeout(100);
      await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  };
  /** axe-core on the whole page: no serious or critical violation. */
  const expectAccessible = async (label: string) => expect(await seriousViolations(page, label)).toEqual([]);
  const autosaved = () => page.locator('.autosave--saved').waitFor();
  /** Confirms the next window.confirm() of the page. */
  const acceptNextConfirm = () => page.once('dialog', (dialog) => void dialog.accept());

  const newPage = async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
    // A step that does not happen fails in seconds, not after the default half-minute.
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      if (message.type() === 'error' && !expected.some((pattern) => pattern.test(message.text()))) problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      const line = `${response.status()} ${response.request().method()} ${response.url()}`;
      if (response.status() >= 400 && !expected.some((pattern) => pattern.test(line))) problems.push(line);
    });
  };

  const login = async (identifier: string, password = TEST_PASSWORD) => {
    await page.getByLabel('Tên đăng nhập hoặc email').fill(identifier);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };

  beforeAll(async () => {
    assertChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    app = await startTestApp();
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    otherOfficer = await createOfficer(app, province.villages[3]);
    reviewer = await createReviewer(app, province.C1);
    // The unit was founded in 2024: a 2023 model of it is refused by the server (a rule the form does not repeat).
    await app.strapi.documents('api::unit.unit').update({ documentId: province.villages[0].documentId, data: { validFrom: '2024-01-01' } as never });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await app.strapi.documents('api::period.period').update({
      documentId: province.twoTier.documentId,
      data: { registrationStart: day(-10), registrationEnd: day(60) } as never,
    });
    // A recognised model of another unit, to replicate.
    const source = await register(otherOfficer, province, province.twoTier, 'Đường làng sáng, xanh, sạch, đẹp');
    await startAssessRecognise((await createReviewer(app, province.C2)).client, source);
    browser = await launchChromium();
    await newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('asks to log in, in Vietnamese, and refuses a wrong password', async () => {
    await page.goto(base());
    await settled('/', 'Đăng nhập');
    await expect(page.title()).resolves.toBe('Đăng nhập | Đăng ký mô hình “Dân vận khéo”');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('[data-field="identifier"] .field__error').innerText()).resolves.toBe('Vui lòng nhập tên đăng nhập hoặc email.');

    expected.push(/400 POST .*\/api\/auth\/local/, /status of 400/);
    await login(officer.email, 'Sai@mat-khau1');
    await expect(page.getByRole('alert').innerText()).resolves.toBe('Tên đăng nhập (hoặc email) hoặc mật khẩu không đúng.');
    await expectAccessible('login');
    await shots('1-login');
  });

  it('logs in and lists the unit models of the open period with its registration window', async () => {
    await login(officer.email);
    await settled('/', 'Mô hình của đơn vị');
    await expect(page.locator('.topbar__user').innerText()).resolves.toContain('Thôn 1');
    await expect(page.locator('.window--open').innerText()).resolves.toMatch(/^Đang mở đăng ký từ \d{2}\/\d{2}\/\d{4} đến hết \d{2}\/\d{2}\/\d{4}\.$/);
    await expect(page.locator('.empty').innerText()).resolves.toBe('Đơn vị chưa đăng ký mô hình nào.');
    await page.locator('#period-filter').selectOption({ label: 'Năm 2023' });
    await expect(page.locator('.window').count()).resolves.toBe(1);
    await expect(page.locator('.window--open').innerText()).resolves.toBe('Đang mở đăng ký (không giới hạn thời gian).');
    await page.locator('#period-filter').selectOption({ label: 'Năm 2025' });
    await expectAccessible('empty list');
  });

  it('registers a model: autosaved draft, client checks, the server refusal on its field, replication source, indicators', async () => {
    await page.getByRole('link', { name: '+ Đăng ký mô hình mới' }).click();
    await settled('/mo-hinh/moi', 'Đăng ký mô hình mới');
    await expect(page.locator('#period').inputValue()).resolves.toBe(province.twoTier.documentId);

    await page.getByLabel('Tên mô hình').fill('Dân vận khéo trong xây dựng đường giao thông nông thôn');
    await autosaved();
    await page.waitForURL(/#\/mo-hinh\/[a-z0-9]+$/);
    modelId = decodeURIComponent(page.url().split('#/mo-hinh/')[1]);
    expect((await stored(modelId)).title).toBe('Dân vận khéo trong xây dựng đường giao thông nông thôn');

    // The server refuses a 2023 model of a unit founded in 2024: its message shows on the period field.
    expected.push(/400 PUT .*\/officer\/initiatives\//, /status of 400/);
    await page.locator('#period').selectOption({ label: 'Năm 2023' });
    const periodError = page.locator('[data-field="period"] .field__error');
    await periodError.waitFor();
    await expect(periodError.innerText()).resolves.toBe('Đơn vị "Thôn 1" không còn hoạt động (hoặc chưa thành lập) trong năm 2023.');
    await expect(page.locator('#period').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('#period').selectOption({ label: 'Năm 2025' });
    await autosaved();

    await page.getByLabel('Tóm tắt').fill('Vận động nhân dân hiến đất, góp công làm đường liên thôn.');
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Kinh tế' });
    await page.getByLabel('Nội dung, cách làm').fill('Họp dân, công khai dự toán, cán bộ đi đầu.');
    await page.getByLabel('Kết quả đạt được').fill('Làm mới 3,5 km đường bê tông.');

    // A client check, before anything is sent: a wrong email in the private contact.
    await page.getByLabel('Email', { exact: true }).fill('khong-phai-email');
    await page.locator('.autosave--invalid').waitFor();
    await expect(page.locator('[data-field="email"] .field__error').innerText()).resolves.toBe('Địa chỉ email không hợp lệ.');
    await page.getByLabel('Email', { exact: true }).fill('truongthon@example.vn');
    await page.getByLabel('Số điện thoại').fill('0912 345 678');

    await page.getByRole('button', { name: '+ Thêm chỉ số' }).click();
    await page.locator('[id="indicators.0.label"]').fill('Hộ hiến đất');
    await page.locator('[id="indicators.0.value"]').fill('42');
    await page.locator('[id="indicators.0.unit"]').fill('hộ');

    await page.getByRole('radio', { name: 'Nhân rộng' }).check();
    await page.getByLabel(/Gõ vài chữ trong tên mô hình/).fill('duong lang');
    await page.getByRole('button', { name: /Đường làng sáng, xanh, sạch, đẹp/ }).click();
    await expect(page.locator('.source__chosen').innerText()).resolves.toContain('Đường làng sáng, xanh, sạch, đẹp');
    await autosaved();
    await page.locator('.autosave--dirty, .autosave--saving').waitFor({ state: 'detached' });

    const saved = (await officer.client.get(`/api/review/officer/initiatives/${modelId}`)).body.data;
    expect(saved).toMatchObject({
      summary: 'Vận động nhân dân hiến đất, góp công làm đường liên thôn.',
      field: { name: 'Kinh tế' },
      period: { year: 2025 },
      origin: 'replicated',
      replicatedFrom: { title: 'Đường làng sáng, xanh, sạch, đẹp' },
      personContact: { email: 'truongthon@example.vn', phone: '0912 345 678' },
      indicators: [expect.objectContaining({ label: 'Hộ hiến đất', value: 42, unit: 'hộ' })],
    });
    await expectAccessible('form');
    await shots('2-form');
  });

  it('uploads evidence (refusing what the server refuses), downloads it through the authorised route, removes a file', async () => {
    await expect(page.locator('#evidence-rules').innerText()).resolves.toContain('PDF (tối đa 20 MB)');
    await page.locator('#evidence-input').setInputFiles([{ name: 'bien-ban-hop-dan.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await page.locator('.files__name', { hasText: 'bien-ban-hop-dan.pdf' }).waitFor();
    await page.locator('#evidence-input').setInputFiles([{ name: 'anh-cong-trinh.png', mimeType: 'image/png', buffer: PNG }]);
    await page.locator('.files__name', { hasText: 'anh-cong-trinh.png' }).waitFor();
    expect((await evidenceOf(modelId)).map((file) => file.name)).toEqual(['bien-ban-hop-dan.pdf', 'anh-cong-trinh.png']);

    // An HTML page named .pdf passes the name check and is refused on its bytes by the server.
    expected.push(/400 POST .*\/evidence$/);
    await page.locator('#evidence-input').setInputFiles([{ name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: HTML }]);
    const refusal = page.locator('section[aria-labelledby="evidence-title"] [role="alert"]');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toContain('Tệp "gia-mao.pdf" không thuộc loại được phép làm minh chứng');
    // The name check of the form stops an .exe before sending.
    await page.locator('#evidence-input').setInputFiles([{ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: PNG }]);
    await expect(refusal.innerText()).resolves.toMatch(/^Tệp “setup\.exe” không thuộc loại được phép\. Chỉ nhận: PDF, /);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải về bien-ban-hop-dan.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('bien-ban-hop-dan.pdf');
    expect(fs.readFileSync(await download.path())).toEqual(PDF);

    acceptNextConfirm();
    await page.getByRole('button', { name: 'Xóa anh-cong-trinh.png' }).click();
    await page.locator('.files__name', { hasText: 'anh-cong-trinh.png' }).waitFor({ state: 'detached' });
    expect((await evidenceOf(modelId)).map((file) => file.name)).toEqual(['bien-ban-hop-dan.pdf']);
  });

  it('chooses, replaces and removes the cover, adds and removes gallery images, with previews', async () => {
    const images = page.getByRole('region', { name: 'Ảnh bìa và thư viện ảnh' });
    await expect(images.locator('#images-rules').innerText()).resolves.toContain('JPEG, PNG hoặc WebP');
    const imagesOf = async () => {
      const data = (await officer.client.get(`/api/review/officer/initiatives/${modelId}`)).body.data as {
        cover: { name: string } | null;
        gallery: Array<{ name: string }> | null;
      };
      return { cover: data.cover?.name ?? null, gallery: (data.gallery ?? []).map((file) => file.name) };
    };
    /** The preview is on screen and its bytes came from the public media library. */
    const loaded = (img: ReturnType<Page['locator']>) =>
      img.evaluate((element) => {
        // The test's types have no DOM: the two members of an image element it reads.
        const image = element as unknown as { decode(): Promise<void>; naturalWidth: number };
        return image.decode().then(() => image.naturalWidth > 0);
      });

    await page.locator('#cover-input').setInputFiles([{ name: 'anh-bia.png', mimeType: 'image/png', buffer: PNG }]);
    const cover = images.getByRole('img', { name: 'Ảnh bìa: anh-bia.png' });
    await cover.waitFor();
    await expect(loaded(cover)).resolves.toBe(true);
    await page.locator('#cover-input').setInputFiles([{ name: 'anh-bia-moi.png', mimeType: 'image/png', buffer: RED }]);
    await images.getByRole('img', { name: 'Ảnh bìa: anh-bia-moi.png' }).waitFor();
    await expect(images.locator('label[for="cover-input"]').innerText()).resolves.toBe('Thay ảnh bìa…');

    await page.locator('#gallery-input').setInputFiles([
      { name: 'hop-dan.png', mimeType: 'image/png', buffer: GREEN },
      { name: 'cong-trinh.png', mimeType: 'image/png', buffer: GOLD },
    ]);
    await images.getByRole('img', { name: 'cong-trinh.png' }).waitFor();
    await expect(loaded(images.getByRole('img', { name: 'hop-dan.png' }))).resolves.toBe(true);
    expect(await imagesOf()).toEqual({ cover: 'anh-bia-moi.png', gallery: ['hop-dan.png', 'cong-trinh.png'] });

    // An HTML page named .jpg passes the name check and is refused on its bytes by the server.
    expected.push(/400 POST .*\/images\/gallery$/);
    await page.locator('#gallery-input').setInputFiles([{ name: 'gia-mao.jpg', mimeType: 'image/jpeg', buffer: HTML }]);
    const refusal = images.locator('[role="alert"]');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toContain('Tệp "gia-mao.jpg" không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung tệp)');
    // The form stops an SVG before sending.
    await page.locator('#gallery-input').setInputFiles([{ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: HTML }]);
    await expect(refusal.innerText()).resolves.toBe('Tệp “logo.svg” không phải ảnh JPEG, PNG hoặc WebP.');
    await expectAccessible('images');
    await shots('2b-images');

    acceptNextConfirm();
    await images.getByRole('button', { name: 'Xóa ảnh hop-dan.png' }).click();
    await images.getByRole('img', { name: 'hop-dan.png' }).waitFor({ state: 'detached' });
    acceptNextConfirm();
    await images.getByRole('button', { name: 'Xóa ảnh bìa' }).click();
    await images.getByText('Chưa có ảnh bìa.').waitFor();
    expect(await imagesOf()).toEqual({ cover: null, gallery: ['cong-trinh.png'] });
    await page.locator('#cover-input').setInputFiles([{ name: 'anh-bia.png', mimeType: 'image/png', buffer: RED }]);
    await images.getByRole('img', { name: 'Ảnh bìa: anh-bia.png' }).waitFor();
  });

  it('shows the upload progress while a file is sent', async () => {
    // Hold the upload's answer, so the bar is on screen for the check.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/evidence', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#evidence-input').setInputFiles([{ name: 'anh-2.png', mimeType: 'image/png', buffer: PNG }]);
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await expect(page.locator('.progress label').innerText()).resolves.toMatch(/^Đang tải lên: \d+%$/);
    release();
    await page.locator('.files__name', { hasText: 'anh-2.png' }).waitFor();
    await bar.waitFor({ state: 'detached' });
    await page.unroute('**/evidence');
    acceptNextConfirm();
    await page.getByRole('button', { name: 'Xóa anh-2.png' }).click();
    await page.locator('.files__name', { hasText: 'anh-2.png' }).waitFor({ state: 'detached' });
  });

  it('submits after a confirmation naming the level it goes to', async () => {
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi đăng ký mô hình?' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain('sẽ được gửi tới Cấp xã — Xã An Phú để xét duyệt');
    await expect(dialog.innerText()).resolves.toContain('Kèm theo 1 tệp minh chứng');
    await expectAccessible('submit dialog');
    await shots('3-submit-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await page.locator('.page-head__state .badge', { hasText: 'Đã đăng ký' }).waitFor();
    expect((await stored(modelId)).reviewState).toBe('submitted');
    // Frozen while under review: the form is disabled and evidence cannot be added.
    await expect(page.getByLabel('Tên mô hình').isDisabled()).resolves.toBe(true);
    await expect(page.locator('#evidence-input').count()).resolves.toBe(0);
    // The images stay on view, without any way to change them.
    await expect(page.locator('#cover-input').count()).resolves.toBe(0);
    await expect(page.locator('#gallery-input').count()).resolves.toBe(0);
    await page.getByRole('img', { name: 'Ảnh bìa: anh-bia.png' }).waitFor();
  });

  it('shows a returned model with its reason and criteria results; the officer edits and resubmits', async () => {
    const model = await stored(modelId);
    const started = await mustDecide(reviewer.client, model, 'start_review');
    await reviewer.client
      .put(`/review/initiatives/${modelId}/assessments`)
      .send({ items: [{ code: 'TT1', result: 'met', note: 'ghi chú nội bộ' }, { code: 'TT2', result: 'not_met', note: 'ghi chú nội bộ', publicRemark: 'Chưa có biên bản họp dân của thôn 2 và thôn 3.' }] })
      .expect(200);
    const returned = await decide(reviewer.client, modelId, {
      action: 'return',
      version: started.version,
      reason: 'Bổ sung biên bản họp dân và số hộ hiến đất theo từng thôn.',
    });
    expect(returned.status).toBe(200);

    await page.reload();
    await settled(`/mo-hinh/${modelId}`);
    const box = page.getByRole('region', { name: 'Mô hình được trả lại để bổ sung' });
    await expect(box.innerText()).resolves.toContain('Bổ sung biên bản họp dân và số hộ hiến đất theo từng thôn.');
    await expect(box.innerText()).resolves.toContain('Chưa đạt TT2. Người dân tự giác chấp hành');
    // The reviewer's public remark is shown with its criterion.
    await expect(box.locator('.criteria__item--not_met').innerText()).resolves.toContain(
      'Nhận xét của cấp xét duyệt: Chưa có biên bản họp dân của thôn 2 và thôn 3.'
    );
    // The reviewer's internal notes are not shown to the officer.
    await expect(page.locator('body').innerText()).resolves.not.toContain('ghi chú nội bộ');
    await expectAccessible('returned');
    await shots('4-returned');

    await page.getByLabel('Tóm tắt').fill('Vận động nhân dân hiến đất; đã bổ sung biên bản họp dân của 3 thôn.');
    await autosaved();
    await page.getByRole('button', { name: 'Gửi lại đăng ký' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi lại đăng ký mô hình?' });
    await dialog.getByRole('button', { name: 'Gửi lại đăng ký' }).click();
    await page.locator('.page-head__state .badge', { hasText: 'Đã đăng ký' }).waitFor();
    const after = await stored(modelId);
    expect(after.reviewState).toBe('submitted');
    expect(after.summary).toBe('Vận động nhân dân hiến đất; đã bổ sung biên bản họp dân của 3 thôn.');

    const timeline = page.getByRole('region', { name: 'Quá trình xét duyệt' }).locator('.timeline__item');
    await expect(timeline.count()).resolves.toBe(4);
    await expect(timeline.nth(2).innerText()).resolves.toContain('Lý do: Bổ sung biên bản họp dân');
    await shots('5-history');
  });

  it('withdraws another model with a reason', async () => {
    const other = await register(officer, province, province.twoTier, 'Tổ hòa giải ở cơ sở gắn với dân vận khéo');
    await page.goto(`${base()}#/`);
    await settled('/', 'Mô hình của đơn vị');
    await page.locator('.model-card').first().waitFor();
    await expect(page.locator('.model-card__title').allInnerTexts()).resolves.toEqual(
      expect.arrayContaining(['Tổ hòa giải ở cơ sở gắn với dân vận khéo', 'Dân vận khéo trong xây dựng đường giao thông nông thôn'])
    );
    // Search without diacritics, then the state filter.
    await page.getByLabel('Tìm theo tên mô hình').fill('hoa giai');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page.locator('.model-card__title').allInnerTexts()).resolves.toEqual(['Tổ hòa giải ở cơ sở gắn với dân vận khéo']);
    await page.getByLabel('Tìm theo tên mô hình').fill('');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByLabel('Trạng thái').selectOption('submitted');
    await expect(page.locator('.model-card').count()).resolves.toBe(2);
    await expectAccessible('list');
    await shots('6-list');

    await page.getByRole('link', { name: 'Tổ hòa giải ở cơ sở gắn với dân vận khéo' }).click();
    await settled(`/mo-hinh/${other.documentId}`, 'Tổ hòa giải ở cơ sở gắn với dân vận khéo');
    await page.getByRole('button', { name: 'Rút đăng ký' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rút đăng ký mô hình?' });
    await dialog.getByRole('button', { name: 'Rút đăng ký' }).click();
    await expect(dialog.locator('.field__error').innerText()).resolves.toBe('Vui lòng nêu lý do rút đăng ký.');
    await dialog.getByLabel('Lý do rút đăng ký').fill('Trùng với mô hình của xã đã đăng ký.');
    await dialog.getByRole('button', { name: 'Rút đăng ký' }).click();
    await page.locator('.page-head__state .badge', { hasText: 'Đã rút' }).waitFor();
    expect((await stored(other.documentId)).reviewState).toBe('withdrawn');
    const history = (await officer.client.get(`/api/review/officer/initiatives/${other.documentId}/history`)).body.data as Array<{ reason: string | null }>;
    expect(history.at(-1)?.reason).toBe('Trùng với mô hình của xã đã đăng ký.');
  });

  it('logs out; an officer of another unit sees none of these models, not even by their address', async () => {
    acceptNextConfirm();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await settled('/dang-nhap', 'Đăng nhập');
    await expect(page.getByRole('status').first().innerText()).resolves.toBe('Bạn đã đăng xuất.');
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);

    await login(otherOfficer.email);
    await settled('/', 'Mô hình của đơn vị');
    await page.locator('#period-filter').selectOption({ label: 'Tất cả các đợt' });
    await page.locator('.model-card').first().waitFor();
    // Only the other unit's own model.
    await expect(page.locator('.model-card__title').allInnerTexts()).resolves.toEqual(['Đường làng sáng, xanh, sạch, đẹp']);

    expected.push(/404 GET .*\/officer\/initiatives\//, /status of 404/);
    await page.goto(`${base()}#/mo-hinh/${modelId}`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toBe('Không tìm thấy mô hình (hoặc mô hình không thuộc phạm vi của bạn).');
    await expect(page.locator('body').innerText()).resolves.not.toContain('Dân vận khéo trong xây dựng đường giao thông');
  });

  it('changes the password and logs in with the new one', async () => {
    await page.goto(`${base()}#/doi-mat-khau`);
    await settled('/doi-mat-khau', 'Đổi mật khẩu');
    await page.locator('#currentPassword').fill(TEST_PASSWORD);
    await page.locator('#password').fill('MatKhauMoi@2026');
    await page.locator('#passwordConfirmation').fill('MatKhauMoi@2026');
    await expectAccessible('change password');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toBe('Đã đổi mật khẩu. Lần đăng nhập sau hãy dùng mật khẩu mới.');
    expect((await app.http().post('/api/auth/local').send({ identifier: otherOfficer.email, password: 'MatKhauMoi@2026' })).status).toBe(200);
  });

  it('returns to the login page with a message when the session expires', async () => {
    // A token that expires in two seconds: the page goes back to login on its own.
    expected.push(/401 GET .*\/officer\//, /status of 401/);
    const shortLived = (await app.strapi.plugin('users-permissions').service('jwt').issue({ id: officer.id }, { expiresIn: '2s' })) as string;
    await page.evaluate((token) => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.setItem('dvk-officer-jwt', token), shortLived);
    await page.goto(`${base()}#/mo-hinh/${modelId}`);
    // Only the address's hash changed: load the page anew so it starts with the stored session.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor({ timeout: 15_000 });
    await expect(page.locator('.alert--info').innerText()).resolves.toBe('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    expect(page.url()).toMatch(/#\/dang-nhap$/);

    // A token the server no longer accepts (refused with 401 on the first request) does the same.
    await page.evaluate(() => (globalThis as unknown as { sessionStorage: Storage }).sessionStorage.setItem('dvk-officer-jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.sai-chu-ky'));
    await page.goto(`${base()}#/`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await expect(page.locator('.alert--info').innerText()).resolves.toBe('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.');
    await shots('7-expired');
  });

  it('shows the forgotten-password page and what the server answers', async () => {
    await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
    await settled('/quen-mat-khau', 'Quên mật khẩu');
    await page.getByLabel('Email').fill('khong-hop-le');
    await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
    await expect(page.locator('[data-field="email"] .field__error').innerText()).resolves.toBe('Vui lòng nhập địa chỉ email hợp lệ của tài khoản.');
    await expectAccessible('forgot password');
    await page.goto(`${base()}?code=ma-khong-dung`);
    await settled('/dat-lai-mat-khau', 'Đặt lại mật khẩu');
    expected.push(/400 POST .*\/api\/auth\/reset-password/);
    await page.locator('#password').fill('MatKhau@123');
    await page.locator('#passwordConfirmation').fill('MatKhau@123');
    await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toBe('Mã đặt lại mật khẩu không đúng hoặc đã được dùng. Vui lòng yêu cầu đặt lại lần nữa.');
  });

  it('has met no unexpected failed request, console error or script error', () => {
    expect(problems).toEqual([]);
  });
});
