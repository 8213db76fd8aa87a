/**
 * Two Strapi instances sharing one PostgreSQL database and one Redis: a
 * response cached by one is served by the other, and a write on one
 * invalidates the cache for both. Runs with `npm run test:redis`.
 */
import { spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import path from 'path';

import { seedDemo } from '../../src/seed/demo';
import { APP_DIR, createTestDatabase, startTestApp, type TestApp } from '../helpers/strapi';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `dvk:test:${crypto.randomBytes(4).toString('hex')}:`;
const PORT = 20000 + Math.floor(Math.random() * 20000);

describe('shared cache across instances (Redis + PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestApp;
  let b: ChildProcess;
  const bUrl = `http://127.0.0.1:${PORT}`;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env: Record<string, string> = { ...(database.env as unknown as Record<string, string>), REDIS_URL, REDIS_PREFIX: PREFIX };
    a = await startTestApp(env);
    await seedDemo(a.strapi);

    b = spawn(process.execPath, [path.join(APP_DIR, 'scripts', 'serve.js')], {
      cwd: APP_DIR,
      env: { ...process.env, ...env, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'error', SERVE_ADMIN: 'false', DEMO_ADMIN: 'false' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    for (let attempt = 0; attempt < 120; attempt += 1) {
      const ok = await fetch(`${bUrl}/api/portal/health`).then((res) => res.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('second instance did not start');
  });

  afterAll(async () => {
    b?.kill('SIGTERM');
    await a?.stop();
    await database?.drop();
  });

  const fromB = (url: string) => fetch(`${bUrl}${url}`);

  it('serves on one instance what the other cached, and invalidates both on a write', async () => {
    const url = '/api/portal/sites/portal/articles?pageSize=3';
    const first = await fromB(url);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const body = (await first.json()) as { data: Array<{ slug: string; title: string }> };

    const onA = await a.http().get(url);
    expect(onA.headers['x-cache']).toBe('HIT');
    expect(onA.body).toEqual(body);

    // A write through instance A invalidates instance B's view of the cache.
    const top = (await a.strapi.documents('api::article.article').findFirst({
      status: 'published',
      filters: { slug: body.data[0].slug },
    })) as { documentId: string };
    await a.strapi.documents('api::article.article').update({ documentId: top.documentId, data: { title: 'Tiêu đề mới từ máy chủ A' } });
    await a.strapi.documents('api::article.article').publish({ documentId: top.documentId });

    const after = await fromB(url);
    expect(after.headers.get('x-cache')).toBe('MISS');
    const fresh = (await after.json()) as { data: Array<{ title: string }> };
    expect(fresh.data[0].title).toBe('Tiêu đề mới từ máy chủ A');
  });

  it('invalidates the models directory when the review engine decides on the other instance', async () => {
    const url = '/api/portal/initiatives?pageSize=1';
    const before = (await (await fromB(url)).json()) as { meta: { pagination: { total: number } } };
    expect((await fromB(url)).headers.get('x-cache')).toBe('HIT');

    // A real transition by the provincial reviewer of the demo data, through the engine on instance A.
    const reviewer = (await a.strapi.db.query('admin::user').findOne({ where: { email: 'xetduyet.tinh@danvan.local' } })) as {
      id: number;
      firstname: string;
      lastname: string;
    };
    const queue = (await a.strapi.plugin('review').service('review').queue(
      await (await import('../../src/plugins/review/server/src/services/scope')).reviewerActor(a.strapi, reviewer),
      { state: 'under_review', page: 1, pageSize: 1 }
    )) as { results: Array<{ documentId: string; version: number }> };
    expect(queue.results).toHaveLength(1);
    const { reviewerActor } = await import('../../src/plugins/review/server/src/services/scope');
    await a.strapi
      .plugin('review')
      .service('engine')
      .decide(queue.results[0].documentId, await reviewerActor(a.strapi, reviewer), {
        action: 'return',
        version: queue.results[0].version,
        reason: 'Bổ sung số liệu',
      });
    // The decision answers once the invalidation is done: no wait needed before reading on the other instance.
    const after = await fromB(url);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(((await after.json()) as typeof before).meta.pagination.total).toBe(before.meta.pagination.total);
  });
});
