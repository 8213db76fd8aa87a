/**
 * The public search (src/api/portal/lib/search-query.ts) over its full-text
 * indexes (database/migrations/2026.12.02T00.00.04.search-index.ts), on the
 * database the suite runs on: the same answers on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';

import { AFTER_SYNC_MIGRATIONS } from '../../src/domain/schema-migrations';
import { fixtures } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';

type Hit = { type: 'article' | 'initiative'; slug: string; title: string; relevance: number; date: string | null };
type Answer = { data: Hit[]; meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number } } };

const TITLED_ARTICLES = 23;
const RECOGNISED_MODELS = 7;

describe('public search', () => {
  let app: TestApp;
  const slugs = { drafts: [] as string[], hidden: [] as string[], bodyOnly: '', newest: '', edited: '' };

  const search = async (query: string): Promise<Answer> => {
    const res = await app.http().get(`/api/portal/search?${query}`);
    expect(res.status).toBe(200);
    return res.body as Answer;
  };

  beforeAll(async () => {
    app = await startTestApp();
    const f = fixtures(app.strapi);
    const level = await f.unitKind('xa');
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
    for (let n = 1; n <= TITLED_ARTICLES; n += 1) {
      const doc = await f.article(`Bài ${n}: Dân vận khéo ở thôn số ${n}`, { sapo: 'Tin cơ sở.', displayAt: day(n) }, 'published');
      if (n === TITLED_ARTICLES) slugs.newest = doc.slug as string;
      if (n === 1) slugs.edited = doc.slug as string;
    }
    const bodyOnly = await f.article('Tin hoạt động tuần này', { body: 'Phong trào **Dân vận khéo** lan rộng.', displayAt: day(40) }, 'published');
    slugs.bodyOnly = bodyOnly.slug as string;
    for (let n = 1; n <= 2; n += 1) slugs.drafts.push((await f.article(`Bản nháp Dân vận khéo ${n}`)).slug as string);
    for (let n = 1; n <= RECOGNISED_MODELS; n += 1) {
      const model = await f.initiative(`Mô hình dân vận khéo số ${n}`, { summary: 'Dân vận khéo trong xây dựng nông thôn mới.' });
      await f.recognise(model.documentId, level.id);
    }
    const withdrawn = await f.initiative('Mô hình dân vận khéo đã rút');
    await f.recognise(withdrawn.documentId, level.id, 'withdrawn');
    const unrecognised = await f.initiative('Mô hình dân vận khéo chưa công nhận');
    for (const model of [withdrawn, unrecognised]) {
      const row = (await app.strapi.db.query('api::initiative.initiative').findOne({ where: { id: model.id }, select: ['slug'] })) as { slug: string };
      slugs.hidden.push(row.slug);
    }
  }, 300_000);

  afterAll(async () => {
    await app?.stop();
  });

  const key = (hit: Hit) => `${hit.type}:${hit.slug}`;

  it('pages agree with the total at any depth: every match once, in relevance order, and an empty page past the end', async () => {
    const expected = TITLED_ARTICLES + 1 + RECOGNISED_MODELS;
    for (const pageSize of [1, 4, 7]) {
      const first = await search(`q=dan%20van%20kheo&pageSize=${pageSize}`);
      expect(first.meta.pagination.total).toBe(expected);
      const seen: Hit[] = [...first.data];
      for (let page = 2; page <= first.meta.pagination.pageCount; page += 1) {
        const answer = await search(`q=dan%20van%20kheo&pageSize=${pageSize}&page=${page}`);
        expect(answer.meta.pagination.total).toBe(expected);
        expect(answer.data.length).toBe(page < first.meta.pagination.pageCount ? pageSize : expected - pageSize * (page - 1));
        seen.push(...answer.data);
      }
      expect(new Set(seen.map(key)).size).toBe(expected);
      const relevance = seen.map((hit) => hit.relevance);
      expect([...relevance].sort((a, b) => b - a)).toEqual(relevance);
      const past = await search(`q=dan%20van%20kheo&pageSize=${pageSize}&page=${first.meta.pagination.pageCount + 1}`);
      expect(past.data).toEqual([]);
      expect(past.meta.pagination.total).toBe(expected);
    }
  });

  it('pages a common word past its first 300 matches (written in bulk, as imports and restored dumps do)', async () => {
    const many = 320;
    const rows = Array.from({ length: many }, (_, n) => ({
      documentId: `bulksearch${String(n).padStart(6, '0')}`,
      title: `Tin thường ${n}`,
      slug: `tin-thuong-bulk-${n}`,
      searchText: `tin thuong ${n} chuyen cu`,
      searchTitle: `tin thuong ${n}`,
      searchLead: '',
      displayAt: new Date(Date.UTC(2025, 0, 1, 0, n)),
      publishedAt: new Date(),
    }));
    await app.strapi.db.query(ARTICLE).createMany({ data: rows });
    const pageSize = 50;
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(many / pageSize); page += 1) {
      const answer = await search(`q=chuyen%20cu&type=article&pageSize=${pageSize}&page=${page}`);
      expect(answer.meta.pagination.total).toBe(many);
      expect(answer.data.length).toBe(Math.min(pageSize, many - (page - 1) * pageSize));
      for (const hit of answer.data) seen.add(hit.slug);
    }
    expect(seen.size).toBe(many);
    // Newest first among equals: the last page ends with the oldest.
    const last = await search(`q=chuyen%20cu&type=article&pageSize=${pageSize}&page=${Math.ceil(many / pageSize)}`);
    expect(last.data[last.data.length - 1].slug).toBe('tin-thuong-bulk-0');
  });

  it('is accent- and case-insensitive, and the order of the words does not matter', async () => {
    const plain = (await search('q=dan%20van%20kheo&pageSize=50')).data.map(key);
    expect((await search(`q=${encodeURIComponent('DÂN VẬN khéo')}&pageSize=50`)).data.map(key)).toEqual(plain);
    expect((await search('q=kheo%20dan%20van&pageSize=50')).data.map(key).sort()).toEqual([...plain].sort());
  });

  it('matches whole words, the last one also by its beginning (as while typing), a one-letter word only whole', async () => {
    expect((await search('q=dan%20van%20khe&type=article&pageSize=1')).meta.pagination.total).toBe(TITLED_ARTICLES + 1);
    expect((await search('q=van%20kh&type=article&pageSize=1')).meta.pagination.total).toBe(TITLED_ARTICLES + 1);
    // Only the last word may be a beginning.
    expect((await search('q=kh%20van&type=article&pageSize=1')).meta.pagination.total).toBe(0);
    // "heo" is inside "kheo", not at its beginning.
    expect((await search('q=heo&pageSize=1')).meta.pagination.total).toBe(0);
    // "so" begins "số" in every model's title; "s" alone is no word of them.
    expect((await search('q=so&type=initiative&pageSize=1')).meta.pagination.total).toBe(RECOGNISED_MODELS);
    expect((await search('q=mo%20s&type=initiative&pageSize=1')).meta.pagination.total).toBe(0);
  });

  it('ranks a title holding the whole query first, newest first among equals, a match in the text only last', async () => {
    const { data } = await search('q=dan%20van%20kheo&type=article&pageSize=50');
    expect(data[0]).toMatchObject({ slug: slugs.newest, relevance: 4 + 3 });
    expect(data[data.length - 1]).toMatchObject({ slug: slugs.bodyOnly, relevance: 0 });
    const dates = data.slice(0, TITLED_ARTICLES).map((hit) => hit.date ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    // A model's summary holding the query adds one.
    expect((await search('q=dan%20van%20kheo&type=initiative&pageSize=1')).data[0].relevance).toBe(4 + 3 + 1);
  });

  it('never finds drafts, unrecognised or withdrawn models', async () => {
    const found = (await search('q=dan%20van%20kheo&pageSize=50')).data.map((hit) => hit.slug);
    for (const slug of [...slugs.drafts, ...slugs.hidden]) expect(found).not.toContain(slug);
  });

  it('follows an edit at once and forgets an unpublished article', async () => {
    const [row] = (await app.strapi.db.query(ARTICLE).findMany({ where: { slug: slugs.edited, publishedAt: { $notNull: true } }, select: ['documentId'] })) as Array<{
      documentId: string;
    }>;
    await app.strapi.documents(ARTICLE).update({ documentId: row.documentId, data: { title: 'Bản Phiêng Lằn giữ rừng' }, status: 'published' });
    const edited = (await app.strapi.documents(ARTICLE).findOne({ documentId: row.documentId, status: 'published', fields: ['slug'] })) as { slug: string };
    const found = await search('q=phieng%20lan');
    expect(found.data.map((hit) => hit.slug)).toEqual([edited.slug]);
    expect(found.data[0].title).toBe('Bản Phiêng Lằn giữ rừng');
    await app.strapi.documents(ARTICLE).unpublish({ documentId: row.documentId });
    expect((await search('q=phieng%20lan%20giu')).meta.pagination.total).toBe(0);
  });

  describe('its indexes', () => {
    const knex = () => app.strapi.db.connection as unknown as Knex;
    const reapply = async () => {
      for (const migration of AFTER_SYNC_MIGRATIONS) await migration.up(knex());
    };

    it('were created by migrations Strapi recorded as run, though its tables came after them', async () => {
      const names = ((await knex()('strapi_migrations').select('name')) as Array<{ name: string }>).map((row) => row.name);
      expect(names).toEqual(expect.arrayContaining(['2026.12.02T00.00.03.portal-indexes.js', '2026.12.02T00.00.04.search-index.js']));
    });

    it('fill the normalised title and lead of rows written before those columns existed, which then rank as before', async () => {
      const before = (await search('q=dan%20van%20kheo&pageSize=50')).data.map((hit) => [key(hit), hit.relevance]);
      await knex()('articles').update({ search_title: null, search_lead: null });
      await knex()('dvk_initiative_public').update({ search_title: null, search_lead: null });
      await reapply();
      expect(Number(((await knex()('articles').whereNull('search_title').count({ n: '*' })) as Array<{ n: number | string }>)[0].n)).toBe(0);
      expect((await search('q=dan%20van%20kheo&pageSize=50&page=1&type=all')).data.map((hit) => [key(hit), hit.relevance])).toEqual(before);
    });

    it('keep the words out of the ranking rows on PostgreSQL (recreating a table that held them), and search as before', async () => {
      if (app.db !== 'postgres') {
        // SQLite keeps the words in the FTS5 tables only.
        const columns = ((await knex().raw('pragma table_info(dvk_article_search)')) as Array<{ name: string }>).map((row) => row.name);
        expect(columns).not.toContain('tsv');
        return;
      }
      const before = (await search('q=dan%20van%20kheo&pageSize=50')).data.map((hit) => [key(hit), hit.relevance]);
      // A ranking table as first created: the words in its rows.
      await knex().raw('ALTER TABLE dvk_article_search DROP COLUMN toast_pad');
      await knex().raw("UPDATE dvk_article_search SET tsv = tsv || ''::tsvector");
      await reapply();
      expect(await knex().schema.hasColumn('dvk_article_search', 'toast_pad')).toBe(true);
      const stored = async (table: string) =>
        ((await knex().raw(
          `select count(*) as rows, (select count(distinct chunk_id) from pg_toast.${(
            (await knex().raw(`select reltoastrelid::regclass::text as name from pg_class where relname = ?`, [table])) as { rows: Array<{ name: string }> }
          ).rows[0].name.replace(/^pg_toast\./, '')}) as outside from ${table}`
        )) as { rows: Array<{ rows: string; outside: string }> }).rows[0];
      for (const table of ['dvk_article_search', 'dvk_initiative_search']) {
        const { rows, outside } = await stored(table);
        expect(Number(rows)).toBeGreaterThan(0);
        // Each row's words are a value in the TOAST relation (which also holds those of rows deleted since).
        expect(Number(outside)).toBeGreaterThanOrEqual(Number(rows));
      }
      expect((await search('q=dan%20van%20kheo&pageSize=50')).data.map((hit) => [key(hit), hit.relevance])).toEqual(before);
    });

    it('come back when lost, with what was written meanwhile, and re-applying them changes nothing else', async () => {
      // What SQLite does to triggers when it recreates a table for a column change.
      await knex().raw(app.db === 'postgres' ? 'DROP TRIGGER dvk_article_search_sync ON articles' : 'DROP TRIGGER dvk_articles_fts_au');
      const article = await fixtures(app.strapi).article('Tin hoạt động khác', {}, 'published');
      await app.strapi.db.query(ARTICLE).updateMany({ where: { documentId: article.documentId }, data: { searchText: 'nam khuoi lang' } });
      await reapply();
      await reapply();
      expect((await search('q=khuoi%20lang')).data.map((hit) => hit.slug)).toEqual([article.slug]);
      const triggers =
        app.db === 'postgres'
          ? ((await knex().raw("select tgname from pg_trigger where tgname = 'dvk_article_search_sync'")) as { rows: unknown[] }).rows
          : ((await knex().raw("select name from sqlite_master where type = 'trigger' and name like 'dvk_articles_fts_%'")) as unknown[]);
      expect(triggers).toHaveLength(app.db === 'postgres' ? 1 : 3);
    });
  });
});
