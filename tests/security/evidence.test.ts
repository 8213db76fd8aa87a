/**
 * Evidence files are private and typed by their bytes (security review,
 * items 1 and 7): an officer could upload an HTML page or an SVG with a
 * script as "evidence", served from public /uploads on the admin's origin,
 * and every editor or reviewer could list every unit's evidence in the Media
 * Library. Replays each path of that attack and the authorised routes.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import { buildProvince, createOfficer, createReviewer, register, type Province } from '../helpers/review';
import { APP_DIR, DIST_DIR, startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser, type ApiUser } from '../helpers/users';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/admin/access-token",{method:"POST",credentials:"include"})</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>');
const JS = Buffer.from('fetch("/admin/access-token", { method: "POST", credentials: "include" }).then((r) => r.json());');

/** A minimal Office Open XML package (stored ZIP entries): what Word writes first, and a document part. */
function ooxml(part: 'word/document.xml' | 'xl/workbook.xml'): Buffer {
  const entry = (name: string, body: string) => {
    const data = Buffer.from(body);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    return Buffer.concat([header, Buffer.from(name), data]);
  };
  return Buffer.concat([
    entry('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    entry(part, '<?xml version="1.0"?><root/>'),
  ]);
}

const listDir = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('evidence files: private, checked on their content, served only to those allowed', () => {
  let app: TestApp;
  let province: Province;
  let officer: ApiUser;
  let otherOfficer: ApiUser;
  let reviewer: AdminUser;
  let outsideReviewer: AdminUser;
  let editor: AdminUser;
  let superAdmin: AdminUser;
  let evidenceDir: string;
  const uploadsDir = path.join(APP_DIR, 'public', 'uploads');

  beforeAll(async () => {
    evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-evidence-'));
    app = await startTestApp({ EVIDENCE_DIR: evidenceDir });
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    otherOfficer = await createOfficer(app, province.villages[3]);
    reviewer = await createReviewer(app, province.C1);
    outsideReviewer = await createReviewer(app, province.C2);
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });
    superAdmin = await createAdminUser(app);
  });

  afterAll(async () => {
    await app?.stop();
    fs.rmSync(evidenceDir, { recursive: true, force: true });
  });

  const draft = async (title: string) => {
    const res = await officer.client.post('/api/review/officer/initiatives').send({ title, summary: title, field: province.field.documentId, period: province.twoTier.documentId });
    expect(res.status).toBe(201);
    return res.body.data as { documentId: string; version: number };
  };
  const upload = (documentId: string, name: string, bytes: Buffer, contentType: string, client = officer.client) =>
    client.post(`/api/review/officer/initiatives/${documentId}/evidence`).attach('files', bytes, { filename: name, contentType });
  const storedRows = () => app.strapi.db.connection('dvk_evidence_files').count({ n: '*' }).then((rows) => Number((rows[0] as { n: number | string }).n));
  const mediaFiles = () => app.strapi.db.query('plugin::upload.file').count({});

  it.each([
    ['an HTML page named and declared as a PDF', 'bao-cao.pdf', HTML, 'application/pdf'],
    ['an SVG image with a script', 'anh.svg', SVG, 'image/svg+xml'],
    ['a script declared as a JPEG', 'anh.jpg', JS, 'image/jpeg'],
    ['plain text', 'ghi-chu.txt', Buffer.from('ghi chú'), 'text/plain'],
  ])('refuses %s with a 400 naming the allowed types, storing nothing', async (_label, name, bytes, type) => {
    const model = await draft(`Minh chứng bị từ chối ${name}`);
    const before = { rows: await storedRows(), files: listDir(evidenceDir), uploads: listDir(uploadsDir), media: await mediaFiles() };
    const res = await upload(model.documentId, name, bytes, type);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/không thuộc loại được phép/);
    expect(res.body.error.message).toMatch(/PDF/);
    expect({ rows: await storedRows(), files: listDir(evidenceDir), uploads: listDir(uploadsDir), media: await mediaFiles() }).toEqual(before);
  });

  it('refuses a file over its type limit with 413, and a whole request when one file is bad', async () => {
    const model = await draft('Minh chứng quá lớn');
    const before = { rows: await storedRows(), files: listDir(evidenceDir) };
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(model.documentId, 'anh-lon.png', big, 'image/png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/quá lớn.*10 MB/);
    const mixed = await officer.client
      .post(`/api/review/officer/initiatives/${model.documentId}/evidence`)
      .attach('files', PDF, { filename: 'tot.pdf', contentType: 'application/pdf' })
      .attach('files', HTML, { filename: 'xau.pdf', contentType: 'application/pdf' });
    expect(mixed.status).toBe(400);
    expect({ rows: await storedRows(), files: listDir(evidenceDir) }).toEqual(before);
  });

  it('refuses evidence for a model under review (frozen), storing nothing', async () => {
    const submitted = await register(officer, province, province.twoTier, 'Đang xét không thêm minh chứng');
    const before = { rows: await storedRows(), files: listDir(evidenceDir) };
    const res = await upload(submitted.documentId, 'bo-sung.pdf', PDF, 'application/pdf');
    expect(res.status).toBe(403);
    expect({ rows: await storedRows(), files: listDir(evidenceDir) }).toEqual(before);
  });

  it('accepts PDF, PNG, DOCX and XLSX by their bytes, outside the media library and public uploads', async () => {
    const model = await draft('Minh chứng hợp lệ');
    const media = await mediaFiles();
    const uploads = listDir(uploadsDir);
    const res = await officer.client
      .post(`/api/review/officer/initiatives/${model.documentId}/evidence`)
      .attach('files', PDF, { filename: 'Báo cáo kết quả.pdf', contentType: 'application/octet-stream' })
      .attach('files', PNG, { filename: 'anh.png', contentType: 'image/png' })
      .attach('files', ooxml('word/document.xml'), { filename: 'thuyet-minh.docx', contentType: 'application/octet-stream' })
      .attach('files', ooxml('xl/workbook.xml'), { filename: 'so-lieu.bin', contentType: 'application/octet-stream' });
    expect(res.status).toBe(201);
    const evidence = res.body.data.evidence as Array<{ id: number; name: string; mime: string }>;
    // Multipart parts may be stored in any order.
    expect(evidence.map((file) => [file.name, file.mime]).sort()).toEqual([
      ['Báo cáo kết quả.pdf', 'application/pdf'],
      ['anh.png', 'image/png'],
      // The name takes the extension of what the bytes are.
      ['so-lieu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['thuyet-minh.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    expect(await mediaFiles()).toBe(media);
    expect(listDir(uploadsDir)).toEqual(uploads);
    expect(JSON.stringify(res.body)).not.toMatch(/\/uploads\//);
  });

  describe('downloads', () => {
    let model: { documentId: string; version: number };
    let fileId: number;

    beforeAll(async () => {
      const created = await draft('Minh chứng để tải về');
      const res = await upload(created.documentId, 'anh.png', PNG, 'image/png');
      fileId = res.body.data.evidence[0].id;
      model = created;
    });

    const expectSafeAttachment = (res: { status: number; headers: Record<string, string>; body: Buffer }) => {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="anh\.png"; filename\*=UTF-8''anh\.png$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toMatch(/^sandbox/);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(Buffer.compare(res.body, PNG)).toBe(0);
    };
    const binary = <T extends { buffer(value: boolean): T; parse(fn: unknown): T }>(req: T) =>
      req.buffer(true).parse((res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

    it('serves the owner unit its file as a sandboxed attachment', async () => {
      expectSafeAttachment(await binary(officer.client.get(`/api/review/officer/initiatives/${model.documentId}/evidence/${fileId}`)));
    });

    it('serves a reviewer whose scope covers the model, and a Super Admin', async () => {
      expectSafeAttachment(await binary(reviewer.client.get(`/review/initiatives/${model.documentId}/evidence/${fileId}`)));
      expectSafeAttachment(await binary(superAdmin.client.get(`/review/initiatives/${model.documentId}/evidence/${fileId}`)));
    });

    it('refuses another unit, a reviewer out of scope, a news editor and anonymous callers', async () => {
      expect((await otherOfficer.client.get(`/api/review/officer/initiatives/${model.documentId}/evidence/${fileId}`)).status).toBe(404);
      expect((await outsideReviewer.client.get(`/review/initiatives/${model.documentId}/evidence/${fileId}`)).status).toBe(404);
      const byEditor = await editor.client.get(`/review/initiatives/${model.documentId}/evidence/${fileId}`);
      expect(byEditor.status).toBe(403);
      expect((await app.http().get(`/review/initiatives/${model.documentId}/evidence/${fileId}`)).status).toBe(401);
      expect((await app.http().get(`/api/review/officer/initiatives/${model.documentId}/evidence/${fileId}`)).status).toBe(403);
      // A file id of another model does not open through this one.
      expect((await officer.client.get(`/api/review/officer/initiatives/${model.documentId}/evidence/${fileId + 1000}`)).status).toBe(404);
      expect((await officer.client.get(`/api/review/officer/initiatives/${model.documentId}/evidence/1e3`)).status).toBe(404);
    });

    it('keeps evidence out of the media library for editors and reviewers', async () => {
      for (const user of [editor, reviewer]) {
        const res = await user.client.get('/upload/files?pageSize=100');
        const names = ((res.body.results ?? []) as Array<{ name: string }>).map((file) => file.name);
        expect(names).not.toContain('anh.png');
      }
    });

    it('shows reviewers the evidence list in the model detail', async () => {
      const res = await reviewer.client.get(`/review/initiatives/${model.documentId}`);
      expect(res.status).toBe(200);
      expect(res.body.data.evidence).toEqual([expect.objectContaining({ id: fileId, name: 'anh.png', mime: 'image/png' })]);
    });
  });

  it('lets the officer remove a file while editable, deleting its bytes', async () => {
    const model = await draft('Xóa minh chứng');
    const added = await upload(model.documentId, 'xoa.pdf', PDF, 'application/pdf');
    const before = listDir(evidenceDir).length;
    const removed = await officer.client.delete(`/api/review/officer/initiatives/${model.documentId}/evidence/${added.body.data.evidence[0].id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.data.evidence).toEqual([]);
    expect(listDir(evidenceDir).length).toBe(before - 1);
  });

  it('moves evidence left in the public media library into the private store (migration)', async () => {
    const model = await draft('Minh chứng cũ trong thư viện media');
    const { id } = (await app.strapi.db.query('api::initiative.initiative').findOne({ where: { documentId: model.documentId }, select: ['id'] })) as { id: number };
    const hash = `old_evidence_${Date.now()}`;
    fs.mkdirSync(uploadsDir, { recursive: true });
    fs.writeFileSync(path.join(uploadsDir, `${hash}.pdf`), PDF);
    const file = (await app.strapi.db.query('plugin::upload.file').create({
      data: { name: 'cu.pdf', hash, ext: '.pdf', mime: 'application/pdf', size: PDF.length / 1024, url: `/uploads/${hash}.pdf`, provider: 'local' },
    })) as { id: number };
    await app.strapi.db.connection('files_related_mph').insert({ file_id: file.id, related_id: id, related_type: 'api::initiative.initiative', field: 'evidence', order: 1 });

    const migration = (await import(path.join(DIST_DIR, 'database', 'migrations', '2026.12.02T00.00.00.private-evidence.js'))) as {
      up(knex: unknown): Promise<void>;
    };
    await app.strapi.db.connection.transaction((trx) => migration.up(trx));

    expect(fs.existsSync(path.join(uploadsDir, `${hash}.pdf`))).toBe(false);
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { id: file.id } })).toBe(0);
    const detail = await officer.client.get(`/api/review/officer/initiatives/${model.documentId}`);
    expect(detail.body.data.evidence).toEqual([expect.objectContaining({ name: 'cu.pdf', mime: 'application/pdf', size: PDF.length })]);
    const download = await officer.client.get(`/api/review/officer/initiatives/${model.documentId}/evidence/${detail.body.data.evidence[0].id}`).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    // Run again: nothing left to move, nothing duplicated.
    await app.strapi.db.connection.transaction((trx) => migration.up(trx));
    expect((await officer.client.get(`/api/review/officer/initiatives/${model.documentId}`)).body.data.evidence).toHaveLength(1);
  });
});
