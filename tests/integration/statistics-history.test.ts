import { CRITERIA, createOfficer, createReviewer, decide, mustDecide, register, startAssessRecognise, type Province } from '../helpers/review';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser, type ApiUser } from '../helpers/users';

type Model = { documentId: string; version: number };
type Step = { code: string; entered: number; waiting: number; underReview: number; recognised: number; returned: number; notRecognised: number; proposedOnward: number; withdrawn: number };

/**
 * A realistic mixed year through HTTP only, and the past years a province
 * digitises: 2022 (three tiers: commune → district → province) is reviewed
 * live by village-, commune-, district- and provincial-body-owned models,
 * each entering at the first level above its owner; 2021 has closed and is
 * entered from paper by provincial staff (registrations on a unit's behalf,
 * outcomes by decision number and date), including a model of a province
 * merged into this one in 2025. The public statistics endpoint then reports
 * the funnel per level, a span of years, unit kinds and units as they were.
 */
describe('statistics of a mixed year and of recorded past years, through HTTP', () => {
  let app: TestApp;
  const units: Record<string, { id: number; documentId: string }> = {};
  const periods: Record<string, { documentId: string }> = {};
  let field: { documentId: string };
  let officers: Record<'V1' | 'C1' | 'C2' | 'D1' | 'AG', ApiUser>;
  let reviewers: Record<'C1' | 'D1' | 'D2' | 'P' | 'leader', AdminUser>;
  let recorder: AdminUser;
  const models: Record<string, Model> = {};

  const stats = async (query: string) => {
    const res = await app.http().get(`/api/portal/statistics?${query}`);
    expect(res.status).toBe(200);
    return res.body.data as {
      total: number;
      from: number;
      to: number;
      byYear: Array<{ year: number; total: number }>;
      byOrigin: Record<string, number>;
      byState: Record<string, number>;
      byRecognitionLevel: Array<{ code: string; count: number }>;
      byUnitKind: Array<{ code: string | null; count: number }>;
      byUnit: Array<{ id: string; code: string | null; kind: string | null; name: string; count: number }>;
      scope: { unit: string | null; name: string | null; kinds: string[] | null };
      funnel: { registered: number; levels: Step[] };
    };
  };
  const level = (funnel: { levels: Step[] }, code: string) => {
    const { code: _code, ...counts } = funnel.levels.find((step) => step.code === code) as Step;
    return counts;
  };
  const row = (documentId: string) =>
    app.strapi.db.query('api::initiative.initiative').findOne({
      where: { documentId },
      select: ['reviewState', 'recognizedAt', 'reviewPath'],
      populate: { reviewLevel: { select: ['code'] }, recognitionLevel: { select: ['code'] } },
    }) as Promise<{ reviewState: string; recognizedAt: string | null; reviewLevel: { code: string } | null; recognitionLevel: { code: string } | null }>;

  beforeAll(async () => {
    app = await startTestApp();
    const fx = fixtures(app.strapi);
    const kind = {
      province: await fx.unitKind('province', { tier: 1, name: 'Tỉnh' }),
      district: await fx.unitKind('district', { tier: 2, name: 'Cấp huyện' }),
      agency: await fx.unitKind('agency', { tier: 2, name: 'Cơ quan, sở, ngành', canReview: false }),
      commune: await fx.unitKind('commune', { tier: 3, name: 'Cấp xã' }),
      village: await fx.unitKind('village', { tier: 4, name: 'Thôn, tổ dân phố', canReview: false }),
    };
    const unit = async (key: string, name: string, data: Record<string, unknown>) => {
      units[key] = await fx.unit(name, data);
    };
    await unit('P', 'Tỉnh Sơn Hà', { kind: kind.province.documentId, code: 'SH' });
    await unit('D1', 'Huyện Bắc Sơn', { kind: kind.district.documentId, parent: units.P.documentId, code: 'SH-H1' });
    await unit('D2', 'Huyện Nam Sơn', { kind: kind.district.documentId, parent: units.P.documentId, code: 'SH-H2' });
    await unit('C1', 'Xã An Phú', { kind: kind.commune.documentId, parent: units.D1.documentId, code: 'SH-X1' });
    await unit('C2', 'Xã Bình Minh', { kind: kind.commune.documentId, parent: units.D2.documentId, code: 'SH-X2' });
    await unit('V1', 'Thôn Đông', { kind: kind.village.documentId, parent: units.C1.documentId, code: 'SH-T1' });
    await unit('AG', 'Sở Nông nghiệp và Môi trường', { kind: kind.agency.documentId, parent: units.P.documentId, code: 'SH-SNN' });
    // A province merged into this one on 1 July 2025, with its district and commune of the time.
    await unit('HB', 'Tỉnh Hòa Bình', { kind: kind.province.documentId, code: 'HB', validTo: '2025-06-30', successor: units.P.documentId });
    await unit('HBD', 'Huyện Lạc Sơn', { kind: kind.district.documentId, parent: units.HB.documentId, code: 'HB-H1', validTo: '2025-06-30' });
    await unit('HBX', 'Xã Ân Nghĩa', { kind: kind.commune.documentId, parent: units.HBD.documentId, code: 'HB-X1', validTo: '2025-06-30' });

    const collective = await fx.criteriaSet('Tiêu chí tập thể (HD 08)', { subjectType: 'collective', guidelineNumber: '08-HD/BDVTU', criteria: CRITERIA });
    const reviewChain = [kind.commune, kind.district, kind.province].map((k) => ({ unitKind: k.documentId }));
    periods[2021] = await fx.period(2021, { reviewChain, criteriaSets: [collective.documentId], registrationStart: '2021-02-01', registrationEnd: '2021-11-30' });
    periods[2022] = await fx.period(2022, { reviewChain, criteriaSets: [collective.documentId] });
    // A period whose registration is still open (its window ends long after any run of this test).
    periods[2026] = await fx.period(2026, { reviewChain, criteriaSets: [collective.documentId], registrationStart: '2026-01-01', registrationEnd: '2099-12-31' });
    field = await fx.field('economy', { name: 'Kinh tế' });

    officers = {
      V1: await createOfficer(app, units.V1),
      C1: await createOfficer(app, units.C1),
      C2: await createOfficer(app, units.C2),
      D1: await createOfficer(app, units.D1),
      AG: await createOfficer(app, units.AG),
    };
    reviewers = {
      C1: await createReviewer(app, units.C1),
      D1: await createReviewer(app, units.D1),
      D2: await createReviewer(app, units.D2),
      P: await createReviewer(app, units.P),
      leader: await createReviewer(app, units.P, 'dvk-leadership'),
    };
    recorder = await createAdminUser(app, { roles: ['dvk-recorder'], firstname: 'Nguyễn Thị', lastname: 'Lưu Trữ' });
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  const registerAs = (officer: ApiUser, year: number, title: string, extra: Record<string, unknown> = {}) =>
    register(officer, { field } as unknown as Province, periods[year], title, extra);

  describe('2021, closed: entered from paper records', () => {
    const record = (body: Record<string, unknown>, client = recorder.client) =>
      client.post('/review/records/initiatives').send({ period: periods[2021].documentId, field: field.documentId, reason: 'Số hóa hồ sơ năm 2021', ...body });

    it('refuses a unit officer submitting into the closed period, whatever the local hour', async () => {
      const created = await officers.C1.client
        .post('/api/review/officer/initiatives')
        .send({ title: 'Mô hình nộp muộn', summary: 'Nộp sau hạn', field: field.documentId, period: periods[2021].documentId });
      expect(created.status).toBe(201);
      const submitted = await officers.C1.client.post(`/api/review/officer/initiatives/${created.body.data.documentId}/submit`).send({ version: created.body.data.version });
      expect(submitted.status).toBe(400);
      expect(submitted.body.error.message).toBe('Đợt thi đua đã hết hạn đăng ký (2021-11-30).');
    });

    it('refuses the recording routes to reviewers and the leadership, and invalid records with a Vietnamese 400', async () => {
      const body = { ownerUnit: units.C1.documentId, title: 'Mô hình thử quyền', summary: 'Thử' };
      for (const client of [reviewers.D1.client, reviewers.leader.client]) {
        expect((await record(body, client)).status).toBe(403);
      }
      const noReason = await record({ ...body, reason: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.message).toContain('Phải nêu lý do ghi nhận');
      const noDecision = await record({ ...body, outcome: { result: 'recognized', level: 'district' } });
      expect(noDecision.status).toBe(400);
      expect(noDecision.body.error.message).toContain('số và ngày của quyết định');
      const wrongLevel = await record({ ...body, outcome: { result: 'not_recognized', level: 'commune' } });
      expect(wrongLevel.status).toBe(400);
      expect(wrongLevel.body.error.message).toBe('Cấp "commune" không thuộc chuỗi xét duyệt mô hình của đơn vị này trong đợt thi đua.');
      // None of the refused records left a model behind.
      expect(await app.strapi.db.query('api::initiative.initiative').count({ where: { title: 'Mô hình thử quyền' } })).toBe(0);
    });

    it('registers on a unit\'s behalf and records outcomes by decision, without replaying the steps', async () => {
      const r1 = await record({ ownerUnit: units.C1.documentId, title: 'Dân vận khéo trong giải phóng mặt bằng', summary: 'Vận động hiến đất làm đường', outcome: { result: 'recognized', level: 'district', decisionNumber: 'QĐ-21/01', decisionDate: '2021-12-10', signer: 'Bí thư Huyện ủy' } });
      expect(r1.status).toBe(201);
      expect(r1.body.data).toMatchObject({ state: 'recognized', level: 'district', recognitionLevel: 'district' });
      models.R1 = r1.body.data;
      const r2 = await record({ ownerUnit: units.V1.documentId, title: 'Tổ tự quản đường hoa', summary: 'Thôn tự quản vệ sinh', outcome: { result: 'recognized', level: 'province', decisionNumber: '05-QĐ/TU', decisionDate: '2021-12-26' } });
      expect(r2.status).toBe(201);
      models.R2 = r2.body.data;
      const r3 = await record({
        ownerUnit: units.V1.documentId,
        title: 'Nhân rộng mô hình "1-2-3" giảm nghèo',
        summary: 'Nhân rộng từ mô hình của tỉnh bạn',
        origin: 'replicated',
        replicatedSourceName: 'Mô hình "1 tổ chức giúp 2 hộ, 3 hộ thoát nghèo"',
        replicatedSourceUnit: 'Hội Nông dân tỉnh Phú Thọ',
        outcome: { result: 'not_recognized', level: 'district', reason: 'Trùng với nhiệm vụ chuyên môn' },
      });
      expect(r3.status).toBe(201);
      models.R3 = r3.body.data;
      // The merged province's commune, as it was in 2021; the same district decision number and date is one decision.
      const r4 = await record({ ownerUnit: units.HBX.documentId, title: 'Camera an ninh do dân góp', summary: '3.100 camera', outcome: { result: 'recognized', level: 'district', decisionNumber: 'QĐ-21/01', decisionDate: '2021-12-10' } });
      expect(r4.status).toBe(201);
      models.R4 = r4.body.data;
      // Registered first (as an import would), its outcome recorded afterwards.
      const r5 = await record({ ownerUnit: units.AG.documentId, title: 'Nông dân chuyển đổi số', summary: 'Sàn nông sản' });
      expect(r5.status).toBe(201);
      expect(r5.body.data).toMatchObject({ state: 'submitted', level: 'province' });
      const outcome = await recorder.client
        .post(`/review/records/initiatives/${r5.body.data.documentId}/outcome`)
        .send({ result: 'recognized', level: 'province', decisionNumber: '05-QĐ/TU', decisionDate: '2021-12-26', reason: 'Theo Quyết định 05-QĐ/TU' });
      expect(outcome.status).toBe(200);
      models.R5 = outcome.body.data;
      // A decision number already used with another date is refused.
      const clash = await recorder.client
        .post(`/review/records/initiatives/${models.R3.documentId}/outcome`)
        .send({ result: 'recognized', level: 'province', decisionNumber: '05-QĐ/TU', decisionDate: '2021-12-27', reason: 'Nhầm ngày' });
      expect(clash.status).toBe(409);

      // The model stands as a live review would leave it; recognised on the decision's day in Vietnam.
      expect(await row(models.R2.documentId)).toMatchObject({
        reviewState: 'recognized',
        reviewLevel: { code: 'province' },
        recognitionLevel: { code: 'province' },
      });
      expect(new Date((await row(models.R2.documentId)).recognizedAt as string).toISOString()).toBe('2021-12-25T17:00:00.000Z');
      expect(await row(models.R3.documentId)).toMatchObject({ reviewState: 'not_recognized', reviewLevel: { code: 'district' }, recognitionLevel: { code: 'commune' } });
      const decisions = (await app.strapi.db.query('plugin::review.decision').findMany({ select: ['number'], populate: { initiatives: { select: ['documentId'] } }, orderBy: { number: 'asc' } })) as Array<{ number: string; initiatives: Array<{ documentId: string }> }>;
      expect(decisions.map((decision) => [decision.number, decision.initiatives.length])).toEqual([
        ['05-QĐ/TU', 2],
        ['QĐ-21/01', 2],
      ]);
    });

    it('audits each record as recorded, with the person and the reason', async () => {
      const events = (await app.strapi.db.query('plugin::review.review-event').findMany({
        where: { initiativeDocumentId: models.R5.documentId },
        select: ['action', 'toState', 'levelCode', 'actorName', 'reason', 'recorded'],
        populate: { decision: { select: ['number'] } },
        orderBy: { id: 'asc' },
      })) as Array<Record<string, unknown>>;
      expect(events).toEqual([
        expect.objectContaining({ action: 'submit', toState: 'submitted', levelCode: 'province', actorName: 'Nguyễn Thị Lưu Trữ', reason: 'Số hóa hồ sơ năm 2021', recorded: true }),
        expect.objectContaining({ action: 'recognize', toState: 'recognized', levelCode: 'province', actorName: 'Nguyễn Thị Lưu Trữ', reason: 'Theo Quyết định 05-QĐ/TU', recorded: true, decision: expect.objectContaining({ number: '05-QĐ/TU' }) }),
      ]);
    });
  });

  describe('2022, open: a mixed year reviewed live', () => {
    it('runs village-, commune-, district- and provincial-body-owned models through their own chains', async () => {
      // Village models enter at commune level; commune models at district level; district and provincial bodies' at province level.
      for (const n of [1, 2, 3, 4]) models[`A${n}`] = await registerAs(officers.V1, 2022, `Thôn Đông mô hình ${n}`);
      for (const n of [1, 2, 3]) models[`B${n}`] = await registerAs(officers.C1, 2022, `Xã An Phú mô hình ${n}`);
      models.B4 = await registerAs(officers.C2, 2022, 'Xã Bình Minh mô hình 4');
      // Continuing a model recognised in 2021.
      models.B5 = await registerAs(officers.C2, 2022, 'Xã Bình Minh duy trì', { origin: 'continuing', continuedFrom: models.R1.documentId });
      models.B6 = await registerAs(officers.C2, 2022, 'Xã Bình Minh mô hình 6');
      models.E1 = await registerAs(officers.D1, 2022, 'Huyện Bắc Sơn mô hình');
      models.F1 = await registerAs(officers.AG, 2022, 'Sở Nông nghiệp mô hình rút');
      models.F2 = await registerAs(officers.AG, 2022, 'Sở Nông nghiệp mô hình chờ');

      // Commune: recognise A1 and A2, return A3, start A4; propose A1.
      const a1 = await startAssessRecognise(reviewers.C1.client, models.A1);
      await startAssessRecognise(reviewers.C1.client, models.A2);
      await mustDecide(reviewers.C1.client, await startAssessRecognise(reviewers.C1.client, models.A3, false), 'return', 'Bổ sung số liệu');
      await startAssessRecognise(reviewers.C1.client, models.A4, false);
      const a1Up = await mustDecide(reviewers.C1.client, a1, 'propose');
      expect(a1Up.level).toBe('district');

      // District 1: recognise A1 and B1 and propose them, recognise B2, decline B3.
      const toProvince = [];
      for (const model of [a1Up, models.B1]) toProvince.push(await mustDecide(reviewers.D1.client, await startAssessRecognise(reviewers.D1.client, model), 'propose'));
      await startAssessRecognise(reviewers.D1.client, models.B2);
      await mustDecide(reviewers.D1.client, await startAssessRecognise(reviewers.D1.client, models.B3, false), 'decline', 'Chưa có sức lan tỏa');
      // District 2: recognise B4 (proposed) and B5, start B6.
      toProvince.push(await mustDecide(reviewers.D2.client, await startAssessRecognise(reviewers.D2.client, models.B4), 'propose'));
      await startAssessRecognise(reviewers.D2.client, models.B5);
      await startAssessRecognise(reviewers.D2.client, models.B6, false);
      // A commune reviewer never sees a commune's own model: it entered at district level.
      expect((await decide(reviewers.C1.client, models.B6.documentId, { action: 'start_review', version: 99 })).status).toBe(404);

      // The provincial body withdraws F1 before review.
      const withdrawn = await officers.AG.client.post(`/api/review/officer/initiatives/${models.F1.documentId}/withdraw`).send({ version: models.F1.version });
      expect(withdrawn.status).toBe(200);

      // Province: assess A1, B1, B4 and E1; decline B4; the leadership recognises A1, B1 and E1 in one decision.
      const assessed = [];
      for (const model of [...toProvince, models.E1]) assessed.push(await startAssessRecognise(reviewers.P.client, model, false));
      await mustDecide(reviewers.P.client, assessed[2], 'decline', 'Chưa đạt tiêu chí 2');
      const batch = await reviewers.leader.client.post('/review/batch-decisions').send({
        number: '11-QĐ/BDVTU',
        date: '2022-12-26',
        signer: 'Trưởng ban Dân vận Tỉnh ủy',
        items: [assessed[0], assessed[1], assessed[3]].map(({ documentId, version }) => ({ documentId, version })),
      });
      expect(batch.status).toBe(201);
    }, 300_000);

    it('refuses a paper outcome while the period is open, and for a model that does not exist', async () => {
      const current = await registerAs(officers.AG, 2026, 'Mô hình của đợt đang mở');
      const body = { result: 'not_recognized', level: 'province', reason: 'Hồ sơ giấy' };
      const open = await recorder.client.post(`/review/records/initiatives/${current.documentId}/outcome`).send(body);
      expect(open.status).toBe(409);
      expect(open.body.error.message).toBe('Đợt thi đua còn trong thời gian đăng ký: kết quả được xét duyệt trực tiếp trên hệ thống, không ghi nhận từ hồ sơ giấy.');
      expect((await row(current.documentId)).reviewState).toBe('submitted');
      expect((await recorder.client.post('/review/records/initiatives/khong-co/outcome').send(body)).status).toBe(404);
    });

    it('checks how a model came about: one source for a replicated model, an earlier year for a continuing one', async () => {
      const create = (body: Record<string, unknown>) =>
        officers.C1.client.post('/api/review/officer/initiatives').send({ title: 'Mô hình kiểm tra nguồn gốc', summary: 'Kiểm tra', field: field.documentId, period: periods[2021].documentId, ...body });
      const halfExternal = await create({ origin: 'replicated', replicatedSourceName: 'Mô hình của tỉnh bạn' });
      expect(halfExternal.status).toBe(400);
      expect(halfExternal.body.error.message).toBe('Mô hình gốc ngoài hệ thống phải ghi cả tên mô hình và tên đơn vị.');
      const bothSources = await create({ origin: 'replicated', replicatedFrom: models.R2.documentId, replicatedSourceName: 'Khác', replicatedSourceUnit: 'Tỉnh bạn' });
      expect(bothSources.status).toBe(400);
      const newWithLink = await create({ origin: 'new', continuedFrom: models.R1.documentId });
      expect(newWithLink.status).toBe(400);
      expect(newWithLink.body.error.message).toBe('Chỉ mô hình duy trì mới ghi mô hình năm trước được tiếp nối; chọn hình thức "Duy trì" hoặc bỏ liên kết.');
      // 2021 cannot continue a 2022 model.
      const backwards = await create({ origin: 'continuing', continuedFrom: models.B5.documentId });
      expect(backwards.status).toBe(400);
      expect(backwards.body.error.message).toBe('Mô hình duy trì chỉ tiếp nối một mô hình của năm trước đó.');
      // A continuing model without a link is fine (the earlier model may predate the system).
      expect((await create({ origin: 'continuing' })).status).toBe(201);
    });

    it('reports per level what actually happened, each model counted from the level it entered', async () => {
      const { funnel } = await stats('year=2022');
      // 12 registered: 13 models less the withdrawn one.
      expect(funnel.registered).toBe(12);
      expect(funnel.levels.map((step) => step.code)).toEqual(['commune', 'district', 'province']);
      expect(level(funnel, 'commune')).toEqual({ name: 'Cấp xã', entered: 4, waiting: 0, underReview: 1, recognised: 2, returned: 1, notRecognised: 0, proposedOnward: 1, withdrawn: 0 });
      expect(level(funnel, 'district')).toEqual({ name: 'Cấp huyện', entered: 7, waiting: 0, underReview: 1, recognised: 5, returned: 0, notRecognised: 1, proposedOnward: 3, withdrawn: 0 });
      expect(level(funnel, 'province')).toEqual({ name: 'Tỉnh', entered: 6, waiting: 1, underReview: 0, recognised: 3, returned: 0, notRecognised: 1, proposedOnward: 0, withdrawn: 1 });
    });

    it('counts the recorded year in the funnel like a live review', async () => {
      const { funnel } = await stats('year=2021');
      expect(funnel.registered).toBe(5);
      expect(level(funnel, 'commune')).toMatchObject({ entered: 2, recognised: 2, proposedOnward: 2 });
      expect(level(funnel, 'district')).toMatchObject({ entered: 4, recognised: 3, proposedOnward: 1, notRecognised: 1 });
      expect(level(funnel, 'province')).toMatchObject({ entered: 2, recognised: 2, proposedOnward: 0 });
    });
  });

  describe('public statistics over years, kinds and units as they were', () => {
    it('adds up a span of years, by year, origin, state, recognition level and unit kind', async () => {
      const data = await stats('from=2021&to=2022');
      expect([data.from, data.to, data.total]).toEqual([2021, 2022, 17]);
      expect(data.byYear).toEqual([
        { year: 2021, total: 5 },
        { year: 2022, total: 12 },
      ]);
      expect(data.byOrigin).toEqual({ new: 15, replicated: 1, continuing: 1 });
      expect(data.byState).toMatchObject({ recognized: 4 + 6, not_recognized: 1 + 2, withdrawn: 1 });
      expect(data.byRecognitionLevel.map(({ code, count }) => [code, count])).toEqual([
        ['province', 2 + 3],
        ['district', 2 + 3],
        ['commune', 1 + 1],
      ]);
      expect(data.byUnitKind.map(({ code, count }) => [code, count])).toEqual([
        ['district', 1],
        ['agency', 2],
        ['commune', 8],
        ['village', 6],
      ]);
      expect(data.funnel.levels.map((step) => [step.code, step.entered, step.recognised])).toEqual([
        ['commune', 6, 4],
        ['district', 11, 8],
        ['province', 8, 5],
      ]);
    });

    it('restricts to a block of unit kinds', async () => {
      const communes = await stats('from=2021&to=2022&kind=commune');
      expect(communes.total).toBe(8);
      expect(communes.scope.kinds).toEqual(['commune']);
      expect((await stats('from=2021&to=2022&kind=commune,village')).total).toBe(14);
      const unknown = await app.http().get('/api/portal/statistics?year=2022&kind=ward');
      expect(unknown.status).toBe(404);
    });

    it('lists the top units valid in the period, with id, code and kind', async () => {
      const data = await stats('year=2021');
      expect(data.byUnit).toEqual([
        { id: units.P.documentId, code: 'SH', kind: 'province', name: 'Tỉnh Sơn Hà', count: 4 },
        { id: units.HB.documentId, code: 'HB', kind: 'province', name: 'Tỉnh Hòa Bình', count: 1 },
      ]);
      // The drill-down by code: the province's units as they were, and the one merged into it later.
      const province = await stats('year=2021&unit=SH');
      expect(province.total).toBe(5);
      expect(province.byUnit.map(({ code, kind, count }) => [code, kind, count])).toEqual([
        ['SH-H1', 'district', 3],
        ['SH-SNN', 'agency', 1],
        ['HB', 'province', 1],
      ]);
    });

    it("walks a dissolved province's tree as it was in the period", async () => {
      const merged = await stats('year=2021&unit=HB');
      expect(merged.total).toBe(1);
      expect(merged.byUnit.map(({ code, kind, count }) => [code, kind, count])).toEqual([['HB-H1', 'district', 1]]);
      expect(merged.scope).toEqual({ unit: 'HB', name: 'Tỉnh Hòa Bình', kinds: null });
    });

    it('refuses incomplete or reversed spans with a 400', async () => {
      for (const query of ['from=2021', 'year=2021&from=2020&to=2021', 'from=2022&to=2021', 'from=2000&to=2030']) {
        const res = await app.http().get(`/api/portal/statistics?${query}`);
        expect([query, res.status]).toEqual([query, 400]);
      }
    });
  });
});
