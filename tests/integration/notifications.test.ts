/**
 * Notifications end to end: decisions write their notifications in their own
 * transaction, the dispatcher delivers them to a real SMTP server running in
 * this test, once each — through retries, a killed dispatcher and two
 * dispatchers at once — and the inboxes, preferences, digest, reminders and
 * password resets work from both sides of their permissions.
 */
import { spawn } from 'child_process';
import path from 'path';

import { createAppDispatcher } from '../../src/notifications';
import { OFFICER_RESET_SUBJECT } from '../../src/bootstrap/password-mail';
import { buildProvince, createOfficer, createReviewer, decide, mustDecide, register, startAssessRecognise, type Province } from '../helpers/review';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser, type ApiUser } from '../helpers/users';

const OUTBOX = 'dvk_notification_outbox';
const INBOX = 'dvk_notifications';
const BASE = 'https://danvan.sonha.test';
const MAIL_ENV = ['SMTP_HOST', 'SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'MAIL_FROM', 'PUBLIC_URL', 'NOTIFICATIONS_RETRY_DELAY_SECONDS'];

type OutboxRow = { id: number; status: string; attempts: number; next_attempt_at: string | number; message_id: string; to_address: string; kind: string; last_error: string | null; lease_owner: string | null };

type Notifications = {
  remindDeadlines(now: Date, days?: number): Promise<number>;
  remindWaiting(now: Date, days: number): Promise<number>;
  buildDigests(now: Date): Promise<number>;
};

describe('notifications', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let province: Province;
  let officer: ApiUser;
  let colleague: ApiUser;
  let otherUnit: ApiUser;
  let c1: AdminUser;
  let c2: AdminUser;
  let provincial: AdminUser;
  let leader: AdminUser;
  let superAdmin: AdminUser;

  const knex = () => app.strapi.db.connection;
  const outbox = async (): Promise<OutboxRow[]> => (await knex()(OUTBOX).orderBy('id')) as OutboxRow[];
  const service = () => app.strapi.plugin('review').service('notifications') as Notifications;
  const deliver = (overrides: Parameters<typeof createAppDispatcher>[1] = {}) => createAppDispatcher(app.strapi, overrides).runOnce();
  /** Mails accepted since `from`, as [recipient, subject]. */
  const since = (from: number): ReceivedMail[] => smtp.mails.slice(from);
  const summary = (mails: ReceivedMail[]) => mails.map((mail) => [mail.to[0], mail.subject]).sort();

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startTestApp({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_USER,
      SMTP_PASSWORD,
      MAIL_FROM: 'Ban Dân vận Tỉnh ủy <danvan@sonha.test>',
      PUBLIC_URL: BASE,
      NOTIFICATIONS_RETRY_DELAY_SECONDS: '60',
    });
    province = await buildProvince(app);
    officer = await createOfficer(app, province.villages[0]);
    colleague = await createOfficer(app, province.villages[0]);
    otherUnit = await createOfficer(app, province.villages[3]);
    c1 = await createReviewer(app, province.C1);
    c2 = await createReviewer(app, province.C2);
    provincial = await createReviewer(app, province.P);
    leader = await createReviewer(app, province.P, 'dvk-leadership');
    superAdmin = await createAdminUser(app);
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    for (const key of MAIL_ENV) delete process.env[key];
  });

  it('tells each kind of decision to exactly the right people, with a Vietnamese text and a link, once', async () => {
    const from = smtp.mails.length;
    const model = await register(officer, province, province.twoTier, 'Tổ tự quản đường làng sáng xanh');
    expect(await deliver()).toMatchObject({ sent: 1, retried: 0, dead: 0 });
    const registered = since(from);
    expect(summary(registered)).toEqual([[c1.email, 'Mô hình mới chờ xét duyệt: «Tổ tự quản đường làng sáng xanh»']]);
    expect(registered[0].text).toContain('Thôn 1 đã đăng ký mô hình «Tổ tự quản đường làng sáng xanh» (Năm 2025)');
    expect(registered[0].text).toContain(`${BASE}/admin/plugins/review/models/${model.documentId}`);
    expect(registered[0].from).toBe('danvan@sonha.test');

    // Returned with a reason → both officers of the owner unit, with a link into the registration app.
    let mark = smtp.mails.length;
    const started = await mustDecide(c1.client, model, 'start_review');
    const returned = await mustDecide(c1.client, started, 'return', 'Bổ sung số liệu kết quả năm 2025');
    await deliver();
    const returnedMails = since(mark);
    expect(summary(returnedMails)).toEqual(
      [officer.email, colleague.email].sort().map((email) => [email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được trả lại để bổ sung'])
    );
    for (const mail of returnedMails) {
      expect(mail.text).toContain('Lý do: Bổ sung số liệu kết quả năm 2025');
      expect(mail.text).toContain(`${BASE}/dang-ky/#/mo-hinh/${model.documentId}`);
      expect(mail.html).toContain(`href="${BASE}/dang-ky/#/mo-hinh/${model.documentId}"`);
    }

    // Submitted again → the commune's reviewer again (a new event); recognised → the officers.
    mark = smtp.mails.length;
    const resubmitted = await officer.client.post(`/api/review/officer/initiatives/${model.documentId}/submit`).send({ version: returned.version });
    expect(resubmitted.status).toBe(200);
    const recognised = await startAssessRecognise(c1.client, resubmitted.body.data);
    await deliver();
    expect(summary(since(mark))).toEqual(
      [
        [c1.email, 'Mô hình mới chờ xét duyệt: «Tổ tự quản đường làng sáng xanh»'],
        [officer.email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được công nhận ở Cấp xã'],
        [colleague.email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được công nhận ở Cấp xã'],
      ].sort()
    );

    // Proposed → the province's reviewers (the leadership reviews there too) and the owner's officers.
    mark = smtp.mails.length;
    const proposed = await mustDecide(c1.client, recognised, 'propose');
    await deliver();
    expect(summary(since(mark))).toEqual(
      [
        [provincial.email, 'Mô hình được đề nghị lên Tỉnh: «Tổ tự quản đường làng sáng xanh»'],
        [leader.email, 'Mô hình được đề nghị lên Tỉnh: «Tổ tự quản đường làng sáng xanh»'],
        [officer.email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được đề nghị lên Tỉnh'],
        [colleague.email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được đề nghị lên Tỉnh'],
      ].sort()
    );

    // A batch decision → the owner's officers for their model, the leadership a summary; no per-step mails.
    mark = smtp.mails.length;
    await provincial.client
      .put(`/review/initiatives/${proposed.documentId}/assessments`)
      .send({ items: [{ code: 'TT1', result: 'met' }, { code: 'TT2', result: 'met' }, { code: 'TT3', result: 'met' }] })
      .expect(200);
    const batch = await leader.client.post('/review/batch-decisions').send({
      number: '07-QĐ/BDVTU',
      date: '2025-12-15',
      signer: 'Phó Trưởng ban Thường trực',
      items: [{ documentId: proposed.documentId, version: proposed.version }],
    });
    expect(batch.status).toBe(201);
    await deliver();
    const batchMails = since(mark);
    expect(summary(batchMails)).toEqual(
      [
        [leader.email, 'Đã ban hành Quyết định công nhận số 07-QĐ/BDVTU (1 mô hình)'],
        [officer.email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được công nhận theo Quyết định số 07-QĐ/BDVTU'],
        [colleague.email, 'Mô hình «Tổ tự quản đường làng sáng xanh» được công nhận theo Quyết định số 07-QĐ/BDVTU'],
      ].sort()
    );
    expect(batchMails.find((mail) => mail.to[0] === officer.email)?.text).toContain('ngày 15/12/2025 (Phó Trưởng ban Thường trực ký)');
    expect(batchMails.find((mail) => mail.to[0] === leader.email)?.text).toContain(`${BASE}/admin/plugins/review/batch`);

    // Not recognised → the officers, with the reason.
    mark = smtp.mails.length;
    const second = await register(otherUnit, province, province.twoTier, 'Dân vận khéo trong giải phóng mặt bằng');
    const secondStarted = await mustDecide(c2.client, second, 'start_review');
    await mustDecide(c2.client, secondStarted, 'decline', 'Chưa khác biệt với nhiệm vụ chuyên môn');
    await deliver();
    expect(summary(since(mark))).toEqual(
      [
        [c2.email, 'Mô hình mới chờ xét duyệt: «Dân vận khéo trong giải phóng mặt bằng»'],
        [otherUnit.email, 'Mô hình «Dân vận khéo trong giải phóng mặt bằng» không được công nhận'],
      ].sort()
    );

    // Every row sent once, under its own Message-ID.
    const rows = await outbox();
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    expect(smtp.mails.map((mail) => mail.messageId).sort()).toEqual(rows.map((row) => row.message_id).sort());
    expect(new Set(smtp.mails.map((mail) => mail.messageId)).size).toBe(smtp.mails.length);
  });

  it('writes nothing for a refused decision, and the notifications of a committed one with it', async () => {
    const model = await register(otherUnit, province, province.twoTier, 'Mô hình bị từ chối thao tác');
    const before = (await outbox()).length;
    const inboxBefore = Number(((await knex()(INBOX).count({ n: '*' })) as Array<{ n: number | string }>)[0].n);
    // Recognising without the criteria met is refused (400): the transaction rolls back, notifications too.
    const started = await mustDecide(c2.client, model, 'start_review');
    const refused = await decide(c2.client, model.documentId, { action: 'recognize', version: started.version });
    expect(refused.status).toBe(400);
    const stale = await decide(c2.client, model.documentId, { action: 'return', version: model.version, reason: 'Cũ' });
    expect(stale.status).toBe(409);
    expect((await outbox()).length).toBe(before);
    expect(Number(((await knex()(INBOX).count({ n: '*' })) as Array<{ n: number | string }>)[0].n)).toBe(inboxBefore);
    await deliver();
  });

  describe('inboxes', () => {
    it('lists an officer their own notifications, newest first, and marks them read', async () => {
      const list = await officer.client.get('/api/review/officer/notifications');
      expect(list.status).toBe(200);
      const { results, unread, pagination } = list.body.data;
      expect(results.map((item: { kind: string }) => item.kind)).toEqual(['batch_decision', 'proposed', 'recognized', 'returned']);
      expect(unread).toBe(4);
      expect(pagination).toMatchObject({ page: 1, total: 4 });
      expect(results[3].body).toContain('Lý do: Bổ sung số liệu kết quả năm 2025');
      expect(results[3].link).toMatch(`${BASE}/dang-ky/#/mo-hinh/`);

      const read = await officer.client.post('/api/review/officer/notifications/read').send({ ids: [results[3].id] });
      expect(read.status).toBe(200);
      expect(read.body.data).toEqual({ unread: 3 });
      expect((await officer.client.get('/api/review/officer/notifications?unread=true')).body.data.results).toHaveLength(3);
      expect((await officer.client.get('/api/review/officer/notifications/unread')).body.data).toEqual({ unread: 3 });
    });

    it("never shows or changes another person's notifications", async () => {
      const mine = (await officer.client.get('/api/review/officer/notifications')).body.data.results as Array<{ id: number }>;
      // Another unit's officer marking my ids read changes nothing of mine.
      const foreign = await otherUnit.client.post('/api/review/officer/notifications/read').send({ ids: mine.map((item) => item.id) });
      expect(foreign.status).toBe(200);
      expect((await officer.client.get('/api/review/officer/notifications/unread')).body.data).toEqual({ unread: 3 });
      const theirs = (await otherUnit.client.get('/api/review/officer/notifications')).body.data.results as Array<{ id: number }>;
      expect(theirs.some((item) => mine.some((own) => own.id === item.id))).toBe(false);
      // The admin inbox of a reviewer holds only what was addressed to them as an admin user.
      const reviewer = (await c1.client.get('/review/notifications')).body.data;
      expect(reviewer.results.map((item: { kind: string }) => item.kind)).toEqual(['registered', 'registered']);
      expect(reviewer.results[0].link).toMatch(`${BASE}/admin/plugins/review/models/`);
      // Without a session: refused on both sides.
      expect((await app.http().get('/api/review/officer/notifications')).status).toBe(403);
      expect((await app.http().get('/review/notifications')).status).toBe(401);
    });

    it('lets an admin user mark everything read, and refuses malformed requests in Vietnamese', async () => {
      expect((await c1.client.get('/review/notifications/unread')).body.data).toEqual({ unread: 2 });
      expect((await c1.client.post('/review/notifications/read').send({ all: true })).body.data).toEqual({ unread: 0 });
      const bad = await c1.client.post('/review/notifications/read').send({ ids: ['x'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^ids\.0: /);
      const neither = await c1.client.post('/review/notifications/read').send({});
      expect(neither.body.error.message).toBe('Chọn các thông báo cần đánh dấu đã đọc (ids) hoặc tất cả (all: true)');
      const tooBig = await officer.client.get('/api/review/officer/notifications?pageSize=500');
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.error.message).toMatch(/pageSize/);
      expect((await officer.client.get('/api/review/officer/notifications?populate=*')).status).toBe(400);
    });
  });

  describe('preferences', () => {
    it('offers each person the kinds they can receive, and refuses others', async () => {
      const prefs = await officer.client.get('/api/review/officer/notifications/preferences');
      expect(prefs.body.data).toEqual({
        mutedKinds: [],
        emailMode: 'instant',
        kinds: ['returned', 'not_recognized', 'recognized', 'proposed', 'batch_decision', 'deadline_reminder'],
      });
      const foreign = await officer.client.put('/api/review/officer/notifications/preferences').send({ mutedKinds: ['registered'], emailMode: 'instant' });
      expect(foreign.status).toBe(400);
      expect(foreign.body.error.message).toBe('Tài khoản không nhận các loại thông báo: registered.');
      const unknown = await officer.client.put('/api/review/officer/notifications/preferences').send({ mutedKinds: ['spam'], emailMode: 'weekly' });
      expect(unknown.status).toBe(400);
      const admin = await c1.client.get('/review/notifications/preferences');
      expect(admin.body.data.kinds).toEqual(['registered', 'proposal_received', 'batch_decision', 'waiting_reminder']);
    });

    it('sends no e-mail of a muted kind (the inbox keeps it), and gathers a digest once a day', async () => {
      const muted = await officer.client.put('/api/review/officer/notifications/preferences').send({ mutedKinds: ['returned'], emailMode: 'instant' });
      expect(muted.body.data).toMatchObject({ mutedKinds: ['returned'], emailMode: 'instant' });
      const digest = await colleague.client.put('/api/review/officer/notifications/preferences').send({ mutedKinds: [], emailMode: 'digest' });
      expect(digest.body.data).toMatchObject({ mutedKinds: [], emailMode: 'digest' });

      const mark = smtp.mails.length;
      const model = await register(officer, province, province.twoTier, 'Camera an ninh do dân góp vốn');
      const started = await mustDecide(c1.client, model, 'start_review');
      await mustDecide(c1.client, started, 'return', 'Thiếu biên bản họp dân');
      await deliver();
      // The reviewer's mail only: the officer muted returns, the colleague is on the digest.
      expect(summary(since(mark))).toEqual([[c1.email, 'Mô hình mới chờ xét duyệt: «Camera an ninh do dân góp vốn»']]);
      const inbox = (await officer.client.get('/api/review/officer/notifications')).body.data.results;
      expect(inbox[0]).toMatchObject({ kind: 'returned', title: 'Mô hình «Camera an ninh do dân góp vốn» được trả lại để bổ sung' });

      const day = new Date('2026-12-03T00:00:00Z');
      expect(await service().buildDigests(day)).toBe(1);
      expect(await service().buildDigests(day)).toBe(0);
      await deliver({ now: () => day.getTime() });
      const digests = since(mark).filter((mail) => mail.to[0] === colleague.email);
      expect(digests).toHaveLength(1);
      expect(digests[0].subject).toBe('Tổng hợp 1 thông báo ngày 03/12/2026');
      expect(digests[0].text).toContain('Mô hình «Camera an ninh do dân góp vốn» được trả lại để bổ sung');
      expect(digests[0].text).toContain('Lý do: Thiếu biên bản họp dân');

      // Back to instant mail for the tests that follow.
      await officer.client.put('/api/review/officer/notifications/preferences').send({ mutedKinds: [], emailMode: 'instant' }).expect(200);
      await colleague.client.put('/api/review/officer/notifications/preferences').send({ mutedKinds: [], emailMode: 'instant' }).expect(200);
    });
  });

  describe('delivery', () => {
    /** Outbox rows straight in the table, for the dispatcher alone. */
    const queue = async (count: number, tag: string, at = Date.now()) => {
      const rows = Array.from({ length: count }, (_, index) => ({
        idempotency_key: `test:${tag}:${index}`,
        kind: 'registered',
        recipient_type: 'admin',
        recipient_id: 1,
        to_address: `${tag}-${index}@sonha.test`,
        subject: `Thư ${tag} số ${index + 1}`,
        text: 'Nội dung',
        html: '<p>Nội dung</p>',
        message_id: `<${tag}-${index}@sonha.test>`,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        created_at: at,
      }));
      await knex()(OUTBOX).insert(rows);
      return rows.map((row) => row.message_id);
    };
    const rowsOf = async (ids: string[]) => (await knex()(OUTBOX).whereIn('message_id', ids).orderBy('id')) as OutboxRow[];
    const accepted = (ids: string[]) => smtp.mails.filter((mail) => ids.includes(mail.messageId));

    it('retries while the mail server refuses, waiting twice as long each time, then delivers once', async () => {
      const T = Date.now();
      const [id] = await queue(1, 'retry', T);
      smtp.mode = 'refuse';
      expect(await deliver({ now: () => T })).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
      let [row] = await rowsOf([id]);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(Number(row.next_attempt_at)).toBe(T + 60_000);
      expect(row.last_error).toMatch(/451/);
      expect(await deliver({ now: () => T + 59_999 })).toMatchObject({ claimed: 0 });
      expect(await deliver({ now: () => T + 60_000 })).toMatchObject({ claimed: 1, retried: 1 });
      [row] = await rowsOf([id]);
      expect(Number(row.next_attempt_at)).toBe(T + 60_000 + 120_000);

      smtp.mode = 'accept';
      expect(await deliver({ now: () => T + 180_000 })).toMatchObject({ claimed: 1, sent: 1 });
      [row] = await rowsOf([id]);
      expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
      expect(accepted([id])).toHaveLength(1);
    });

    it('gives up after the retry limit, shows the dead letter to admins who manage notifications, and sends it when queued again', async () => {
      const T = Date.now();
      const [id] = await queue(1, 'dead', T);
      smtp.mode = 'refuse';
      const quiet = { warn: () => undefined, error: () => undefined };
      await deliver({ now: () => T, maxAttempts: 2, log: quiet });
      expect(await deliver({ now: () => T + 60_000, maxAttempts: 2, log: quiet })).toMatchObject({ dead: 1 });
      smtp.mode = 'accept';
      expect(await deliver({ now: () => T + 10_000_000 })).toMatchObject({ claimed: 0 });

      const [row] = await rowsOf([id]);
      expect(row.status).toBe('dead');
      expect((await c1.client.get('/review/notifications/dead-letters')).status).toBe(403);
      const letters = await superAdmin.client.get('/review/notifications/dead-letters');
      expect(letters.status).toBe(200);
      expect(letters.body.data).toEqual([expect.objectContaining({ id: row.id, to: 'dead-0@sonha.test', attempts: 2, lastError: expect.stringMatching(/451/) })]);

      expect((await c1.client.post(`/review/notifications/dead-letters/${row.id}/retry`)).status).toBe(403);
      expect((await superAdmin.client.post('/review/notifications/dead-letters/999999/retry')).status).toBe(404);
      expect((await superAdmin.client.post(`/review/notifications/dead-letters/${row.id}/retry`)).status).toBe(200);
      expect((await superAdmin.client.post(`/review/notifications/dead-letters/${row.id}/retry`)).status).toBe(404);
      expect(await deliver()).toMatchObject({ sent: 1 });
      expect(accepted([id])).toHaveLength(1);
      expect((await superAdmin.client.get('/review/notifications/dead-letters')).body.data).toEqual([]);
    });

    const runChild = (env: Record<string, string>) => {
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'helpers', 'dispatcher-child.js')], {
        env: { ...process.env, SMTP_PORT: String(smtp.port), LEASE_MS: '60000', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal, stderr }))
      );
      return { child, exited };
    };

    it('loses nothing and sends nothing twice when the dispatcher is killed in the middle of a send', async () => {
      const ids = await queue(3, 'killed');
      smtp.mode = 'hold';
      const { child, exited } = runChild({});
      await Promise.race([smtp.held, exited.then((result) => Promise.reject(new Error(`dispatcher exited early: ${JSON.stringify(result)}`)))]);
      // The first message is half-way through DATA; the server has not accepted it.
      const claimed = await rowsOf(ids);
      expect(claimed.map((row) => [row.status, row.lease_owner])).toEqual([
        ['sending', 'child'],
        ['sending', 'child'],
        ['sending', 'child'],
      ]);
      child.kill('SIGKILL');
      expect((await exited).signal).toBe('SIGKILL');
      smtp.mode = 'accept';

      // While the dead dispatcher's lease runs, nobody takes its rows over; they are not lost either.
      expect(await deliver()).toMatchObject({ claimed: 0 });
      expect((await rowsOf(ids)).every((row) => row.status === 'sending')).toBe(true);
      // After the lease: delivered, each exactly once (the interrupted DATA was never accepted).
      expect(await deliver({ now: () => Date.now() + 60_001 })).toMatchObject({ claimed: 3, sent: 3 });
      expect((await rowsOf(ids)).map((row) => [row.status, row.attempts])).toEqual([
        ['sent', 2],
        ['sent', 2],
        ['sent', 2],
      ]);
      expect(accepted(ids).map((mail) => mail.messageId).sort()).toEqual([...ids].sort());
    });

    it('after a crash between acceptance and marking, sends again under the same Message-ID (at least once), which the mailbox keeps once', async () => {
      const [id] = await queue(1, 'crash-after-send');
      const { exited } = runChild({ CRASH_AFTER_SEND: '1' });
      expect((await exited).signal).toBe('SIGKILL');
      expect(accepted([id])).toHaveLength(1);
      const [row] = await rowsOf([id]);
      expect(row.status).toBe('sending');

      expect(await deliver({ now: () => Date.now() + 60_001 })).toMatchObject({ sent: 1 });
      // The unavoidable window: two copies left, with one Message-ID; a mailbox de-duplicating on it shows one.
      expect(accepted([id]).map((mail) => mail.messageId)).toEqual([id, id]);
      expect(smtp.mailboxOf('crash-after-send-0@sonha.test')).toHaveLength(1);
      expect((await rowsOf([id]))[0].status).toBe('sent');
    });

    it('delivers each mail once with two dispatchers working at the same time', async () => {
      const ids = await queue(40, 'pair');
      const first = createAppDispatcher(app.strapi, { owner: 'first', batchSize: 3 });
      const second = createAppDispatcher(app.strapi, { owner: 'second', batchSize: 3 });
      const [a, b] = await Promise.all([first.runOnce({ maxBatches: 100 }), second.runOnce({ maxBatches: 100 })]);
      expect(a.sent + b.sent).toBe(40);
      expect(a.lost + b.lost).toBe(0);
      expect(accepted(ids).map((mail) => mail.messageId).sort()).toEqual([...ids].sort());
      expect((await rowsOf(ids)).every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    });

    it('lets a second dispatcher claim other rows while one holds some (SKIP LOCKED on PostgreSQL; one writer on SQLite)', async () => {
      const ids = await queue(4, 'locked');
      const rows = await rowsOf(ids);
      const second = createAppDispatcher(app.strapi, { owner: 'second', batchSize: 10 });
      if (app.db === 'postgres') {
        // Another dispatcher's claim in progress: it holds the row locks of the first two rows.
        const trx = await knex().transaction();
        await trx(OUTBOX).whereIn('id', [rows[0].id, rows[1].id]).forUpdate().select('id');
        const claimed = await second.claim();
        await trx.rollback();
        expect(claimed.map((row) => row.id)).toEqual([rows[2].id, rows[3].id]);
      } else {
        // SQLite serialises writers: two claims at once never share a row.
        const first = createAppDispatcher(app.strapi, { owner: 'first', batchSize: 2 });
        const [x, y] = await Promise.all([first.claim(), second.claim()]);
        expect([...x, ...y].map((row) => row.id).sort((m, n) => m - n)).toEqual(rows.map((row) => row.id));
      }
      await knex()(OUTBOX).whereIn('message_id', ids).update({ status: 'pending', lease_owner: null, lease_until: null });
      expect(await deliver()).toMatchObject({ sent: 4 });
    });
  });

  describe('reminders (controlled clock)', () => {
    it('reminds units with drafts 7 days before registration closes, once per period and closing day', async () => {
      await app.strapi.documents('api::period.period').update({ documentId: province.twoTier.documentId, data: { registrationEnd: '2026-12-20' } as never });
      const draft = await officer.client
        .post('/api/review/officer/initiatives')
        .send({ title: 'Nháp chưa đăng ký', summary: 'Tóm tắt', field: province.field.documentId, period: province.twoTier.documentId });
      expect(draft.status).toBe(201);

      expect(await service().remindDeadlines(new Date('2026-12-12T12:00:00Z'))).toBe(0); // 19:00 on 12/12 in Vietnam: 8 days left
      expect(await service().remindDeadlines(new Date('2026-12-12T17:30:00Z'))).toBe(2); // 00:30 on 13/12 in Vietnam: 7 days
      expect(await service().remindDeadlines(new Date('2026-12-13T09:00:00Z'))).toBe(0);
      expect(await service().remindDeadlines(new Date('2026-12-16T09:00:00Z'))).toBe(0);

      const mark = smtp.mails.length;
      await deliver({ now: () => Date.parse('2026-12-13T00:00:00Z') });
      const mails = since(mark);
      expect(summary(mails)).toEqual(
        [officer.email, colleague.email].sort().map((email) => [email, 'Hạn đăng ký mô hình Năm 2025 kết thúc sau 7 ngày (20/12/2026)'])
      );
      expect(mails[0].text).toContain('Đơn vị còn 1 mô hình ở trạng thái nháp trong Năm 2025');
      expect(mails[0].text).toContain(`${BASE}/dang-ky/#/`);
    });

    it("reminds a level's reviewers of models waiting longer than N days, at most once a day", async () => {
      const model = await register(otherUnit, province, province.twoTier, 'Mô hình chờ xét lâu');
      const now = Date.now();
      const day = 24 * 60 * 60 * 1000;
      const mark = smtp.mails.length;
      await deliver();
      await service().remindWaiting(new Date(now + 14 * day), 14);
      expect((await knex()(INBOX).where({ kind: 'waiting_reminder', recipient_id: c2.id, recipient_type: 'admin' })).length).toBe(0);
      await service().remindWaiting(new Date(now + 15 * day + 60_000), 14);
      await service().remindWaiting(new Date(now + 15 * day + 120_000), 14);
      await deliver({ now: () => now + 16 * day });
      const reminders = since(mark).filter((mail) => mail.to[0] === c2.email && mail.subject.includes('chờ xét duyệt quá 14 ngày'));
      expect(reminders).toHaveLength(1);
      expect(reminders[0].text).toContain('«Mô hình chờ xét lâu» (15 ngày)');
      expect(reminders[0].text).toContain(`${BASE}/admin/plugins/review`);
      expect(since(mark).some((mail) => mail.to[0] === c1.email && mail.text.includes('Mô hình chờ xét lâu'))).toBe(false);
      expect(model.documentId).toBeTruthy();
    });
  });

  describe('password resets through SMTP', () => {
    it("mails an officer the registration app's reset link in Vietnamese", async () => {
      const res = await app.http().post('/api/auth/forgot-password').send({ email: officer.email });
      expect(res.status).toBe(200);
      const mail = await smtp.waitUntil((candidate) => candidate.to[0] === officer.email && candidate.subject === OFFICER_RESET_SUBJECT);
      expect(mail.text).toMatch(new RegExp(`${BASE}/dang-ky/\\?code=[0-9a-f]+`));
      expect(mail.from).toBe('danvan@sonha.test');
    });

    it("mails an admin user the admin panel's reset link in Vietnamese", async () => {
      const res = await app.http().post('/admin/forgot-password').send({ email: c1.email });
      expect(res.status).toBe(204);
      const mail = await smtp.waitUntil((candidate) => candidate.to[0] === c1.email && candidate.subject.startsWith('Đặt lại mật khẩu trang quản trị'));
      expect(mail.text).toMatch(new RegExp(`${BASE}/admin/auth/reset-password\\?code=[0-9a-f]+`));
    });
  });
});
