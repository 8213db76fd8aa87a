/**
 * "Which models are public" (src/domain/public-initiative.ts) in each of its
 * forms — document filter, SQL over rows (built and hand-written), the search
 * index's rows kept by triggers, statistics cube, loaded model — and
 * through every public read: directory, totals, model pages, search and the
 * "replicated from" link agree on the same set.
 */
import type { Knex } from 'knex';

import { tableOf } from '../../src/domain/sql';
import { isPublicInitiative, PUBLIC_INITIATIVE_FILTER, PUBLIC_INITIATIVE_SQL, wherePublicInitiative } from '../../src/domain/public-initiative';
import { initiativeCardQueries } from '../../src/api/portal/lib/initiative-query';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

const INITIATIVE = 'api::initiative.initiative';

type Model = { id: number; documentId: string; slug: string; reviewState: string; recognitionLevel: { id: number } | null };

describe('which models are public', () => {
  let app: TestApp;
  let models: Model[];
  let replicaSlug: string;

  beforeAll(async () => {
    app = await startTestApp();
    const f = fixtures(app.strapi);
    const level = await f.unitKind('xa');
    const make = async (title: string, state: string | null, recognised: boolean) => {
      const doc = await f.initiative(`Mô hình công khai ${title}`, state && !recognised ? { reviewState: state } : {});
      if (recognised) await f.recognise(doc.documentId, level.id, state ?? 'recognized');
      return doc;
    };
    const source = await make('được công nhận', 'recognized', true);
    await make('bị trả lại sau khi đã được công nhận', 'returned', true);
    await make('được đề nghị lên trên', 'proposed', true);
    await make('đã rút sau khi được công nhận', 'withdrawn', true);
    await make('đang xét', 'under_review', false);
    await make('không được công nhận', 'not_recognized', false);
    await make('nháp', null, false);
    const replica = await f.initiative('Mô hình công khai nhân rộng', { origin: 'replicated', replicatedFrom: source.documentId });
    await f.recognise(replica.documentId, level.id);
    models = (await app.strapi.db.query(INITIATIVE).findMany({
      select: ['id', 'documentId', 'slug', 'reviewState'],
      populate: { recognitionLevel: { select: ['id'] } },
      orderBy: { id: 'asc' },
    })) as Model[];
    replicaSlug = (models.find((model) => model.documentId === replica.documentId) as Model).slug;
    const dated = (await app.strapi.db.query(INITIATIVE).findMany({ select: ['id', 'recognizedAt'] })) as Array<{ id: number; recognizedAt: string | null }>;
    recognisedAt = new Map(dated.filter((row) => row.recognizedAt).map((row) => [row.id, new Date(row.recognizedAt as string).toISOString()]));
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** The models in the search's ranking table, with the date it ranks them by. */
  const searchRows = async () => {
    const knex = app.strapi.db.connection as unknown as Knex;
    const rows = (await knex({ s: 'dvk_initiative_search' })
      .join({ i: 'initiatives' }, 'i.id', 's.initiative_id')
      .select({ slug: 'i.slug', at: 's.at' })
      .orderBy('i.slug')) as Array<{ slug: string; at: unknown }>;
    return rows.map((row) => ({ slug: row.slug, at: row.at === null ? null : new Date(row.at as string).toISOString() }));
  };
  let recognisedAt: Map<number, string>;

  const publicSlugs = () => models.filter(isPublicInitiative).map((model) => model.slug).sort();

  it('is the same set in every form: loaded model, document filter, SQL over rows and statistics cube', async () => {
    expect(publicSlugs()).toHaveLength(4);
    const byFilter = (await app.strapi.documents(INITIATIVE).findMany({ filters: PUBLIC_INITIATIVE_FILTER, fields: ['slug'] })) as Array<{ slug: string }>;
    expect(byFilter.map((row) => row.slug).sort()).toEqual(publicSlugs());

    const initiative = tableOf(app.strapi, INITIATIVE);
    const bySql = (await wherePublicInitiative((app.strapi.db.connection as unknown as Knex)({ i: initiative.name }), {
      alias: 'i',
      reviewState: `i.${initiative.column('reviewState')}`,
      levelLink: initiative.link('recognitionLevel'),
    }).select({ slug: `i.${initiative.column('slug')}` })) as Array<{ slug: string }>;
    expect(bySql.map((row) => row.slug).sort()).toEqual(publicSlugs());

    const knex = app.strapi.db.connection as unknown as Knex;
    const byHandSql = (await knex({ i: initiative.name })
      .whereRaw(PUBLIC_INITIATIVE_SQL('i', initiative.link('recognitionLevel').table))
      .select({ slug: `i.${initiative.column('slug')}` })) as Array<{ slug: string }>;
    expect(byHandSql.map((row) => row.slug).sort()).toEqual(publicSlugs());

    // The search ranks public models on its own rows, kept by triggers: the same set, dated by recognition.
    expect(await searchRows()).toEqual(
      models.filter(isPublicInitiative).map((model) => ({ slug: model.slug, at: recognisedAt.get(model.id) ?? null })).sort((a, b) => a.slug.localeCompare(b.slug))
    );

    expect(await initiativeCardQueries(app.strapi).count({})).toBe(publicSlugs().length);
  });

  it('is what the directory lists and counts, what search finds and which pages open', async () => {
    const directory = (await app.http().get('/api/portal/initiatives?pageSize=50')).body;
    expect(directory.meta.pagination.total).toBe(publicSlugs().length);
    expect((directory.data as Array<{ slug: string }>).map((card) => card.slug).sort()).toEqual(publicSlugs());

    const found = (await app.http().get('/api/portal/search?q=mo%20hinh%20cong%20khai&type=initiative&pageSize=50')).body;
    expect(found.meta.pagination.total).toBe(publicSlugs().length);
    expect((found.data as Array<{ slug: string }>).map((hit) => hit.slug).sort()).toEqual(publicSlugs());

    for (const model of models) {
      expect((await app.http().get(`/api/portal/initiatives/${model.slug}`)).status).toBe(isPublicInitiative(model) ? 200 : 404);
    }
  });

  it('links a replicated model to its source only while the source is public', async () => {
    const source = models.find((model) => model.slug.includes('duoc-cong-nhan') && model.reviewState === 'recognized') as Model;
    const page = async () => (await app.http().get(`/api/portal/initiatives/${replicaSlug}`)).body.data;
    expect((await page()).replicatedFrom).toEqual({ slug: source.slug, title: 'Mô hình công khai được công nhận' });
    await app.strapi.db.query(INITIATIVE).update({ where: { id: source.id }, data: { reviewState: 'withdrawn' } });
    await app.strapi.service('api::portal.cache').invalidate(['initiatives']);
    expect((await page()).replicatedFrom).toBeNull();
  });

  it('names a replicated model\'s source outside the system and links a continuing model to its earlier model while that one is public', async () => {
    const f = fixtures(app.strapi);
    const level = (await app.strapi.db.query('api::unit-kind.unit-kind').findOne({ where: { code: 'xa' }, select: ['id'] })) as { id: number };
    const outside = await f.initiative('Mô hình nhân rộng từ nguồn ngoài', {
      origin: 'replicated',
      replicatedSourceName: 'Dân vận khéo trong xây dựng nông thôn mới',
      replicatedSourceUnit: 'Huyện Mường Tè (cũ)',
    });
    await f.recognise(outside.documentId, level.id);
    // Returned by a higher level after its recognition: still public.
    const earlier = models.find((model) => model.slug.includes('bi-tra-lai')) as Model;
    expect(isPublicInitiative(earlier)).toBe(true);
    const hiddenEarlier = models.find((model) => !isPublicInitiative(model)) as Model;
    const continuing = await f.initiative('Mô hình duy trì từ năm trước', { origin: 'continuing', continuedFrom: earlier.documentId });
    await f.recognise(continuing.documentId, level.id);
    const continuingHidden = await f.initiative('Mô hình duy trì từ mô hình chưa công khai', { origin: 'continuing', continuedFrom: hiddenEarlier.documentId });
    await f.recognise(continuingHidden.documentId, level.id);
    const page = async (documentId: string) => {
      const row = (await app.strapi.db.query(INITIATIVE).findOne({ where: { documentId }, select: ['slug'] })) as { slug: string };
      const res = await app.http().get(`/api/portal/initiatives/${row.slug}`);
      expect(res.status).toBe(200);
      return res.body.data as Record<string, unknown>;
    };
    expect(await page(outside.documentId)).toMatchObject({
      origin: 'replicated',
      replicatedFrom: null,
      replicatedSource: { name: 'Dân vận khéo trong xây dựng nông thôn mới', unit: 'Huyện Mường Tè (cũ)' },
      continuedFrom: null,
    });
    expect(await page(continuing.documentId)).toMatchObject({
      origin: 'continuing',
      replicatedSource: null,
      continuedFrom: { slug: earlier.slug, title: 'Mô hình công khai bị trả lại sau khi đã được công nhận' },
    });
    expect((await page(continuingHidden.documentId)).continuedFrom).toBeNull();
    // The replica of a model of the system links it and names no outside source.
    const replica = await page(models.find((model) => model.slug === replicaSlug)?.documentId as string);
    expect(replica.replicatedSource).toBeNull();
  });

  it('keeps the search rows in step when a model is withdrawn, restored, re-dated or loses its recognition level', async () => {
    const knex = app.strapi.db.connection as unknown as Knex;
    const model = models.find((item) => item.slug.includes('de-nghi-len-tren')) as Model;
    const searched = async () => ((await searchRows()).find((row) => row.slug === model.slug) ?? null) as { slug: string; at: string | null } | null;
    const found = async () => {
      await app.strapi.service('api::portal.cache').invalidate(['search', 'initiatives']);
      const body = (await app.http().get('/api/portal/search?q=de%20nghi%20len%20tren&type=initiative')).body;
      return (body.data as Array<{ slug: string }>).map((hit) => hit.slug);
    };
    expect(await searched()).not.toBeNull();
    expect(await found()).toEqual([model.slug]);

    await app.strapi.db.query(INITIATIVE).update({ where: { id: model.id }, data: { reviewState: 'withdrawn' } });
    expect(await searched()).toBeNull();
    expect(await found()).toEqual([]);

    await app.strapi.db.query(INITIATIVE).update({ where: { id: model.id }, data: { reviewState: 'proposed', recognizedAt: '2022-12-26T03:00:00.000Z' } });
    expect(await searched()).toEqual({ slug: model.slug, at: '2022-12-26T03:00:00.000Z' });
    expect(await found()).toEqual([model.slug]);

    const level = tableOf(app.strapi, INITIATIVE).link('recognitionLevel');
    const links = (await knex(level.table).where(level.owner, model.id).select(level.owner, level.target)) as Array<Record<string, number>>;
    await knex(level.table).where(level.owner, model.id).delete();
    expect(await searched()).toBeNull();
    expect(await found()).toEqual([]);
    await knex(level.table).insert(links);
    expect(await searched()).not.toBeNull();
  });
});
