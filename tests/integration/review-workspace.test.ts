/**
 * The endpoints behind the admin review workspace: the queue (tab counts,
 * filters, sorting, paging), its filter choices, the model page's submission
 * data, the leadership's batch candidates and past decisions, and the RBAC
 * actions that guard them, from both sides.
 */
import { QUEUE_TABS, STATES } from '../../src/plugins/review/shared/workflow';
import {
  buildProvince,
  CRITERIA,
  createOfficer,
  createReviewer,
  mustDecide,
  register,
  startAssessRecognise,
  type Province,
} from '../helpers/review';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser, type ApiUser } from '../helpers/users';
import { reviewerActor } from '../../src/plugins/review/server/src/services/scope';
import type { Queue as QueueService } from '../../src/plugins/review/server/src/services/queue';

type Row = { documentId: string; title: string; reviewState: string; subjectType: string; origin: string; updatedAt: string };
type Queue = { results: Row[]; counts: Record<string, number>; pagination: { page: number; pageSize: number; total: number; pageCount: number } };

describe('review workspace endpoints', () => {
  let app: TestApp;
  let province: Province;
  let officer1: ApiUser;
  let officer2: ApiUser;
  let officer4: ApiUser;
  let c1: AdminUser;
  let leader: AdminUser;
  let otherField: { id: number; documentId: string };
  const models: Record<string, { documentId: string; version: number }> = {};

  const queue = async (client: AdminUser, query = ''): Promise<Queue> => {
    const res = await client.client.get(`/review/queue${query}`);
    if (res.status !== 200) throw new Error(`queue ${query} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.data as Queue;
  };
  const titles = (data: Queue) => data.results.map((row) => row.title);

  beforeAll(async () => {
    app = await startTestApp();
    province = await buildProvince(app);
    otherField = (await app.strapi.documents('api::field.field').create({ data: { code: 'culture', name: 'Văn hóa - xã hội' } })) as unknown as {
      id: number;
      documentId: string;
    };
    const source = await fixtures(app.strapi).initiative('Mô hình gốc của tỉnh', { ownerUnit: province.P.documentId, period: province.twoTier.documentId });
    await fixtures(app.strapi).recognise(source.documentId, province.kind.province.id);
    officer1 = await createOfficer(app, province.villages[0]);
    officer2 = await createOfficer(app, province.villages[1]);
    officer4 = await createOfficer(app, province.villages[3]);
    c1 = await createReviewer(app, province.C1);
    leader = await createReviewer(app, province.P, 'dvk-leadership');

    // Commune An Phú's queue: two waiting, one under review, one returned, one recognised, one declined.
    models.waitingA = await register(officer1, province, province.twoTier, 'Đường làng sáng đẹp');
    models.waitingB = await register(officer2, province, province.twoTier, 'Tổ an ninh tự quản', {
      field: otherField.documentId,
      origin: 'replicated',
      replicatedFrom: source.documentId,
    });
    const started = await mustDecide(c1.client, await register(officer1, province, province.twoTier, 'Chợ văn minh'), 'start_review');
    models.underReview = started;
    const toReturn = await mustDecide(c1.client, await register(officer2, province, province.twoTier, 'Gia đình văn hóa'), 'start_review');
    models.returned = await mustDecide(c1.client, toReturn, 'return', 'Bổ sung minh chứng');
    models.recognised = await startAssessRecognise(c1.client, await register(officer1, province, province.twoTier, 'Hũ gạo tình thương'));
    const toDecline = await mustDecide(c1.client, await register(officer2, province, province.twoTier, 'Câu lạc bộ dưỡng sinh'), 'start_review');
    models.declined = await mustDecide(c1.client, toDecline, 'decline', 'Chưa khác công việc chuyên môn');
    // Another commune's model is outside An Phú's scope.
    models.outside = await register(officer4, province, province.twoTier, 'Mô hình xã Bình Minh');
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  describe('queue', () => {
    it("counts every tab in the reviewer's scope and lists the chosen tab", async () => {
      const all = await queue(c1);
      expect(all.counts).toEqual({ waiting: 2, under_review: 1, returned: 1, recognized: 1, not_recognized: 1, all: 6 });
      expect(all.pagination).toEqual({ page: 1, pageSize: 25, total: 6, pageCount: 1 });
      expect(titles(all)).not.toContain('Mô hình xã Bình Minh');

      const waiting = await queue(c1, '?tab=waiting');
      expect(titles(waiting).sort()).toEqual(['Tổ an ninh tự quản', 'Đường làng sáng đẹp'].sort());
      expect(waiting.pagination.total).toBe(2);
      expect(waiting.counts).toEqual(all.counts);
      for (const [tab, states] of Object.entries(QUEUE_TABS)) {
        const data = await queue(c1, `?tab=${tab}`);
        expect(data.results.every((row) => (states as readonly string[]).includes(row.reviewState))).toBe(true);
        expect(data.pagination.total).toBe(all.counts[tab]);
      }
    });

    it('filters by field, origin, subject type, period and unit subtree, and counts under the filter', async () => {
      const byField = await queue(c1, `?field=${otherField.id}`);
      expect(titles(byField)).toEqual(['Tổ an ninh tự quản']);
      expect(byField.counts.all).toBe(1);
      expect(byField.counts.waiting).toBe(1);

      expect(titles(await queue(c1, '?origin=replicated'))).toEqual(['Tổ an ninh tự quản']);
      expect((await queue(c1, '?subjectType=individual')).counts.all).toBe(0);
      expect((await queue(c1, `?period=${province.threeTier.id}`)).counts.all).toBe(0);
      expect((await queue(c1, `?period=${province.twoTier.id}`)).counts.all).toBe(6);

      // Village 1's models only (officer1's three), and nothing for a unit outside the scope.
      const village = await queue(c1, `?unit=${province.villages[0].id}`);
      expect(titles(village).sort()).toEqual(['Chợ văn minh', 'Hũ gạo tình thương', 'Đường làng sáng đẹp'].sort());
      expect((await queue(c1, `?unit=${province.villages[3].id}`)).counts.all).toBe(0);
      // The commune itself covers its whole subtree.
      expect((await queue(c1, `?unit=${province.C1.id}`)).counts.all).toBe(6);
    });

    it('finds models by text without diacritics', async () => {
      expect(titles(await queue(c1, '?q=duong%20lang'))).toEqual(['Đường làng sáng đẹp']);
      expect(titles(await queue(c1, `?q=${encodeURIComponent('HŨ GẠO')}`))).toEqual(['Hũ gạo tình thương']);
      expect((await queue(c1, '?q=khong%20co%20mo%20hinh%20nay')).counts.all).toBe(0);
    });

    it('filters by words like the public search: each word whole, the last also as a beginning; counts and order agree with the models', async () => {
      const everything = await queue(c1, '?sort=title:asc&pageSize=100');
      const knex = app.strapi.db.connection;
      const texts = new Map(
        ((await knex('initiatives').whereIn('document_id', everything.results.map((row) => row.documentId)).select('document_id', 'search_text')) as Array<{
          document_id: string;
          search_text: string;
        }>).map((row) => [row.document_id, ` ${row.search_text} `])
      );
      const matches = (row: Row, words: string[]) =>
        words.every((word, index) => (texts.get(row.documentId) ?? '').includes(index === words.length - 1 && word.length > 1 ? ` ${word}` : ` ${word} `));
      const cases = ['lang', 'tinh thuong', 'an ninh tu', 'cho van', 'mo hinh', 'thu', 'khong co dau'];
      let nonEmpty = 0;
      for (const text of cases) {
        const words = text.split(' ');
        const expected = everything.results.filter((row) => matches(row, words));
        nonEmpty += expected.length > 0 ? 1 : 0;
        const found = await queue(c1, `?q=${encodeURIComponent(text)}&sort=title:asc&pageSize=100`);
        expect({ text, titles: titles(found) }).toEqual({ text, titles: expected.map((row) => row.title) });
        for (const [tab, states] of Object.entries(QUEUE_TABS)) {
          expect({ text, tab, n: found.counts[tab] }).toEqual({ text, tab, n: expected.filter((row) => (states as readonly string[]).includes(row.reviewState)).length });
        }
      }
      expect(nonEmpty).toBeGreaterThanOrEqual(4);
      // A word's middle is not a word: "uong" is inside "đường" only.
      expect((await queue(c1, '?q=uong')).counts.all).toBe(0);
    });

    it('follows every write at once under a text filter: title, state, field, and the model leaving the scope', async () => {
      const found = async (query: string) => queue(c1, query);
      const target = (await found('?q=cho%20van%20minh')).results[0];
      expect(target.title).toBe('Chợ văn minh');
      const row = (await app.strapi.db.query('api::initiative.initiative').findOne({
        where: { documentId: target.documentId },
        select: ['id', 'title', 'reviewState', 'searchText'],
        populate: { field: { select: ['id'] }, ownerUnit: { select: ['id'] } },
      })) as { id: number; title: string; reviewState: string; searchText: string; field: { id: number } | null; ownerUnit: { id: number } };
      const update = (data: Record<string, unknown>) => app.strapi.db.query('api::initiative.initiative').update({ where: { id: row.id }, data });
      try {
        await update({ title: 'Chợ quê xanh sạch', searchText: `${row.searchText} cho que xanh sach` });
        expect(titles(await found('?q=que%20xanh'))).toEqual(['Chợ quê xanh sạch']);

        await update({ reviewState: 'not_recognized' });
        const moved = await found('?q=que%20xanh');
        expect(moved.counts.not_recognized).toBe(1);
        expect(moved.counts.waiting + moved.counts.under_review + moved.counts.returned + moved.counts.recognized).toBe(0);

        await update({ field: otherField.id });
        expect((await found(`?q=que%20xanh&field=${otherField.id}`)).counts.all).toBe(1);

        await update({ ownerUnit: province.villages[3].id === row.ownerUnit.id ? province.villages[0].id : province.villages[3].id });
        const outside = province.villages[3].id === row.ownerUnit.id ? 1 : 0;
        expect((await found('?q=que%20xanh')).counts.all).toBe(outside);
      } finally {
        await update({ title: row.title, searchText: row.searchText, reviewState: row.reviewState, field: row.field?.id ?? null, ownerUnit: row.ownerUnit.id });
      }
      expect(titles(await found('?q=cho%20van%20minh'))).toEqual(['Chợ văn minh']);
    });

    it('takes the counts without a text filter from the statistics cube, equal to the counts over the models', async () => {
      const service = app.strapi.plugin('review').service('queue') as QueueService;
      const filterSets: Array<Record<string, number | string>> = [
        {},
        { field: otherField.id },
        { origin: 'replicated' },
        { origin: 'new' },
        { subjectType: 'collective' },
        { subjectType: 'individual' },
        { period: province.twoTier.id },
        { period: province.threeTier.id },
        { unit: province.villages[0].id },
        { unit: province.villages[3].id },
        { period: province.twoTier.id, field: otherField.id, origin: 'replicated', unit: province.villages[1].id },
      ];
      for (const user of [c1, leader]) {
        const actor = await reviewerActor(app.strapi, { id: Number(user.id) });
        for (const filters of filterSets) {
          const fromCube = Object.fromEntries(await service.stateCounts(actor, filters, 'cube'));
          const fromModels = Object.fromEntries(await service.stateCounts(actor, filters, 'models'));
          // Without `source`, a query with no text filter reads the cube.
          expect({ filters, counts: Object.fromEntries(await service.stateCounts(actor, filters)) }).toEqual({ filters, counts: fromCube });
          // The cube keeps a row at zero only transiently; compare the non-zero counts.
          const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
          expect({ filters, counts: nonZero(fromCube) }).toEqual({ filters, counts: nonZero(fromModels) });
        }
      }
      // The commune's queue under no filter is not empty, so the comparison above is not between two empty maps.
      const c1Actor = await reviewerActor(app.strapi, { id: Number(c1.id) });
      expect([...(await service.stateCounts(c1Actor, {}, 'cube')).values()].reduce((a, b) => a + b, 0)).toBe(6);
    });

    it('sorts by a column in either direction and pages on the server', async () => {
      const asc = titles(await queue(c1, '?sort=title:asc&pageSize=100'));
      const desc = titles(await queue(c1, '?sort=title:desc&pageSize=100'));
      expect(desc).toEqual([...asc].reverse());
      expect(asc).toHaveLength(6);
      // Each database collates Vietnamese its own way; "Chợ" comes before "Hũ" in both.
      expect(asc.indexOf('Chợ văn minh')).toBeLessThan(asc.indexOf('Hũ gạo tình thương'));

      const page1 = await queue(c1, '?sort=title:asc&pageSize=4&page=1');
      const page2 = await queue(c1, '?sort=title:asc&pageSize=4&page=2');
      expect(page1.pagination).toEqual({ page: 1, pageSize: 4, total: 6, pageCount: 2 });
      expect([...titles(page1), ...titles(page2)]).toEqual(asc);

      const newest = await queue(c1, '?sort=updatedAt:desc');
      const stamps = newest.results.map((row) => new Date(row.updatedAt).getTime());
      expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    });

    it('keeps the one-state filter for API clients', async () => {
      const data = await queue(c1, '?state=returned');
      expect(titles(data)).toEqual(['Gia đình văn hóa']);
      expect(data.pagination.total).toBe(1);
    });

    it('answers 400 in Vietnamese to a bad tab, sort, page or unknown parameter', async () => {
      for (const query of ['?tab=everything', '?sort=password:asc', '?sort=title', '?page=0', '?pageSize=1000', '?unit=abc', '?foo=1', `?q=${'a'.repeat(201)}`]) {
        const res = await c1.client.get(`/review/queue${query}`);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.message).toMatch(/[àáảãạâăđêôơư]|Phải|phải/i);
      }
    });

    it("offers the reviewer's unit and level, periods, fields and the unit subtree as filter choices", async () => {
      const res = await c1.client.get('/review/queue/options');
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(data.reviewer.unit).toEqual({ id: province.C1.id, name: 'Xã An Phú' });
      expect(data.reviewer.level).toEqual({ code: 'commune', name: 'Cấp xã' });
      expect(data.periods.map((period: { year: number }) => period.year)).toEqual([2025, 2023]);
      expect(data.fields.map((field: { name: string }) => field.name).sort()).toEqual(['Kinh tế', 'Văn hóa - xã hội'].sort());
      const units = data.units as Array<{ id: number; name: string; parentId: number | null }>;
      expect(units.map((unit) => unit.name).sort()).toEqual(['Thôn 1', 'Thôn 2', 'Thôn 3', 'Xã An Phú'].sort());
      expect(units.find((unit) => unit.id === province.C1.id)?.parentId).toBeNull();
      expect(units.find((unit) => unit.name === 'Thôn 1')?.parentId).toBe(province.C1.id);
    });
  });

  describe('model page', () => {
    it('shows what the unit submitted, with the owner unit path and the current allowed actions', async () => {
      const res = await c1.client.get(`/review/initiatives/${models.underReview.documentId}`);
      expect(res.status).toBe(200);
      const data = res.body.data;
      expect(data.submission).toMatchObject({ summary: 'Tóm tắt: Chợ văn minh', origin: 'new' });
      expect(data.submission.ownerPath).toEqual(['Tỉnh Sơn Hà', 'Huyện Bắc Sơn', 'Xã An Phú', 'Thôn 1']);
      expect(data.actions.sort()).toEqual(['decline', 'recognize', 'return'].sort());
      expect(data.assessments.map((row: { code: string }) => row.code)).toEqual(CRITERIA.map((criterion) => criterion.code));
    });
  });

  describe('batch decisions', () => {
    it('lists the proposed models whose checklist allows recognition, for the leadership only', async () => {
      const proposed = await mustDecide(c1.client, models.recognised, 'propose');
      const second = await mustDecide(c1.client, await startAssessRecognise(c1.client, await register(officer2, province, province.twoTier, 'Dân vận khéo ở thôn 2')), 'propose');
      // Only the first one's checklist is filled at the province.
      await leader.client
        .put(`/review/initiatives/${proposed.documentId}/assessments`)
        .send({ items: CRITERIA.map((criterion) => ({ code: criterion.code, result: 'met' })) })
        .expect(200);

      const res = await leader.client.get('/review/batch-candidates');
      expect(res.status).toBe(200);
      const ids = res.body.data.results.map((row: Row) => row.documentId);
      expect(ids).toEqual([proposed.documentId]);
      expect(ids).not.toContain(second.documentId);

      expect((await c1.client.get('/review/batch-candidates')).status).toBe(403);
      expect((await c1.client.get('/review/batch-decisions')).status).toBe(403);
    });

    it('lists past decisions with their models, newest first', async () => {
      const candidates = (await leader.client.get('/review/batch-candidates')).body.data.results as Array<{ documentId: string; version: number }>;
      const issued = await leader.client.post('/review/batch-decisions').send({
        number: '12-QĐ/BDV',
        date: '2025-12-20',
        signer: 'Trưởng ban',
        items: candidates.map(({ documentId, version }) => ({ documentId, version })),
      });
      expect(issued.status).toBe(201);
      const list = await leader.client.get('/review/batch-decisions?page=1&pageSize=10');
      expect(list.status).toBe(200);
      expect(list.body.data.pagination.total).toBe(1);
      expect(list.body.data.results[0]).toMatchObject({ number: '12-QĐ/BDV', date: '2025-12-20', signer: 'Trưởng ban' });
      expect(list.body.data.results[0].initiatives.map((row: Row) => row.title)).toEqual(['Hũ gạo tình thương']);
      expect((await leader.client.get('/review/batch-candidates')).body.data.results).toEqual([]);
      expect((await leader.client.get('/review/batch-decisions?pageSize=0')).status).toBe(400);
    });
  });

  describe('permissions', () => {
    const actionsOf = async (code: string) => {
      const role = (await app.strapi.db.query('admin::role').findOne({ where: { code } })) as { id: number };
      const rows = (await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } }, select: ['action'] })) as Array<{
        action: string;
      }>;
      return rows.map((row) => row.action).filter((action) => action.startsWith('plugin::review.'));
    };

    it('gives reviewers the workspace actions, the leadership also batch decisions and the year-end report, the recorders recording and the report, editors only comment moderation', async () => {
      const workspace = ['plugin::review.review', 'plugin::review.assess', 'plugin::review.decide', 'plugin::review.read-statistics'];
      expect((await actionsOf('dvk-reviewer')).sort()).toEqual([...workspace].sort());
      expect((await actionsOf('dvk-leadership')).sort()).toEqual([...workspace, 'plugin::review.decide-batch', 'plugin::review.create-report'].sort());
      expect(await actionsOf('dvk-editor')).toEqual(['plugin::review.moderate-comments']);
      expect((await actionsOf('dvk-recorder')).sort()).toEqual(['plugin::review.create-report', 'plugin::review.record']);
      const registered = app.strapi.service('admin::permission').actionProvider.values() as Array<{ actionId: string; displayName: string }>;
      const ours = registered.filter((action) => action.actionId.startsWith('plugin::review.'));
      expect(ours.map((action) => action.actionId).sort()).toEqual(
        [
          ...workspace,
          'plugin::review.decide-batch',
          'plugin::review.read-all-evidence',
          'plugin::review.record',
          'plugin::review.create-report',
          'plugin::review.moderate-comments',
          'plugin::review.manage-notifications',
        ].sort()
      );
      expect(ours.every((action) => /[ạảãáàâăêôơưđ]/i.test(action.displayName))).toBe(true);
    });

    it('lets a role that only reads the queue read, but neither assess nor decide', async () => {
      const roles = app.strapi.service('admin::role');
      const role = (await roles.create({ name: 'Chỉ xem hồ sơ', code: 'test-read-only', description: 'Chỉ xem' })) as { id: number };
      await roles.assignPermissions(role.id, [{ action: 'plugin::review.review' }]);
      const reader = await createAdminUser(app, { roles: ['test-read-only'] });
      await app.strapi.db.query('plugin::review.reviewer').create({ data: { user: reader.id, unit: province.C1.id, active: true } });

      expect((await reader.client.get('/review/queue')).status).toBe(200);
      expect((await reader.client.get(`/review/initiatives/${models.waitingA.documentId}`)).status).toBe(200);
      const assess = await reader.client
        .put(`/review/initiatives/${models.waitingA.documentId}/assessments`)
        .send({ items: [{ code: 'TT1', result: 'met' }] });
      expect(assess.status).toBe(403);
      const decision = await reader.client
        .post(`/review/initiatives/${models.waitingA.documentId}/decisions`)
        .send({ action: 'start_review', version: models.waitingA.version });
      expect(decision.status).toBe(403);
      // The same requests from a reviewer pass the permission check.
      const started = await c1.client
        .post(`/review/initiatives/${models.waitingA.documentId}/decisions`)
        .send({ action: 'start_review', version: models.waitingA.version });
      expect(started.status).toBe(200);
    });

    it('refuses the queue and its choices to editors', async () => {
      const editor = await createAdminUser(app, { roles: ['dvk-editor'] });
      for (const path of ['/review/queue', '/review/queue/options', '/review/batch-candidates', '/review/batch-decisions']) {
        expect({ path, status: (await editor.client.get(path)).status }).toEqual({ path, status: 403 });
      }
    });
  });

  it('knows every state the workflow has', () => {
    expect(QUEUE_TABS.all).toEqual(STATES);
  });
});
