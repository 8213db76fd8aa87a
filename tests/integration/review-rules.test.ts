import { compareCube } from '../../src/domain/initiative-cube';
import {
  buildProvince,
  CRITERIA,
  createOfficer,
  createReviewer,
  decide,
  mustDecide,
  register,
  startAssessRecognise,
  type Province,
} from '../helpers/review';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, createApiUser, type AdminUser, type ApiUser } from '../helpers/users';

const INITIATIVE = 'api::initiative.initiative';
const EVENT = 'plugin::review.review-event';

describe('review rules: refusals from both sides', () => {
  let app: TestApp;
  let province: Province;
  let officer1: ApiUser;
  let officer4: ApiUser;
  let communeOfficer: ApiUser;
  let c1: AdminUser;
  let c1bis: AdminUser;
  let c2: AdminUser;

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    officer1 = await createOfficer(app, province.villages[0]);
    officer4 = await createOfficer(app, province.villages[3]);
    communeOfficer = await createOfficer(app, province.C1);
    c1 = await createReviewer(app, province.C1);
    c1bis = await createReviewer(app, province.C1);
    c2 = await createReviewer(app, province.C2);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const stored = (documentId: string) =>
    app.strapi.db.query(INITIATIVE).findOne({
      where: { documentId },
      select: ['reviewState', 'version'],
      populate: { reviewLevel: { select: ['code'] } },
    }) as Promise<{ reviewState: string; version: number; reviewLevel: { code: string } | null }>;

  describe('scope', () => {
    it('lets the commune above the owner act, and answers 404 to another commune as for a missing model', async () => {
      const model = await register(officer1, province, province.threeTier, 'Phạm vi xã');
      const outside = await decide(c2.client, model.documentId, { action: 'start_review', version: model.version });
      const missing = await decide(c2.client, 'khong-ton-tai', { action: 'start_review', version: model.version });
      expect(outside.status).toBe(404);
      expect(outside.body.error).toEqual(missing.body.error);
      expect((await c2.client.get(`/review/initiatives/${model.documentId}`)).status).toBe(404);

      const inside = await decide(c1.client, model.documentId, { action: 'start_review', version: model.version });
      expect(inside.status).toBe(200);
      expect(inside.body.data.state).toBe('under_review');
    });

    it("lists in the queue only the models of the reviewer's scope and level", async () => {
      const mine = await register(officer1, province, province.threeTier, 'Trong hàng đợi xã 1');
      const theirs = await register(officer4, province, province.threeTier, 'Trong hàng đợi xã 2');
      const queue = await c1.client.get('/review/queue?pageSize=100');
      expect(queue.status).toBe(200);
      const ids = queue.body.data.results.map((row: { documentId: string }) => row.documentId);
      expect(ids).toContain(mine.documentId);
      expect(ids).not.toContain(theirs.documentId);
      expect(queue.body.data.pagination).toMatchObject({ page: 1, pageSize: 100 });
    });

    it('applies the same scope in the Content Manager through the RBAC condition', async () => {
      const mine = await register(officer1, province, province.threeTier, 'Xem trong trình quản lý nội dung');
      const theirs = await register(officer4, province, province.threeTier, 'Không thấy trong trình quản lý');
      const list = await c1.client.get(`/content-manager/collection-types/${INITIATIVE}?page=1&pageSize=100`);
      expect(list.status).toBe(200);
      const ids = list.body.results.map((row: { documentId: string }) => row.documentId);
      expect(ids).toContain(mine.documentId);
      expect(ids).not.toContain(theirs.documentId);
      const forbidden = await c1.client.get(`/content-manager/collection-types/${INITIATIVE}/${theirs.documentId}`);
      expect(forbidden.status).toBe(403);
    });

    it('refuses a commune deciding on its own unit model (conflict of interest), which goes to the district', async () => {
      const own = await register(communeOfficer, province, province.threeTier, 'Mô hình của chính xã');
      expect((await stored(own.documentId)).reviewLevel?.code).toBe('district');
      const res = await decide(c1.client, own.documentId, { action: 'start_review', version: own.version });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/chính đơn vị mình/);
    });

    it('refuses admin users who review for no unit', async () => {
      const editor = await createAdminUser(app, { roles: ['dvk-reviewer'] });
      const res = await editor.client.get('/review/queue');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/chưa được gán đơn vị/);
      const plain = await createAdminUser(app, { roles: ['dvk-editor'] });
      expect((await plain.client.get('/review/queue')).status).toBe(403);
    });
  });

  it('gives editors the news and nothing of the review', async () => {
    const editor = await createAdminUser(app, { roles: ['dvk-editor'] });
    const article = await editor.client.post('/content-manager/collection-types/api::article.article').send({ title: 'Tin của biên tập viên' });
    expect(article.status).toBe(201);
    const published = await editor.client
      .post(`/content-manager/collection-types/api::article.article/${article.body.data.documentId}/actions/publish`)
      .send({});
    expect(published.status).toBe(200);
    expect((await editor.client.get(`/content-manager/collection-types/${INITIATIVE}`)).status).toBe(403);
    expect((await editor.client.get('/review/queue')).status).toBe(403);
  });

  describe('decisions', () => {
    it('answers 409 to a stale version and changes nothing', async () => {
      const model = await register(officer1, province, province.threeTier, 'Phiên bản cũ');
      const started = await mustDecide(c1.client, model, 'start_review');
      const stale = await decide(c1.client, model.documentId, { action: 'return', version: model.version, reason: 'x' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.details.currentVersion).toBe(started.version);
      expect(await stored(model.documentId)).toMatchObject({ reviewState: 'under_review', version: started.version });
    });

    it('refuses recognition with unmet required criteria, listing them (an optional one may stay open)', async () => {
      const model = await register(officer1, province, province.threeTier, 'Chưa đạt tiêu chí');
      const started = await mustDecide(c1.client, model, 'start_review');
      await c1.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: [{ code: 'TT1', result: 'met' }, { code: 'TT2', result: 'not_met', note: 'Chưa rõ' }] })
        .expect(200);
      const refused = await decide(c1.client, model.documentId, { action: 'recognize', version: started.version });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.unmetCriteria).toEqual(['TT2', 'TT3']);
      expect(refused.body.error.message).toContain('TT2, TT3');

      await c1.client
        .put(`/review/initiatives/${model.documentId}/assessments`)
        .send({ items: [{ code: 'TT2', result: 'met' }, { code: 'TT3', result: 'met' }] })
        .expect(200);
      const ok = await decide(c1.client, model.documentId, { action: 'recognize', version: started.version });
      expect(ok.status).toBe(200);
      expect(ok.body.data.recognitionLevel).toBe('commune');
    });

    it('judges a model by the criteria snapshotted when it entered the level, whatever later edits say', async () => {
      const model = await register(officer1, province, province.threeTier, 'Bộ tiêu chí đã chụp');
      const sets = app.strapi.documents('api::criteria-set.criteria-set');
      await sets.update({
        documentId: province.collective.documentId,
        data: { criteria: [{ code: 'TT1', text: 'Tiêu chí đã sửa sau khi đăng ký', required: true }, { code: 'TT9', text: 'Tiêu chí mới', required: true }] },
      });
      const detail = await c1.client.get(`/review/initiatives/${model.documentId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.data.assessments.map((a: { code: string; text: string }) => [a.code, a.text])).toEqual(
        CRITERIA.map((c) => [c.code, c.text])
      );
      await sets.update({ documentId: province.collective.documentId, data: { criteria: CRITERIA } });
    });

    it('requires a reason to return or decline', async () => {
      const model = await register(officer1, province, province.threeTier, 'Thiếu lý do');
      const started = await mustDecide(c1.client, model, 'start_review');
      for (const action of ['return', 'decline']) {
        const res = await decide(c1.client, model.documentId, { action, version: started.version, reason: '  ' });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/lý do/);
      }
      expect((await stored(model.documentId)).reviewState).toBe('under_review');
    });

    it('answers 400 to malformed bodies and 409 to a transition the state does not allow', async () => {
      const model = await register(officer1, province, province.threeTier, 'Dữ liệu sai');
      const bad = await decide(c1.client, model.documentId, { action: 'approve', version: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path[0]).sort()).toEqual(['action', 'version']);
      const early = await decide(c1.client, model.documentId, { action: 'recognize', version: model.version });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(/Công nhận/);
    });

    it('lets exactly one of two reviewers deciding at the same instant win', async () => {
      for (let trial = 0; trial < 10; trial += 1) {
        const model = await register(officer1, province, province.threeTier, `Đồng thời ${trial}`);
        const started = await startAssessRecognise(c1.client, model, false);
        const [a, b] = await Promise.all([
          decide(c1.client, model.documentId, { action: 'recognize', version: started.version }),
          decide(c1bis.client, model.documentId, { action: 'decline', version: started.version, reason: 'Không đạt' }),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const winner = a.status === 200 ? 'recognized' : 'not_recognized';
        expect(await stored(model.documentId)).toMatchObject({ reviewState: winner, version: started.version + 1 });
        const decisions = await app.strapi.db
          .query(EVENT)
          .count({ where: { initiativeDocumentId: model.documentId, action: { $in: ['recognize', 'decline'] } } });
        expect(decisions).toBe(1);
      }
      // Only the winners' transitions reached the statistics cube.
      const cube = await compareCube(app.strapi);
      expect(Object.fromEntries(cube.stored)).toEqual(Object.fromEntries(cube.live));
    });

    it('writes nothing when a transition fails half-way (audit insert fails after the state change)', async () => {
      const model = await register(officer1, province, province.threeTier, 'Lỗi giữa chừng');
      const started = await startAssessRecognise(c1.client, model, false);
      const recognised = await mustDecide(c1.client, started, 'recognize');
      const assessmentsBefore = await app.strapi.db.query('plugin::review.assessment').count({});
      const eventsBefore = await app.strapi.db.query(EVENT).count({});

      let failing = true;
      app.strapi.db.lifecycles.subscribe({
        models: [EVENT],
        beforeCreate() {
          if (failing) throw new Error('audit store unavailable');
        },
      });
      // Proposing changes the state, the level and snapshots the next level's criteria, then writes the event.
      const res = await decide(c1.client, model.documentId, { action: 'propose', version: recognised.version });
      failing = false;
      expect(res.status).toBe(500);
      expect(await stored(model.documentId)).toMatchObject({ reviewState: 'recognized', version: recognised.version, reviewLevel: { code: 'commune' } });
      expect(await app.strapi.db.query('plugin::review.assessment').count({})).toBe(assessmentsBefore);
      expect(await app.strapi.db.query(EVENT).count({})).toBe(eventsBefore);
      // The cube's change was rolled back with the rest.
      const cube = await compareCube(app.strapi);
      expect(Object.fromEntries(cube.stored)).toEqual(Object.fromEntries(cube.live));

      const retried = await decide(c1.client, model.documentId, { action: 'propose', version: recognised.version });
      expect(retried.status).toBe(200);
      expect(retried.body.data).toMatchObject({ state: 'proposed', level: 'district' });
    });

    it('refuses a whole batch when one item breaks a rule, and names it', async () => {
      const p = await createReviewer(app, province.P);
      const leader = await createReviewer(app, province.P, 'dvk-leadership');
      const reviewerD = await createReviewer(app, province.D);
      const ready = [];
      for (const title of ['Lô 1', 'Lô 2']) {
        const model = await register(officer1, province, province.twoTier, title);
        const atCommune = await startAssessRecognise(c1.client, model);
        const proposed = await mustDecide(c1.client, atCommune, 'propose');
        ready.push(proposed);
      }
      await p.client
        .put(`/review/initiatives/${ready[0].documentId}/assessments`)
        .send({ items: CRITERIA.map((c) => ({ code: c.code, result: 'met' })) })
        .expect(200);
      const batch = await leader.client.post('/review/batch-decisions').send({
        number: '99-QĐ/TEST',
        date: '2025-12-01',
        signer: 'Trưởng ban',
        items: ready.map(({ documentId, version }) => ({ documentId, version })),
      });
      expect(batch.status).toBe(400);
      expect(batch.body.error.details.items).toEqual([expect.objectContaining({ documentId: ready[1].documentId, status: 400 })]);
      for (const model of ready) expect((await stored(model.documentId)).reviewState).toBe('proposed');
      expect(await app.strapi.db.query('plugin::review.decision').count({ where: { number: '99-QĐ/TEST' } })).toBe(0);

      // Only the leadership role may take batch decisions.
      const notLeader = await reviewerD.client.post('/review/batch-decisions').send({
        number: '98-QĐ/TEST',
        date: '2025-12-01',
        signer: 'x',
        items: [{ documentId: ready[0].documentId, version: ready[0].version }],
      });
      expect(notLeader.status).toBe(403);
    });
  });

  describe('batch decision dates', () => {
    it("recognises on the decision's date, not the day it was entered, and refuses a day that does not exist", async () => {
      const leader = await createReviewer(app, province.P, 'dvk-leadership');
      const model = await register(officer1, province, province.twoTier, 'Quyết định nhập lại từ năm 2022');
      const proposed = await mustDecide(c1.client, await startAssessRecognise(c1.client, model), 'propose');
      await leader.client
        .put(`/review/initiatives/${proposed.documentId}/assessments`)
        .send({ items: CRITERIA.map((c) => ({ code: c.code, result: 'met' })) })
        .expect(200);
      const items = [{ documentId: proposed.documentId, version: proposed.version }];
      const noSuchDay = await leader.client.post('/review/batch-decisions').send({ number: '11-QĐ/2022', date: '2022-02-30', signer: 'Trưởng ban', items });
      expect(noSuchDay.status).toBe(400);
      expect(noSuchDay.body.error.message).toMatch(/Ngày không tồn tại/);

      const batch = await leader.client.post('/review/batch-decisions').send({ number: '11-QĐ/2022', date: '2022-12-26', signer: 'Trưởng ban', items });
      expect(batch.status).toBe(201);
      const row = (await app.strapi.db.query(INITIATIVE).findOne({ where: { documentId: proposed.documentId }, select: ['recognizedAt', 'slug'] })) as {
        recognizedAt: string;
        slug: string;
      };
      expect(new Date(row.recognizedAt).toISOString()).toBe('2022-12-25T17:00:00.000Z');
      const page = await app.http().get(`/api/portal/initiatives/${row.slug}`);
      expect(page.body.data.recognizedAt).toBe('2022-12-26T00:00:00+07:00');

      // The history names the decision on its recognise event, for reviewers and the owner unit.
      for (const client of [leader.client, officer1.client]) {
        const url = client === leader.client ? `/review/initiatives/${proposed.documentId}/history` : `/api/review/officer/initiatives/${proposed.documentId}/history`;
        const events = (await client.get(url)).body.data as Array<{ action: string; decision: { number: string; date: string; signer: string } | null }>;
        expect(events.at(-1)).toMatchObject({ action: 'recognize', decision: { number: '11-QĐ/2022', date: '2022-12-26', signer: 'Trưởng ban' } });
        expect(events.find((event) => event.action === 'propose')?.decision).toBeNull();
      }
    });
  });

  describe('review fields belong to the engine', () => {
    it('refuses a status write through the Content Manager and the document service', async () => {
      const model = await register(officer1, province, province.threeTier, 'Ghi trạng thái trái phép');
      const superAdmin = await createAdminUser(app);
      const cm = await superAdmin.client
        .put(`/content-manager/collection-types/${INITIATIVE}/${model.documentId}`)
        .send({ reviewState: 'recognized' });
      expect(cm.status).toBe(403);

      const draft = await app.strapi.documents(INITIATIVE).create({ data: { title: 'Nháp', subjectType: 'collective', origin: 'new' } });
      await expect(
        app.strapi.documents(INITIATIVE).update({ documentId: draft.documentId, data: { reviewState: 'recognized' } })
      ).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(
        app.strapi.documents(INITIATIVE).create({ data: { title: 'Tự công nhận', reviewState: 'recognized', subjectType: 'collective', origin: 'new' } })
      ).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(
        app.strapi.documents(INITIATIVE).update({ documentId: draft.documentId, data: { version: 7 } })
      ).rejects.toMatchObject({ name: 'PolicyError' });
      expect((await stored(draft.documentId)).reviewState).toBe('draft');

      // Unchanged values sent back by a form are accepted.
      const same = await app.strapi.documents(INITIATIVE).update({
        documentId: draft.documentId,
        data: { title: 'Nháp đã sửa', reviewState: 'draft', version: 0 },
      });
      expect(same?.title).toBe('Nháp đã sửa');
    });

    it('keeps the audit trail append-only at every layer', async () => {
      const model = await register(officer1, province, province.threeTier, 'Nhật ký bất biến');
      const event = (await app.strapi.db.query(EVENT).findOne({ where: { initiativeDocumentId: model.documentId } })) as { id: number; documentId: string };
      await expect(app.strapi.db.query(EVENT).update({ where: { id: event.id }, data: { reason: 'sửa' } })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(app.strapi.db.query(EVENT).delete({ where: { id: event.id } })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(app.strapi.db.query(EVENT).deleteMany({ where: {} })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(app.strapi.documents(EVENT).delete({ documentId: event.documentId })).rejects.toMatchObject({ name: 'PolicyError' });
      await expect(app.strapi.documents(EVENT).update({ documentId: event.documentId, data: { reason: 'x' } })).rejects.toMatchObject({
        name: 'PolicyError',
      });
      const superAdmin = await createAdminUser(app);
      const cm = await superAdmin.client.delete(`/content-manager/collection-types/${EVENT}/${event.documentId}`);
      expect([403, 404]).toContain(cm.status);
      expect(await app.strapi.db.query(EVENT).count({ where: { id: event.id } })).toBe(1);
    });
  });

  describe('unit officers', () => {
    it("answers 404 to an officer reading or acting on another unit's model", async () => {
      const theirs = await register(officer4, province, province.threeTier, 'Của thôn khác');
      expect((await officer1.client.get(`/api/review/officer/initiatives/${theirs.documentId}`)).status).toBe(404);
      expect((await officer1.client.get(`/api/review/officer/initiatives/${theirs.documentId}/history`)).status).toBe(404);
      const withdraw = await officer1.client.post(`/api/review/officer/initiatives/${theirs.documentId}/withdraw`).send({ version: theirs.version });
      expect(withdraw.status).toBe(404);
      const list = await officer1.client.get('/api/review/officer/initiatives?pageSize=100');
      expect(list.body.data.results.map((r: { documentId: string }) => r.documentId)).not.toContain(theirs.documentId);
      expect((await officer4.client.get(`/api/review/officer/initiatives/${theirs.documentId}`)).status).toBe(200);
    });

    it('cannot choose another owner unit or set review fields', async () => {
      const res = await officer1.client
        .post('/api/review/officer/initiatives')
        .send({ title: 'Gán đơn vị khác', ownerUnit: province.villages[3].documentId, reviewState: 'recognized' });
      expect(res.status).toBe(400);
      expect(res.body.error.details.errors[0].message).toMatch(/Khóa không được nhận dạng/);
    });

    it('freezes a submitted model, lets the officer withdraw, and reopens it when returned', async () => {
      const model = await register(officer1, province, province.threeTier, 'Đóng băng khi xét duyệt');
      const edit = await officer1.client.put(`/api/review/officer/initiatives/${model.documentId}`).send({ summary: 'Sửa khi đang xét' });
      expect(edit.status).toBe(403);
      expect(edit.body.error.message).toMatch(/không sửa được/);

      const started = await mustDecide(c1.client, model, 'start_review');
      const returned = await mustDecide(c1.client, started, 'return', 'Bổ sung ảnh minh chứng');
      const detail = await officer1.client.get(`/api/review/officer/initiatives/${model.documentId}`);
      expect(detail.body.data.review.history.at(-1)).toMatchObject({ action: 'return', reason: 'Bổ sung ảnh minh chứng' });
      expect(detail.body.data.review.actions).toEqual(['submit', 'withdraw']);

      const upload = await officer1.client
        .post(`/api/review/officer/initiatives/${model.documentId}/evidence`)
        .attach('files', Buffer.from('%PDF-1.4 minh chung'), { filename: 'minh-chung.pdf', contentType: 'application/pdf' });
      expect(upload.status).toBe(201);
      expect(upload.body.data.evidence.map((f: { name: string }) => f.name)).toEqual(['minh-chung.pdf']);

      const resubmitted = await officer1.client
        .post(`/api/review/officer/initiatives/${model.documentId}/submit`)
        .send({ version: returned.version });
      expect(resubmitted.status).toBe(200);
      expect(resubmitted.body.data).toMatchObject({ state: 'submitted', level: 'commune' });

      const withdrawn = await officer1.client
        .post(`/api/review/officer/initiatives/${model.documentId}/withdraw`)
        .send({ version: resubmitted.body.data.version });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.data.state).toBe('withdrawn');
      const rounds = await app.strapi.db.query('plugin::review.assessment').findMany({
        where: { initiative: { documentId: model.documentId } },
        select: ['round'],
      });
      expect(new Set(rounds.map((r: { round: number }) => r.round))).toEqual(new Set([1, 2]));
    });

    it('refuses to submit an incomplete model, listing what is missing', async () => {
      const created = await officer1.client.post('/api/review/officer/initiatives').send({ title: 'Chưa đủ thông tin' });
      expect(created.status).toBe(201);
      const submitted = await officer1.client
        .post(`/api/review/officer/initiatives/${created.body.data.documentId}/submit`)
        .send({ version: created.body.data.version });
      expect(submitted.status).toBe(400);
      expect(submitted.body.error.details.missing).toEqual(['summary', 'field', 'period']);
      // The message names them as the admin labels them, in Vietnamese.
      expect(submitted.body.error.message).toBe('Chưa đủ thông tin để đăng ký: Tóm tắt, Lĩnh vực, Đợt thi đua.');
    });

    it('refuses officers without a unit, and anonymous callers', async () => {
      const noUnit = await createApiUser(app, { role: 'officer' });
      const res = await noUnit.client.get('/api/review/officer/initiatives');
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/chưa được gán đơn vị/);
      expect((await app.http().get('/api/review/officer/initiatives')).status).toBe(403);
    });

    it('keeps self-registration closed', async () => {
      const res = await app.http().post('/api/auth/local/register').send({ username: 'tu.dang.ky', email: 'tu@dang.ky', password: 'Matkhau@123' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/disabled/);
      expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { username: 'tu.dang.ky' } })).toBe(0);
    });
  });
});
