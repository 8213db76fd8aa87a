import { seedDemo, type SeedSummary } from '../../src/seed/demo';
import { startTestApp, type TestApp } from '../helpers/strapi';

type KindRef = { code: string } | null;
type StoredInitiative = {
  documentId: string;
  title: string;
  subjectType: string;
  personName: string | null;
  origin: string;
  reviewState: string;
  recognizedAt: string | null;
  recognitionLevel: KindRef;
  reviewLevel: KindRef;
  period: { year: number } | null;
  ownerUnit: { code: string; validFrom: string | null; validTo: string | null } | null;
  replicatedFrom: { documentId: string; reviewState: string; recognitionLevel: KindRef } | null;
};

type StoredArticle = {
  title: string;
  body: string | null;
  category: { slug: string } | null;
  cover: { id: number; mime: string } | null;
  tags: Array<{ name: string }>;
  sites: Array<{ code: string }>;
};

const CONTENT_UIDS = [
  'api::unit-kind.unit-kind',
  'api::unit.unit',
  'api::field.field',
  'api::criteria-set.criteria-set',
  'api::period.period',
  'api::initiative.initiative',
  'api::commendation.commendation',
  'api::site.site',
  'api::category.category',
  'api::tag.tag',
  'api::article.article',
  'api::comment.comment',
  'plugin::upload.file',
] as const;

type UploadService = { remove(file: unknown): Promise<unknown> };

