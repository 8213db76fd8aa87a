import { compareCube } from '../../src/domain/initiative-cube';

import { CRITERIA } from '../helpers/review';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/users';
import { downloadTemplate, filledTemplate, type TemplateRow } from '../helpers/xlsx';

type Row = Record<string, unknown>;

/** A model as a row of the file, and as the records API takes it. */
type Spec = {
  unit: string;
  year: number;
  title: string;
  summary?: string;
  field?: 'economy' | 'culture';
  individual?: { name: string; position?: string };
  origin?: 'new' | 'replicated' | 'continuing';
  source?: { name: string; unit: string };
  content?: string;
  results?: string;
  draft?: boolean;
  outcome?: { result: 'recognized' | 'not_recognized'; level: string; number?: string; date?: string; signer?: string };
};

const FIELD_NAMES = { economy: 'Kinh tế', culture: 'Văn hóa - xã hội' } as const;
const LEVEL_NAMES: Record<string, string> = { province: 'Tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };
const ORIGIN_LABELS = { new: 'Xây dựng mới', replicated: 'Nhân rộng', continuing: 'Duy trì' } as const;
const RESULT_LABELS = { recognized: 'Được công nhận', not_recognized: 'Không được công nhận' } as const;
const FILE = 'doi-chieu.xlsx';

/** The twin registered through the records API carries this after its title and its decision numbers. */
const TWIN = ' Đối chiếu';
const TWIN_NUMBER = '-b';

const toRow = (spec: Spec, reference: string): TemplateRow => ({
  reference,
  unitCode: spec.unit,
  year: String(spec.year),
  title: spec.title,
  summary: spec.summary,
  field: spec.field ? FIELD_NAMES[spec.field] : undefined,
  subjectType: spec.individual ? 'Cá nhân' : 'Tập thể',
  personName: spec.individual?.name,
  personPosition: spec.individual?.position,
  origin: ORIGIN_LABELS[spec.origin ?? 'new'],
  replicatedSourceName: spec.source?.name,
  replicatedSourceUnit: spec.source?.unit,
  content: spec.content,
  results: spec.results,
  status: spec.draft ? 'Nháp' : 'Đã đăng ký',
  result: spec.outcome ? RESULT_LABELS[spec.outcome.result] : undefined,
  level: spec.outcome ? LEVEL_NAMES[spec.outcome.level] : undefined,
  decisionNumber: spec.outcome?.number,
  decisionDate: spec.outcome?.date ? spec.outcome.date.split('-').reverse().join('/') : undefined,
  signer: spec.outcome?.signer,
});

/**
 * The XLSX import writes a file's registrations with set-based SQL
 * (services/import/bulk.ts) instead of the records path, model by model.
 * Here every kind of row is imported, and its twin registered through the
 * records API (the per-model path); each pair must have written the same
 * rows everywhere: the model, its links, criteria snapshots, audit events,
 * decisions and their order, public version, the review queue and search
 * tables, and the statistics counts. The domain's refusals must be the same
 * messages too.
 */
describe('XLSX import writes what the records path writes', () => {
  let app: TestApp;
  let recorder: AdminUser;
  let template: Buffer;
  const ids: Record<string, { period: Record<number, string>; unit: Record<string, string>; field: Record<string, string> }> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const fx = fixtures(app.strapi);
    const kind = await fx.threeLevels();
    const {
      province: P,
      district: D,
      communes: [X1, X2],
    } = await fx.smallProvince(kind);
    const X9 = await fx.unit('Xã Cũ', { kind: kind.commune.documentId, parent: D.documentId, code: 'SH-X9', validTo: '2020-06-30' });
    const collective = await fx.criteriaSet('Tiêu chí tập thể', { subjectType: 'collective', criteria: CRITERIA, guidelineNumber: 'HD-07' });
    const individual = await fx.criteriaSet('Tiêu chí cá nhân', { subjectType: 'individual', criteria: [{ code: 'CN1', text: 'Gương mẫu', required: true, maxScore: 10 }] });
    const reviewChain = [kind.commune, kind.district, kind.province].map((k) => ({ unitKind: k.documentId }));
    const p2021 = await fx.period(2021, { reviewChain, criteriaSets: [collective.documentId, individual.documentId], registrationStart: '2021-02-01', registrationEnd: '2021-11-30' });
    // 2022 has no criteria for individuals; 2026 is still open.
    const p2022 = await fx.period(2022, { reviewChain, criteriaSets: [collective.documentId], registrationStart: '2022-02-01', registrationEnd: '2022-11-30' });
    const p2026 = await fx.period(2026, { reviewChain, criteriaSets: [collective.documentId, individual.documentId], registrationStart: '2026-01-01', registrationEnd: '2099-12-31' });
    const economy = await fx.field('economy', { name: FIELD_NAMES.economy });
    const culture = await fx.field('culture', { name: FIELD_NAMES.culture });
    ids.all = {
      period: { 2021: p2021.documentId, 2022: p2022.documentId, 2026: p2026.documentId },
      unit: { SH: P.documentId, 'SH-H1': D.documentId, 'SH-X1': X1.documentId, 'SH-X2': X2.documentId, 'SH-X9': X9.documentId },
      field: { economy: economy.documentId, culture: culture.documentId },
    };
    recorder = await createAdminUser(app, { roles: ['dvk-recorder'], firstname: 'Nguyễn Thị', lastname: 'Lưu Trữ' });
    template = await downloadTemplate(recorder.client);
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** The records API's body for a spec (the twin: title and decision number marked). */
  const body = (spec: Spec, reason: string, twin: boolean) => ({
    ownerUnit: ids.all.unit[spec.unit],
    period: ids.all.period[spec.year],
    title: twin ? `${spec.title}${TWIN}` : spec.title,
    summary: spec.summary ?? null,
    field: spec.field ? ids.all.field[spec.field] : null,
    subjectType: spec.individual ? 'individual' : 'collective',
    personName: spec.individual?.name ?? null,
    personPosition: spec.individual?.position ?? null,
    origin: spec.origin ?? 'new',
    replicatedSourceName: spec.source?.name ?? null,
    replicatedSourceUnit: spec.source?.unit ?? null,
    content: spec.content ?? null,
    results: spec.results ?? null,
    reason,
    ...(spec.outcome
      ? {
          outcome: {
            result: spec.outcome.result,
            level: spec.outcome.level,
            decisionNumber: spec.outcome.number ? `${spec.outcome.number}${twin ? TWIN_NUMBER : ''}` : null,
            decisionDate: spec.outcome.date ?? null,
            signer: spec.outcome.signer ?? null,
          },
        }
      : {}),
  });

  const auditReason = (row: number, reference: string) => `Nhập từ tệp "${FILE}" (dòng ${row}, mã tham chiếu ${reference}) — người nhập: Nguyễn Thị Lưu Trữ.`;

  /** The twin through the per-model path: a draft through the document service, a registration through the records API. */
  async function registerTwin(spec: Spec, reason: string): Promise<string> {
    if (spec.draft) {
      const { reason: _reason, outcome: _outcome, ...data } = body(spec, reason, true) as Row;
      const created = (await app.strapi.documents('api::initiative.initiative').create({ data } as never)) as unknown as { documentId: string };
      return created.documentId;
    }
    const res = await recorder.client.post('/review/records/initiatives').send(body(spec, reason, true));
    expect(res.status).toBe(201);
    return res.body.data.documentId as string;
  }

  const knex = () => app.strapi.db.connection;
  const plain = (value: unknown): unknown => {
    if (value instanceof Date) return value.getTime();
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return new Date(value).getTime();
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
    return value;
  };
  /** Drops what differs by construction (ids, times, the twin's marks) and normalises driver types. */
  const clean = (row: Row, drop: string[] = []): Row => {
    const result: Row = {};
    for (const [key, value] of Object.entries(row)) {
      if (['id', 'document_id', 'created_at', 'updated_at', 'published_at', 'taken_at', 'toast_pad', 'tsv', ...drop].includes(key)) continue;
      let normal = plain(value);
      if (typeof normal === 'string') {
        normal = normal.replace(TWIN, '').replace(' doi chieu', '').replace('-doi-chieu', '').replace(/-b$/, '');
      }
      result[key] = normal;
    }
    return result;
  };

  /** Every row one model wrote, ids replaced by what they point to. */
  async function writtenBy(documentId: string) {
    const [model] = (await knex()('initiatives').where({ document_id: documentId })) as Row[];
    const id = model.id as number;
    const links: Row = {};
    for (const [table, column] of [
      ['initiatives_owner_unit_lnk', 'unit_id'],
      ['initiatives_period_lnk', 'period_id'],
      ['initiatives_field_lnk', 'field_id'],
      ['initiatives_review_level_lnk', 'unit_kind_id'],
      ['initiatives_recognition_level_lnk', 'unit_kind_id'],
    ]) {
      links[table] = ((await knex()(table).where({ initiative_id: id }).select(column)) as Row[]).map((row) => Number(row[column]));
    }
    const assessments = (await knex()('review_assessments as a')
      .join('review_assessments_initiative_lnk as l', 'l.assessment_id', 'a.id')
      .where('l.initiative_id', id)
      .orderBy('a.order')
      .select('a.*')) as Row[];
    const events = (await knex()('review_events as e')
      .join('review_events_initiative_lnk as l', 'l.review_event_id', 'e.id')
      .leftJoin('review_events_decision_lnk as dl', 'dl.review_event_id', 'e.id')
      .leftJoin('review_decisions as d', 'd.id', 'dl.decision_id')
      .where('l.initiative_id', id)
      .orderBy('e.id')
      .select('e.*', 'd.number as decision_number')) as Row[];
    const decisions = (await knex()('review_decisions as d')
      .join('review_decisions_initiatives_lnk as l', 'l.decision_id', 'd.id')
      .where('l.initiative_id', id)
      .select('d.number', 'd.date', 'd.signer', 'd.level_code', 'd.note', 'l.initiative_ord')) as Row[];
    const publicVersion = (await knex()('dvk_initiative_public').where({ initiative_id: id })) as Row[];
    const queue = (await knex()('dvk_initiative_queue').where({ initiative_id: id })) as Row[];
    const search = (await knex()('dvk_initiative_search').where({ initiative_id: id }).select('at')) as Row[];
    return {
      model: clean(model, ['version_id']),
      links,
      assessments: assessments.map((row) => clean(row)),
      events: events.filter((row) => row.action !== 'import').map((row) => clean(row, ['initiative_document_id'])),
      decisions: decisions.map((row) => clean({ ...row, date: String(row.date instanceof Date ? row.date.toISOString() : row.date).slice(0, 10) })),
      publicVersion: publicVersion.map((row) => clean(row, ['initiative_id'])),
      queue: queue.map((row) => clean(row, ['initiative_id', 'words'])),
      search: search.map((row) => clean(row)),
    };
  }

  const SPECS: Spec[] = [
    { unit: 'SH-X1', year: 2021, title: 'Mô hình nháp của xã', draft: true },
    { unit: 'SH-X2', year: 2021, title: 'Nháp của một cá nhân', draft: true, individual: { name: 'Trần Thị Nháp' } },
    { unit: 'SH-X1', year: 2021, title: 'Đường hoa nông thôn mới', summary: 'Mỗi hộ trồng 10 m hoa.', field: 'economy', content: '**Cách làm**: họp dân.', results: '- 2 km đường hoa' },
    { unit: 'SH-X2', year: 2021, title: 'Người mẹ của bản', summary: 'Giúp 30 hộ thoát nghèo.', field: 'culture', individual: { name: 'Lò Thị Mai', position: 'Chi hội trưởng' } },
    { unit: 'SH-X1', year: 2021, title: 'Tổ hòa giải nhân rộng', summary: 'Học từ xã bạn.', field: 'culture', origin: 'replicated', source: { name: 'Tổ hòa giải giỏi', unit: 'Xã Tân Lập' } },
    { unit: 'SH-X2', year: 2021, title: 'Duy trì quỹ khuyến học', summary: 'Năm thứ ba.', field: 'culture', origin: 'continuing' },
    { unit: 'SH-X1', year: 2021, title: 'Camera an ninh do dân góp', summary: 'Lắp 3.100 camera.', field: 'economy', outcome: { result: 'recognized', level: 'district', number: '12-QĐ/HU', date: '2021-12-15', signer: 'Trần Văn B' } },
    { unit: 'SH-X2', year: 2021, title: 'Chợ không rác thải nhựa', summary: 'Túi vải.', field: 'economy', outcome: { result: 'recognized', level: 'district', number: '12-QĐ/HU', date: '2021-12-15' } },
    { unit: 'SH-X1', year: 2021, title: 'Giáo xứ bình yên', summary: 'Phối hợp công an.', field: 'culture', outcome: { result: 'recognized', level: 'province', number: '50-QĐ/TU', date: '2021-12-30' } },
    { unit: 'SH-X1', year: 2021, title: 'Mô hình 1-2-3 giảm nghèo', summary: '1 tổ giúp 2 hộ.', field: 'economy', outcome: { result: 'not_recognized', level: 'district' } },
    { unit: 'SH-X2', year: 2021, title: 'Sân chơi cho trẻ', summary: 'Góp đất làm sân.', field: 'economy', outcome: { result: 'not_recognized', level: 'province', number: '51-QĐ/TU', date: '2021-12-30' } },
    { unit: 'SH-H1', year: 2021, title: 'Huyện đoàn với thanh niên lập nghiệp', summary: 'Vốn vay.', field: 'economy', individual: { name: 'Hà Văn Tú' }, outcome: { result: 'recognized', level: 'province', number: '50-QĐ/TU', date: '2021-12-30' } },
    { unit: 'SH-X2', year: 2022, title: 'Đường hoa nông thôn mới', summary: 'Năm sau.', field: 'economy' },
  ];

  it('writes every row of every kind of model exactly as the records path does', async () => {
    // A decision both paths find stored already, with one model on it.
    const earlier: Spec = { unit: 'SH-X2', year: 2021, title: 'Mô hình đã có quyết định', summary: 'x', field: 'economy', outcome: { result: 'recognized', level: 'province', number: '50-QĐ/TU', date: '2021-12-30' } };
    for (const twin of [false, true]) {
      const res = await recorder.client.post('/review/records/initiatives').send(body(earlier, 'Quyết định cũ', twin));
      expect(res.status).toBe(201);
    }

    const references = SPECS.map((_, index) => `DC-${String(index + 1).padStart(2, '0')}`);
    const file = await filledTemplate(
      template,
      SPECS.map((spec, index) => toRow(spec, references[index]))
    );
    const res = await recorder.client.post('/review/imports').attach('files', file, { filename: FILE, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(res.status).toBe(201);
    expect(res.body.data.problems).toEqual([]);
    const imported = new Map((res.body.data.preview as Array<{ reference: string; documentId: string }>).map((row) => [row.reference, row.documentId]));

    const twins: string[] = [];
    for (const [index, spec] of SPECS.entries()) twins.push(await registerTwin(spec, auditReason(index + 2, references[index])));

    for (const [index, spec] of SPECS.entries()) {
      const ours = await writtenBy(imported.get(references[index]) as string);
      const theirs = await writtenBy(twins[index]);
      expect({ title: spec.title, ...ours }).toEqual({ title: spec.title, ...theirs });
    }

    // What the comparison covers is not empty: the registrations, the shared and stored decisions.
    const shared = await writtenBy(imported.get('DC-08') as string);
    expect(shared.model).toMatchObject({ review_state: 'recognized', version: 2, review_path: expect.any(Number) });
    expect(shared.assessments).toHaveLength(CRITERIA.length);
    expect(shared.events.map((event) => event.action)).toEqual(['submit', 'recognize']);
    expect(shared.decisions).toEqual([expect.objectContaining({ number: '12-QĐ/HU', initiative_ord: 2 })]);
    expect((await writtenBy(imported.get('DC-12') as string)).decisions).toEqual([expect.objectContaining({ number: '50-QĐ/TU', initiative_ord: 3 })]);
    expect((await writtenBy(imported.get('DC-09') as string)).publicVersion).toHaveLength(1);
    expect((await writtenBy(imported.get('DC-09') as string)).search).toHaveLength(1);
    expect((await writtenBy(imported.get('DC-01') as string)).events).toEqual([]);

    // The slugs: the second model of the same title gets the next free one.
    const slugs = (await knex()('initiatives').whereIn('document_id', [imported.get('DC-03') as string, imported.get('DC-13') as string]).orderBy('id').select('slug')) as Row[];
    expect(slugs.map((row) => row.slug)).toEqual(['duong-hoa-nong-thon-moi', 'duong-hoa-nong-thon-moi-2']);

    const { stored, live } = await compareCube(app.strapi);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(live));
  });

  it('keeps the file-wide state from one chunk of rows to the next: decisions, their order, slugs and counts', async () => {
    // More rows than one chunk (500): the same title and one decision number run through all of them.
    const rows = 1_100;
    const spec: Spec = { unit: 'SH-X1', year: 2021, title: 'Mô hình lặp lại qua các phần', summary: 'x', field: 'economy', outcome: { result: 'recognized', level: 'province', number: '77-QĐ/TU', date: '2021-12-31' } };
    const file = await filledTemplate(
      template,
      Array.from({ length: rows }, (_, index) => toRow(index % 2 === 0 ? spec : { ...spec, outcome: undefined }, `LN-${index + 1}`))
    );
    const upload = (path: string) => recorder.client.post(path).attach('files', file, { filename: 'lon.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const dry = await upload('/review/imports/dry-run');
    expect(dry.status).toBe(200);
    expect(dry.body.data).toMatchObject({ rows, toCreate: rows, withOutcome: rows / 2, problems: [] });
    const res = await upload('/review/imports');
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ committed: true, toCreate: rows });

    const models = (await knex()('initiatives').where('title', spec.title).orderBy('id').select('id', 'slug')) as Array<{ id: number; slug: string }>;
    expect(models).toHaveLength(rows);
    expect(models.map((model) => model.slug)).toEqual(models.map((_, index) => (index === 0 ? 'mo-hinh-lap-lai-qua-cac-phan' : `mo-hinh-lap-lai-qua-cac-phan-${index + 1}`)));
    const decisions = (await knex()('review_decisions').where('number', '77-QĐ/TU').select('id')) as Row[];
    expect(decisions).toHaveLength(1);
    const links = (await knex()('review_decisions_initiatives_lnk').where('decision_id', Number(decisions[0].id)).orderBy('initiative_ord').select('initiative_id', 'initiative_ord')) as Row[];
    expect(links.map((link) => Number(link.initiative_ord))).toEqual(Array.from({ length: rows / 2 }, (_, index) => index + 1));
    expect(links.map((link) => Number(link.initiative_id))).toEqual(models.filter((_, index) => index % 2 === 0).map((model) => model.id));
    const events = (await knex()('review_events').where('initiative_title', spec.title).count({ n: '*' })) as Row[];
    expect(Number(events[0].n)).toBe(rows * 2 + rows / 2);
    const { stored, live } = await compareCube(app.strapi);
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries(live));
  }, 120_000);

  it('refuses with the records path’s own messages', async () => {
    const refusals: Spec[] = [
      // An open period's outcome is reviewed live.
      { unit: 'SH-X1', year: 2026, title: 'Đợt còn mở', summary: 'x', field: 'economy', outcome: { result: 'not_recognized', level: 'district' } },
      // A commune model is never reviewed at its own level.
      { unit: 'SH-X1', year: 2021, title: 'Cấp xã tự xét', summary: 'x', field: 'economy', outcome: { result: 'not_recognized', level: 'commune' } },
      // 2022 has no criteria for individuals.
      { unit: 'SH-X1', year: 2022, title: 'Không có tiêu chí', summary: 'x', field: 'economy', individual: { name: 'Lê A' } },
      // The unit was dissolved in 2020.
      { unit: 'SH-X9', year: 2021, title: 'Đơn vị đã giải thể', summary: 'x', field: 'economy' },
      // A replicated model outside the system names its unit too.
      { unit: 'SH-X1', year: 2021, title: 'Nhân rộng thiếu đơn vị', summary: 'x', field: 'economy', origin: 'replicated', source: { name: 'Mô hình gốc', unit: '' } },
      // A new model names no source.
      { unit: 'SH-X1', year: 2021, title: 'Mới mà có nguồn', summary: 'x', field: 'economy', source: { name: 'Mô hình gốc', unit: 'Xã khác' } },
      // The decision 12-QĐ/HU was signed on 15/12/2021.
      { unit: 'SH-X1', year: 2021, title: 'Sai ngày quyết định', summary: 'x', field: 'economy', outcome: { result: 'recognized', level: 'district', number: '12-QĐ/HU', date: '2021-12-16' } },
      // The province issued 50-QĐ/TU, not the district.
      { unit: 'SH-X1', year: 2021, title: 'Sai cấp quyết định', summary: 'x', field: 'economy', outcome: { result: 'recognized', level: 'district', number: '50-QĐ/TU', date: '2021-12-30' } },
    ];
    const file = await filledTemplate(
      template,
      refusals.map((spec, index) => toRow(spec, `TC-${index + 1}`))
    );
    const before = await knex()('initiatives').count({ n: '*' });
    const res = await recorder.client.post('/review/imports/dry-run').attach('files', file, { filename: 'tu-choi.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(res.status).toBe(200);
    const problems = res.body.data.problems as Array<{ row: number; column: string | null; message: string }>;
    expect(problems.map((problem) => problem.row)).toEqual(refusals.map((_, index) => index + 2));

    for (const [index, spec] of refusals.entries()) {
      const direct = await recorder.client.post('/review/records/initiatives').send({ ...body(spec, 'Đối chiếu', false), ...(spec.source ? { replicatedSourceUnit: spec.source.unit || null } : {}) });
      expect(direct.status).toBeGreaterThanOrEqual(400);
      expect(direct.status).toBeLessThan(500);
      expect({ spec: spec.title, message: problems[index].message }).toEqual({ spec: spec.title, message: direct.body.error.message });
    }
    // The columns the refusals point at.
    expect(problems.map((problem) => problem.column)).toEqual([null, 'Q', null, 'B', 'L', 'K', 'R', 'R']);
    expect(await knex()('initiatives').count({ n: '*' })).toEqual(before);
  });
});
