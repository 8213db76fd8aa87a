import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, createApiRole, createApiUser } from '../helpers/users';

describe('foundation: a real Strapi on a throw-away database', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.stop();
  });

  it(`runs on the database chosen by TEST_DB`, () => {
    expect(app.strapi.db.dialect.client).toBe(app.db === 'postgres' ? 'postgres' : 'sqlite');
  });

  it('creates the list, count, slug and full-text search indexes and the statistics cubes on a new database', async () => {
    const names =
      app.db === 'postgres'
        ? ((await app.strapi.db.connection.raw("select indexname as name from pg_indexes where indexname like 'dvk_%'")) as { rows: Array<{ name: string }> }).rows
        : ((await app.strapi.db.connection.raw("select name from sqlite_master where type = 'index' and name like 'dvk_%'")) as Array<{ name: string }>);
    const expected = [
      'dvk_articles_display_idx',
      'dvk_articles_published_idx',
      'dvk_articles_sites_by_site_idx',
      'dvk_articles_category_by_category_idx',
      'dvk_initiatives_recognized_order_idx',
      'dvk_articles_slug_idx',
      'dvk_initiatives_slug_idx',
      'dvk_initiatives_rank_idx',
      // The review queue's counts.
      'dvk_initiatives_queue_idx',
      'dvk_initiatives_review_level_by_level_idx',
      'dvk_initiatives_owner_by_unit_idx',
      // The review queue's page, one per order it offers.
      'dvk_initiatives_queue_updated_idx',
      'dvk_initiatives_queue_created_idx',
      'dvk_initiatives_queue_title_idx',
      'dvk_initiatives_queue_reviewstate_idx',
      'dvk_initiatives_queue_subjecttype_idx',
      // The unique keys of the statistics cubes (database/migrations/2026.12.02T00.00.03.initiative-cube.ts).
      'dvk_initiative_counts_key',
      'dvk_initiative_counts_province_key',
      // The private evidence store (database/migrations/2026.12.02T00.00.00.private-evidence.ts).
      'dvk_evidence_files_initiative_idx',
      'dvk_evidence_files_storage_key_unique',
      // Readers' comments: an article's approved count and threads, the moderation list, replies
      // (database/migrations/2026.12.02T00.00.05.comment-indexes.ts).
      'dvk_comments_article_idx',
      'dvk_comments_status_idx',
      'dvk_comments_reply_idx',
      // References of imported rows and the year-end report drafts (…import-rows.ts, …year-reports.ts).
      'dvk_import_rows_reference_uq',
      'dvk_year_reports_scope_uq',
      // Views per day, for the newsroom's "most read this week" (database/migrations/2026.12.02T00.00.06.article-views-daily.ts).
      'dvk_article_views_daily_day_idx',
      // Notifications (database/migrations/2026.12.02T00.00.05.notifications.ts): inbox, outbox.
      'dvk_notifications_event_recipient_uq',
      'dvk_notifications_recipient_idx',
      'dvk_notification_outbox_key_uq',
      'dvk_notification_outbox_due_idx',
      'dvk_notification_outbox_recipient_idx',
    ];
    // Full-text search (database/migrations/2026.12.02T00.00.04.search-index.ts): GIN indexes on PostgreSQL, FTS5 tables on SQLite.
    if (app.db === 'postgres') {
      expected.push(
        'dvk_article_search_pkey',
        'dvk_article_search_tsv_idx',
        'dvk_initiative_search_pkey',
        'dvk_initiative_search_tsv_idx',
        'dvk_evidence_files_pkey',
        'dvk_initiative_public_pkey',
        'dvk_import_rows_pkey',
        'dvk_year_reports_pkey',
        'dvk_article_views_daily_pkey',
        'dvk_notifications_pkey',
        'dvk_notification_outbox_pkey',
        'dvk_notification_preferences_pkey',
        // Substring matching of the models' text (the officers' choice of a replication source).
        'dvk_initiatives_search_trgm_idx',
        // The review queue's text filter (database/migrations/2026.12.02T00.00.05.review-queue-index.ts).
        'dvk_initiative_queue_pkey',
        'dvk_initiative_queue_tsv_idx'
      );
    }
    expect(names.map((row) => row.name).sort()).toEqual(expected.sort());
    if (app.db === 'sqlite') {
      const tables = (await app.strapi.db.connection.raw(
        "select name from sqlite_master where name in ('dvk_articles_fts', 'dvk_initiative_public_fts', 'dvk_article_search', 'dvk_initiative_search', 'dvk_initiatives_fts', 'dvk_initiative_queue')"
      )) as Array<{ name: string }>;
      expect(tables.map((row) => row.name).sort()).toEqual([
        'dvk_article_search',
        'dvk_articles_fts',
        'dvk_initiative_public_fts',
        'dvk_initiative_queue',
        'dvk_initiative_search',
        'dvk_initiatives_fts',
      ]);
    }
  });

  it('GET /api/portal/health answers 200 with the database status, without authentication', async () => {
    const res = await app.http().get('/api/portal/health');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'ok', client: app.strapi.db.dialect.client } });
  });

  it('returns over HTTP a document created through the document service', async () => {
    const created = await app.strapi.documents('api::tag.tag').create({ data: { name: 'Dân vận khéo' } });
    await createApiRole(app.strapi, 'tag-reader', ['api::tag.tag.find', 'api::tag.tag.findOne']);
    const reader = await createApiUser(app, { role: 'tag-reader' });

    const res = await reader.client.get(`/api/tags/${created.documentId}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ documentId: created.documentId, name: 'Dân vận khéo' });
  });

  it('keeps stock content routes closed to the public and to users without the permission', async () => {
    const anonymous = await app.http().get('/api/tags');
    expect(anonymous.status).toBe(403);

    const plain = await createApiUser(app);
    const res = await plain.client.get('/api/tags');
    expect(res.status).toBe(403);
  });

  it('lets a created admin user log in and call the admin API; refuses without a token', async () => {
    const admin = await createAdminUser(app);
    const me = await admin.client.get('/admin/users/me');
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(admin.email);

    const anonymous = await app.http().get('/admin/users/me');
    expect(anonymous.status).toBe(401);
  });
});

describe('demo admin', () => {
  it('is created on first start outside production, and can log in', async () => {
    const app = await startTestApp({ DEMO_ADMIN: 'true', DEMO_ADMIN_EMAIL: 'demo@danvan.local', DEMO_ADMIN_PASSWORD: 'Demo@12345' });
    try {
      const res = await app.http().post('/admin/login').send({ email: 'demo@danvan.local', password: 'Demo@12345' });
      expect(res.status).toBe(200);
      const user = (await app.strapi.db
        .query('admin::user')
        .findOne({ where: { email: 'demo@danvan.local' }, populate: { roles: { select: ['code'] } } })) as { roles: Array<{ code: string }> };
      expect(user.roles.map((role) => role.code)).toEqual(['strapi-super-admin']);
      expect(res.body.data.user.preferedLanguage).toBe('vi');
    } finally {
      await app.stop();
    }
  });

  it('is never created in production', async () => {
    const app = await startTestApp({ DEMO_ADMIN: 'true', NODE_ENV: 'production' });
    try {
      expect(await app.strapi.db.query('admin::user').count()).toBe(0);
    } finally {
      await app.stop();
    }
  });
});
