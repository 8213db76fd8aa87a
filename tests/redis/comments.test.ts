/**
 * Readers' comments on two instances sharing one PostgreSQL database and one
 * Redis: the per-address limit is counted once for both, and approving a
 * comment on one instance invalidates the threads the other cached.
 * Runs with `npm run test:redis`.
 */
import { spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import path from 'path';

import { issueToken } from '../../src/api/portal/lib/comment-rules';
import { APP_DIR, createTestDatabase, startTestApp, type TestApp } from '../helpers/strapi';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `dvk:test:${crypto.randomBytes(4).toString('hex')}:`;
const PORT = 20000 + Math.floor(Math.random() * 20000);
const SECRET = 'redis-comment-secret';

describe('comments across instances (Redis + PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TestApp;
  let b: ChildProcess;
  let slug: string;
  const bUrl = `http://127.0.0.1:${PORT}`;

  const body = (text: string) => ({ name: 'Lê Văn Hùng', email: 'hung@example.vn', text, token: issueToken({ secret: SECRET }, slug, Date.now() - 10_000) });

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env: Record<string, string> = {
      ...(database.env as unknown as Record<string, string>),
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      COMMENT_TOKEN_SECRET: SECRET,
      COMMENT_ADDRESS_MAX: '2',
    };
    a = await startTestApp(env);
    const site = await a.strapi.documents('api::site.site').create({ data: { name: 'Cổng', code: 'portal' } });
    const article = (await a.strapi.documents('api::article.article').create({
      data: { title: 'Bài trên hai máy chủ', sites: [site.documentId] } as never,
      status: 'published',
    })) as unknown as { slug: string };
    slug = article.slug;

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
    for (const key of ['COMMENT_TOKEN_SECRET', 'COMMENT_ADDRESS_MAX']) delete process.env[key];
  });

  const postOnB = (text: string) =>
    fetch(`${bUrl}/api/portal/articles/${slug}/comments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body(text)) });

  it('counts one address on both instances, and an approval on one reaches the other', async () => {
    expect((await a.http().post(`/api/portal/articles/${slug}/comments`).send(body('Ý kiến gửi tới máy A'))).status).toBe(202);
    expect((await postOnB('Ý kiến gửi tới máy B')).status).toBe(202);
    const third = await postOnB('Ý kiến thứ ba');
    expect(third.status).toBe(429);
    expect(((await third.json()) as { error: { details: { reason: string } } }).error.details.reason).toBe('address');

    const url = `${bUrl}/api/portal/articles/${slug}/comments`;
    expect(((await (await fetch(url)).json()) as { data: unknown[] }).data).toEqual([]);
    expect((await fetch(url)).headers.get('x-cache')).toBe('HIT');

    const [first] = (await a.strapi.db.query('api::comment.comment').findMany({ where: { text: 'Ý kiến gửi tới máy A' } })) as Array<{ documentId: string }>;
    const moderation = a.strapi.plugin('review').service('comments') as { moderate(ids: string[], action: string, moderatorId: number): Promise<unknown> };
    await moderation.moderate([first.documentId], 'approve', 1);

    const after = await fetch(url);
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(((await after.json()) as { data: Array<{ text: string }> }).data.map((comment) => comment.text)).toEqual(['Ý kiến gửi tới máy A']);
  });
});