describe('demo seed: an invented province, loaded idempotently', () => {
  let app: TestApp;
  let first: SeedSummary;
  let firstRows: Record<string, number>;
  const timings: number[] = [];

  /** Raw row counts (drafts, published versions and files included), to catch duplicates the summary might hide. */
  const rowCounts = async () => {
    const counts: Record<string, number> = {};
    for (const uid of CONTENT_UIDS) counts[uid] = await app.strapi.db.query(uid).count();
    return counts;
  };

  const timedSeed = async () => {
    const started = Date.now();
    const summary = await seedDemo(app.strapi);
    timings.push(Date.now() - started);
    return summary;
  };

  beforeAll(async () => {
    app = await startTestApp();
    first = await timedSeed();
    firstRows = await rowCounts();
  });

  afterAll(async () => {
    if (!app) return;
    // The local upload provider writes into public/uploads: remove what the seed put there.
    const upload = app.strapi.plugin('upload').service('upload') as unknown as UploadService;
    const files: unknown[] = await app.strapi.db.query('plugin::upload.file').findMany({});
    for (const file of files) await upload.remove(file);
    console.log(`seedDemo on ${app.db}: first run ${timings[0]} ms, second run ${timings[1] ?? '-'} ms`);
    await app.stop();
  });

  it('loads the organisation: unit kinds, ≥ 20 units, 6 fields, 2 criteria sets, 3 periods', () => {
    expect(first).toMatchObject({ unitKinds: 7, fields: 6, criteriaSets: 2, periods: 3, sites: 2, commendations: 2 });
    expect(first.units).toBeGreaterThanOrEqual(20);
    expect(first.tags).toBeGreaterThanOrEqual(12);
    expect(first.categories).toBeGreaterThanOrEqual(6);
    expect(first.mediaFiles).toBe(6);
  });

  it('gives periods their review chains and both criteria sets', async () => {
    const periods = (await app.strapi.db.query('api::period.period').findMany({
      orderBy: { year: 'asc' },
      populate: { reviewChain: { populate: { unitKind: { select: ['code'] } } }, criteriaSets: { select: ['subjectType'] } },
    })) as Array<{ year: number; reviewChain: Array<{ unitKind: KindRef }>; criteriaSets: Array<{ subjectType: string }> }>;
    expect(periods.map((period) => [period.year, period.reviewChain.map((step) => step.unitKind?.code)])).toEqual([
      [2023, ['commune', 'district', 'province']],
      [2024, ['commune', 'district', 'province']],
      [2025, ['commune', 'province']],
    ]);
    for (const period of periods) expect(period.criteriaSets.map((set) => set.subjectType).sort()).toEqual(['collective', 'individual']);
  });

  it('models the 2025 merger: dissolved units have a successor that still exists', async () => {
    const units = (await app.strapi.db.query('api::unit.unit').findMany({
      populate: { successor: { select: ['code', 'validTo'] }, parent: { select: ['code'] }, kind: { select: ['code'] } },
    })) as Array<{ code: string; validTo: string | null; successor: { code: string; validTo: string | null } | null; kind: KindRef }>;
    const dissolved = units.filter((unit) => unit.validTo);
    expect(dissolved.length).toBeGreaterThanOrEqual(15);
    for (const unit of dissolved) {
      expect(unit.successor).not.toBeNull();
      expect(unit.successor?.validTo).toBeNull();
    }
    const communes = units.filter((unit) => unit.kind?.code === 'commune');
    expect(communes.length).toBeGreaterThanOrEqual(20);
    expect(units.filter((unit) => unit.kind?.code === 'district')).toHaveLength(3);
  });

  describe('initiatives', () => {
    let initiatives: StoredInitiative[];

    beforeAll(async () => {
      initiatives = (await app.strapi.db.query('api::initiative.initiative').findMany({
        populate: {
          recognitionLevel: { select: ['code'] },
          reviewLevel: { select: ['code'] },
          period: { select: ['year'] },
          ownerUnit: { select: ['code', 'validFrom', 'validTo'] },
          replicatedFrom: { select: ['documentId', 'reviewState'], populate: { recognitionLevel: { select: ['code'] } } },
        },
      })) as StoredInitiative[];
    });

    it('has ≥ 75 models across the three periods, in ≥ 6 review states and ≥ 3 recognition levels', () => {
      expect(initiatives.length).toBeGreaterThanOrEqual(75);
      expect(first.initiatives).toBe(initiatives.length);
      expect(new Set(initiatives.map((initiative) => initiative.period?.year))).toEqual(new Set([2023, 2024, 2025]));
      expect(new Set(initiatives.map((initiative) => initiative.reviewState)).size).toBeGreaterThanOrEqual(6);
      const levels = new Set(initiatives.map((initiative) => initiative.recognitionLevel?.code).filter(Boolean));
      expect([...levels].sort()).toEqual(['commune', 'district', 'province']);
      expect(initiatives.some((initiative) => initiative.reviewState === 'not_recognized')).toBe(true);
    });

    it('sets recognition as the workflow does: a level holds its own recognition, higher steps keep the lower one', () => {
      for (const initiative of initiatives) {
        const recognized = initiative.reviewState === 'recognized';
        const label = initiative.title;
        // Recognised ⇔ recognised at the current level; otherwise any recognition is from a level below.
        expect([label, recognized && initiative.recognitionLevel?.code === initiative.reviewLevel?.code]).toEqual([label, recognized]);
        expect([label, Boolean(initiative.recognitionLevel)]).toEqual([label, Boolean(initiative.recognizedAt)]);
        if (initiative.reviewLevel?.code === 'commune' && !recognized) expect([label, initiative.recognitionLevel]).toEqual([label, null]);
      }
      // District level only exists in the three-tier periods.
      for (const initiative of initiatives.filter((item) => item.period?.year === 2025)) {
        expect(initiative.reviewLevel?.code ?? null).not.toBe('district');
      }
    });

    it('names the person of every individual model (about ten of them)', () => {
      const individuals = initiatives.filter((initiative) => initiative.subjectType === 'individual');
      expect(individuals.length).toBeGreaterThanOrEqual(8);
      for (const individual of individuals) expect(individual.personName?.trim()).toBeTruthy();
    });

    it('replicates only recognised models, never itself', () => {
      const replicated = initiatives.filter((initiative) => initiative.origin === 'replicated');
      expect(replicated.length).toBeGreaterThanOrEqual(5);
      for (const initiative of replicated) {
        expect(initiative.replicatedFrom).not.toBeNull();
        expect(initiative.replicatedFrom?.documentId).not.toBe(initiative.documentId);
        expect(initiative.replicatedFrom?.reviewState).toBe('recognized');
        expect(initiative.replicatedFrom?.recognitionLevel).not.toBeNull();
      }
      for (const initiative of initiatives.filter((item) => item.origin === 'new')) expect(initiative.replicatedFrom).toBeNull();
    });

    it('records the levels each model entered, so the funnel shows the passages of the demo years', async () => {
      const rows = (await app.strapi.db.query('api::initiative.initiative').findMany({
        select: ['title', 'reviewState', 'reviewPath'],
        populate: { reviewLevel: { select: ['id'] } },
      })) as Array<{ title: string; reviewState: string; reviewPath: string | null; reviewLevel: { id: number } | null }>;
      for (const row of rows.filter((item) => item.reviewState !== 'draft' && item.reviewLevel)) {
        const path = (row.reviewPath ?? '').split(',').filter(Boolean).map(Number);
        // The path ends at the level the model is on.
        expect([row.title, path[path.length - 1]]).toEqual([row.title, row.reviewLevel?.id]);
      }
      let proposedOnward = 0;
      for (const year of [2023, 2024, 2025]) {
        const res = await app.http().get(`/api/portal/statistics?year=${year}`);
        expect(res.status).toBe(200);
        const levels = res.body.data.funnel.levels as Array<{ code: string; entered: number; proposedOnward: number }>;
        proposedOnward += levels.reduce((sum, level) => sum + level.proposedOnward, 0);
        expect(levels.find((level) => level.code === 'province')?.entered).toBeGreaterThan(0);
      }
      // Models recognised below and proposed upward are counted as such at the lower level.
      expect(proposedOnward).toBeGreaterThan(0);
    });

    it('gives every model an owner unit that existed in its period year', () => {
      for (const initiative of initiatives) {
        const year = initiative.period?.year as number;
        const owner = initiative.ownerUnit;
        expect(owner).not.toBeNull();
        expect([owner?.code, owner?.validTo === null || String(owner?.validTo) >= `${year}-01-01`]).toEqual([owner?.code, true]);
        expect([owner?.code, owner?.validFrom === null || String(owner?.validFrom) <= `${year}-12-31`]).toEqual([owner?.code, true]);
      }
      // 2025 models belong to units that still exist (the new communes or provincial bodies).
      for (const initiative of initiatives.filter((item) => item.period?.year === 2025)) {
        expect([initiative.ownerUnit?.code, initiative.ownerUnit?.validTo]).toEqual([initiative.ownerUnit?.code, null]);
      }
    });
  });

  it('publishes ≥ 40 articles, each with a category, a cover image, tags and a site', async () => {
    expect(first.articles).toBeGreaterThanOrEqual(40);
    const articles = (await app.strapi.documents('api::article.article').findMany({
      status: 'published',
      populate: { category: { fields: ['slug'] }, cover: { fields: ['mime'] }, tags: { fields: ['name'] }, sites: { fields: ['code'] } },
      limit: 200,
    })) as unknown as StoredArticle[];
    expect(articles.length).toBe(first.articles);
    for (const article of articles) {
      expect([article.title, Boolean(article.category), article.cover?.mime]).toEqual([article.title, true, 'image/png']);
      expect(article.tags.length).toBeGreaterThanOrEqual(1);
      expect(article.sites.length).toBeGreaterThanOrEqual(1);
      // The editor's HTML: a figure with the photo and its caption and credit.
      expect(article.body).toMatch(/<figure class="image"><img src="\/uploads\/[^"]+" alt="[^"]*"><figcaption>Ảnh minh họa: [^<]+<\/figcaption><\/figure>/);
    }
    const featured = await app.strapi.documents('api::article.article').count({ status: 'published', filters: { featured: true } });
    expect(featured).toBeGreaterThanOrEqual(5);
  });

  it('has one sub-site whose parent is the portal', async () => {
    const sites = (await app.strapi.db.query('api::site.site').findMany({ populate: { parent: { select: ['code'] } } })) as Array<{
      code: string;
      parent: { code: string } | null;
    }>;
    const children = sites.filter((site) => site.parent);
    expect(children).toHaveLength(1);
    expect(children[0].parent?.code).toBe('portal');
    expect(sites.find((site) => site.code === 'portal')?.parent).toBeNull();
  });

  it('creates demo accounts that can log in and work in their role', async () => {
    const login = await app.http().post('/admin/login').send({ email: 'xetduyet.tinh@danvan.local', password: 'DanVan@2025' });
    expect(login.status).toBe(200);
    const queue = await app
      .http()
      .get('/review/queue?pageSize=100')
      .set('Authorization', `Bearer ${login.body.data.token}`);
    expect(queue.status).toBe(200);
    expect(queue.body.data.pagination.total).toBeGreaterThan(0);
    for (const row of queue.body.data.results) expect(row.reviewLevel.code).toBe('province');

    const officer = await app.http().post('/api/auth/local').send({ identifier: 'canbo.anthinh@danvan.local', password: 'DanVan@2025' });
    expect(officer.status).toBe(200);
    const own = await app
      .http()
      .get('/api/review/officer/initiatives')
      .set('Authorization', `Bearer ${officer.body.jwt}`);
    expect(own.status).toBe(200);
  });

  it('lets the demo officer open the registration app at /dang-ky/ and read their unit and periods', async () => {
    const page = await app.http().get('/dang-ky/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Đăng ký mô hình “Dân vận khéo”</title>');
    const officer = await app.http().post('/api/auth/local').send({ identifier: 'canbo.anthinh', password: 'DanVan@2025' });
    expect(officer.status).toBe(200);
    const me = await app.http().get('/api/review/officer/me').set('Authorization', `Bearer ${officer.body.jwt}`);
    expect(me.status).toBe(200);
    expect(me.body.data.unit.name).toBe('Xã An Thịnh');
    expect(me.body.data.periods.map((period: { year: number }) => period.year)).toEqual([2025, 2024, 2023]);
    expect(me.body.data.fields).toHaveLength(6);
  });

  it('creates nothing new when run a second time', async () => {
    const second = await timedSeed();
    expect(second).toEqual(first);
    expect(await rowCounts()).toEqual(firstRows);
  });
});
