/**
 * Readers' comments: a comment reaches the public only through moderation;
 * e-mail addresses never leave the server; every spam rule refuses with a
 * clear 4xx and stores nothing; editors moderate, reviewers cannot; the
 * public cache follows every moderation.
 */
import { issueToken } from '../../src/api/portal/lib/comment-rules';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, type AdminUser } from '../helpers/users';

const SECRET = 'test-comment-secret';
const settings = { secret: SECRET };
/** A token issued `ageSeconds` ago (the form has been on screen that long), signed with the server's secret. */
const tokenFor = (slug: string, ageSeconds = 10) => issueToken(settings, slug, Date.now() - ageSeconds * 1000);

type Json = Record<string, unknown> & { data: unknown; meta?: Record<string, unknown>; error?: { message: string; details: Record<string, unknown> } };

describe('readers\' comments', () => {
  let app: TestApp;
  let editor: AdminUser;
  let reviewer: AdminUser;
  let siteId: string;
  let address = 0;
  /** A different client address per call unless given (the app trusts X-Forwarded-For here: IS_PROXIED). */
  const clientAddress = () => `198.51.100.${(address += 1)}`;

  const publish = async (title: string, data: Record<string, unknown> = {}) =>
    (await app.strapi.documents('api::article.article').create({ data: { title, sites: [siteId], ...data } as never, status: 'published' })) as unknown as {
      documentId: string;
      slug: string;
    };

  const post = (slug: string, body: Record<string, unknown>, ip = clientAddress()) =>
    app.http().post(`/api/portal/articles/${slug}/comments`).set('X-Forwarded-For', ip).send(body);

  const validBody = (slug: string, extra: Record<string, unknown> = {}) => ({
    name: 'Nguyễn Văn Bình',
    email: 'binh.nguyen@example.vn',
    text: 'Mô hình rất thiết thực, mong được nhân rộng ở xã tôi.',
    token: tokenFor(slug),
    ...extra,
  });

  const stored = async (articleDocumentId: string) =>
    (await app.strapi.db.query('api::comment.comment').findMany({ where: { articleDocumentId }, orderBy: { id: 'asc' } })) as Array<{
      documentId: string;
      status: string;
      name: string;
      email: string;
      text: string;
      replyTo: string | null;
    }>;

  const publicThreads = async (slug: string, query = '') => {
    const res = await app.http().get(`/api/portal/articles/${slug}/comments${query}`);
    expect(res.status).toBe(200);
    return res.body as Json & { data: Array<{ id: string; name: string; text: string; html: string; byEditor: boolean; replies: Array<{ name: string; text: string; byEditor: boolean }> }> };
  };

  const moderate = (user: AdminUser, ids: string[], action: string) => user.client.post('/review/comments/moderation').send({ ids, action });

  beforeAll(async () => {
    app = await startTestApp({
      IS_PROXIED: 'true',
      COMMENT_TOKEN_SECRET: SECRET,
      COMMENT_MIN_SECONDS: '3',
      COMMENT_TOKEN_TTL_SECONDS: '600',
      COMMENT_BLOCKED_WORDS: 'cờ bạc, lừa đảo',
      COMMENT_ADDRESS_MAX: '3',
      COMMENT_ARTICLE_MAX: '4',
    });
    const site = await app.strapi.documents('api::site.site').create({ data: { name: 'Cổng', code: 'portal' } });
    siteId = site.documentId;
    editor = await createAdminUser(app, { roles: ['dvk-editor'] });
    reviewer = await createAdminUser(app, { roles: ['dvk-reviewer'] });
  });

  afterAll(async () => {
    await app?.stop();
    // process.env is shared by the test files of a worker.
    for (const key of Object.keys(process.env)) if (key.startsWith('COMMENT_') || key === 'IS_PROXIED') delete process.env[key];
  });

  it('reaches the page only through moderation, without the e-mail address, and the cache follows each step', async () => {
    const article = await publish('Bài có bình luận');
    const before = await publicThreads(article.slug);
    expect(before.data).toEqual([]);
    expect(before.meta).toMatchObject({ total: 0, closed: false });
    const card = async () =>
      ((await app.http().get('/api/portal/sites/portal/articles')).body.data as Array<{ slug: string; commentCount: number }>).find((c) => c.slug === article.slug);
    expect((await card())?.commentCount).toBe(0);

    const res = await post(article.slug, validBody(article.slug, { text: 'Xin hỏi <script>alert(1)</script> mô hình\nbắt đầu từ năm nào?' }));
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual({ status: 'pending', message: expect.stringMatching(/chờ ban biên tập duyệt/) });
    expect(JSON.stringify(res.body)).not.toContain('binh.nguyen');

    // Pending: nothing public changed (the cached answer is still valid and still empty).
    const pending = await app.http().get(`/api/portal/articles/${article.slug}/comments`);
    expect(pending.headers['x-cache']).toBe('HIT');
    expect(pending.body.data).toEqual([]);
    const [row] = await stored(article.documentId);
    expect(row).toMatchObject({ status: 'pending', email: 'binh.nguyen@example.vn', name: 'Nguyễn Văn Bình' });

    // Approved by an editor: visible at once (no stale cache), escaped, without the e-mail.
    const approved = await moderate(editor, [row.documentId], 'approve');
    expect(approved.status).toBe(200);
    const after = await app.http().get(`/api/portal/articles/${article.slug}/comments`);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body.data).toHaveLength(1);
    expect(after.body.data[0]).toMatchObject({
      id: row.documentId,
      name: 'Nguyễn Văn Bình',
      byEditor: false,
      text: 'Xin hỏi <script>alert(1)</script> mô hình\nbắt đầu từ năm nào?',
      html: '<p>Xin hỏi &lt;script&gt;alert(1)&lt;/script&gt; mô hình<br>bắt đầu từ năm nào?</p>',
      replies: [],
    });
    expect(after.body.meta.total).toBe(1);
    expect((await card())?.commentCount).toBe(1);
    const page = await app.http().get(`/api/portal/articles/${article.slug}`);
    expect(page.body.data).toMatchObject({ commentCount: 1, commentsClosed: false });

    // The editors answer as "Ban biên tập", under the comment.
    const reply = await editor.client.post(`/review/comments/${row.documentId}/replies`).send({ text: 'Mô hình bắt đầu từ năm 2023.' });
    expect(reply.status).toBe(201);
    const threads = await publicThreads(article.slug);
    expect(threads.data[0].replies).toEqual([
      expect.objectContaining({ name: 'Ban biên tập', byEditor: true, text: 'Mô hình bắt đầu từ năm 2023.' }),
    ]);
    expect(threads.meta?.total).toBe(2);

    // Removed: gone from the page and the count.
    expect((await moderate(editor, [row.documentId], 'delete')).status).toBe(200);
    expect((await publicThreads(article.slug)).data).toEqual([]);
    expect((await card())?.commentCount).toBe(0);
    expect(await stored(article.documentId)).toEqual([]);

    // No public answer anywhere carries an e-mail address.
    for (const url of [`/api/portal/articles/${article.slug}/comments`, `/api/portal/articles/${article.slug}`, '/api/portal/sites/portal/articles']) {
      expect((await app.http().get(url)).text).not.toMatch(/@example\.vn/);
    }
  });

  it('shows replies under the comment they answer, and threads oldest or newest first', async () => {
    const article = await publish('Bài có nhiều ý kiến');
    const ids: string[] = [];
    for (const text of ['Ý kiến thứ nhất', 'Ý kiến thứ hai']) {
      expect((await post(article.slug, validBody(article.slug, { text }))).status).toBe(202);
    }
    for (const row of await stored(article.documentId)) ids.push(row.documentId);
    await moderate(editor, ids, 'approve');
    // A reader answers the first comment; an answer to a reply joins the same thread.
    expect((await post(article.slug, validBody(article.slug, { text: 'Tôi đồng ý', replyTo: ids[0] }))).status).toBe(202);
    const answer = (await stored(article.documentId)).find((row) => row.text === 'Tôi đồng ý');
    expect(answer?.replyTo).toBe(ids[0]);
    await moderate(editor, [answer?.documentId as string], 'approve');
    expect((await post(article.slug, validBody(article.slug, { text: 'Trả lời câu trả lời', replyTo: answer?.documentId }))).status).toBe(202);
    expect((await stored(article.documentId)).find((row) => row.text === 'Trả lời câu trả lời')?.replyTo).toBe(ids[0]);

    const oldest = await publicThreads(article.slug);
    expect(oldest.data.map((thread) => thread.text)).toEqual(['Ý kiến thứ nhất', 'Ý kiến thứ hai']);
    expect(oldest.data[0].replies.map((reply) => reply.text)).toEqual(['Tôi đồng ý']);
    const newest = await publicThreads(article.slug, '?order=newest&pageSize=1');
    expect(newest.data.map((thread) => thread.text)).toEqual(['Ý kiến thứ hai']);
    expect(newest.meta?.pagination).toEqual({ page: 1, pageSize: 1, total: 2, pageCount: 2 });

    // Replying to a comment that is not approved is refused.
    const pendingOne = (await stored(article.documentId)).find((row) => row.status === 'pending');
    const refused = await post(article.slug, validBody(article.slug, { replyTo: pendingOne?.documentId }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/không tồn tại hoặc chưa được duyệt/);
  });

  it('refuses spam with a clear 4xx and stores nothing', async () => {
    const article = await publish('Bài bị spam');
    const refuse = async (body: Record<string, unknown>, status: number, message: RegExp, reason?: string) => {
      const res = await post(article.slug, body);
      expect([res.status, res.body.error?.message]).toEqual([status, expect.stringMatching(message)]);
      if (reason) expect(res.body.error.details.reason).toBe(reason);
    };
    await refuse({ ...validBody(article.slug), website: 'http://spam.example' }, 400, /không được chấp nhận/, 'honeypot');
    await refuse({ ...validBody(article.slug), token: undefined }, 400, /Thiếu mã biểu mẫu/);
    await refuse({ ...validBody(article.slug), token: issueToken({ secret: 'not-the-secret' }, article.slug, Date.now() - 10_000) }, 400, /không hợp lệ/, 'token-invalid');
    await refuse({ ...validBody(article.slug), token: tokenFor('bai-khac') }, 400, /không hợp lệ/, 'token-invalid');
    await refuse({ ...validBody(article.slug), token: tokenFor(article.slug, 0) }, 400, /gửi quá nhanh/, 'token-too-fast');
    await refuse({ ...validBody(article.slug), token: tokenFor(article.slug, 601) }, 400, /quá hạn/, 'token-expired');
    await refuse(validBody(article.slug, { text: 'Xem https://a.example.com, www.b.vn và bit.ly/abc' }), 400, /tối đa 2 đường dẫn/, 'links');
    await refuse(validBody(article.slug, { name: 'Mua ngay tại shop.vn' }), 400, /không được chứa đường dẫn/, 'links');
    await refuse(validBody(article.slug, { text: 'Tham gia CO BAC online đi' }), 400, /từ ngữ không được phép/, 'blocked-words');
    await refuse(validBody(article.slug, { text: 'x'.repeat(2001) }), 400, /tối đa 2000 ký tự/);
    await refuse(validBody(article.slug, { text: ' ' }), 400, /nhập nội dung/);
    await refuse(validBody(article.slug, { email: 'khong-phai-email' }), 400, /email không hợp lệ/);
    await refuse(validBody(article.slug, { name: 'A' }), 400, /họ tên/);
    await refuse(validBody(article.slug, { populate: '*' }), 400, /Tham số không hợp lệ/);
    expect((await post('khong-co-bai-nay', validBody('khong-co-bai-nay'))).status).toBe(404);
    expect(await stored(article.documentId)).toEqual([]);

    // Two links are allowed.
    expect((await post(article.slug, validBody(article.slug, { text: 'Xem https://a.example.com và www.b.vn' }))).status).toBe(202);
  });

  it('keeps comments when an article is republished, and deletes them with the article', async () => {
    const article = await publish('Bài sẽ bị xóa');
    expect((await post(article.slug, validBody(article.slug))).status).toBe(202);
    const [row] = await stored(article.documentId);
    await moderate(editor, [row.documentId], 'approve');
    const documents = app.strapi.documents('api::article.article');
    await documents.update({ documentId: article.documentId, data: { sapo: 'Sửa lời dẫn' } as never });
    await documents.publish({ documentId: article.documentId });
    expect((await publicThreads(article.slug)).data.map((thread) => thread.id)).toEqual([row.documentId]);

    await documents.delete({ documentId: article.documentId });
    expect(await stored(article.documentId)).toEqual([]);
    expect((await app.http().get(`/api/portal/articles/${article.slug}/comments`)).status).toBe(404);
  });

  it('limits comments per address and per article (429 with Retry-After)', async () => {
    const first = await publish('Bài giới hạn theo địa chỉ');
    const ip = '203.0.113.9';
    // Every attempt from an address counts, refused ones too.
    expect((await post(first.slug, validBody(first.slug, { website: 'x' }), ip)).status).toBe(400);
    expect((await post(first.slug, validBody(first.slug), ip)).status).toBe(202);
    expect((await post(first.slug, validBody(first.slug), ip)).status).toBe(202);
    const limited = await post(first.slug, validBody(first.slug), ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ name: 'RateLimitError', details: { reason: 'address' } });
    expect(limited.body.error.message).toMatch(/nhiều bình luận liên tiếp/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not limited.
    expect((await post(first.slug, validBody(first.slug))).status).toBe(202);

    const busy = await publish('Bài giới hạn theo bài viết');
    for (let i = 0; i < 4; i += 1) expect((await post(busy.slug, validBody(busy.slug))).status).toBe(202);
    const full = await post(busy.slug, validBody(busy.slug));
    expect(full.status).toBe(429);
    expect(full.body.error.details.reason).toBe('article');
    expect(await stored(busy.documentId)).toHaveLength(4);
  });

  it('closes an article to comments; only editors moderate, reviewers are refused', async () => {
    const article = await publish('Bài đóng bình luận');
    expect((await post(article.slug, validBody(article.slug))).status).toBe(202);
    const [row] = await stored(article.documentId);

    // Reviewers hold no moderation permission: every moderation route is 403 and nothing changes.
    expect((await reviewer.client.get('/review/comments')).status).toBe(403);
    expect((await moderate(reviewer, [row.documentId], 'approve')).status).toBe(403);
    expect((await reviewer.client.post(`/review/comments/${row.documentId}/replies`).send({ text: 'Không được' })).status).toBe(403);
    expect((await reviewer.client.put(`/review/comments/articles/${article.documentId}/closed`).send({ closed: true })).status).toBe(403);
    expect((await stored(article.documentId))[0].status).toBe('pending');
    // Nor the public.
    expect((await app.http().post('/review/comments/moderation').send({ ids: [row.documentId], action: 'approve' })).status).toBe(401);

    // Editors list the pending comments with the e-mail (admin only), by article.
    const list = await editor.client.get(`/review/comments?status=pending&article=${article.documentId}`);
    expect(list.status).toBe(200);
    expect(list.body.data.results).toEqual([
      expect.objectContaining({ id: row.documentId, email: 'binh.nguyen@example.vn', status: 'pending', article: expect.objectContaining({ title: 'Bài đóng bình luận' }) }),
    ]);
    expect(list.body.data.counts).toEqual({ pending: 1, approved: 0, rejected: 0, spam: 0 });

    // Bad moderation input is a 400 or 404 in Vietnamese, and changes nothing.
    expect((await editor.client.post('/review/comments/moderation').send({ ids: [], action: 'approve' })).body.error.message).toMatch(/Chọn ít nhất một bình luận/);
    expect((await editor.client.post('/review/comments/moderation').send({ ids: [row.documentId], action: 'publish' })).status).toBe(400);
    const unknown = await editor.client.post('/review/comments/moderation').send({ ids: [row.documentId, 'khongtontai123'], action: 'spam' });
    expect([unknown.status, unknown.body.error.message]).toEqual([404, expect.stringMatching(/Không tìm thấy bình luận/)]);
    expect((await stored(article.documentId))[0].status).toBe('pending');
    expect((await editor.client.post(`/review/comments/${row.documentId}/replies`).send({ text: '   ' })).status).toBe(400);

    const spam = await moderate(editor, [row.documentId], 'spam');
    expect(spam.body.data).toEqual({ count: 1, action: 'spam' });
    expect((await stored(article.documentId))[0].status).toBe('spam');
    expect((await editor.client.post(`/review/comments/${row.documentId}/replies`).send({ text: 'Trả lời spam' })).status).toBe(400);

    const form = await app.http().get(`/api/portal/articles/${article.slug}/comment-form`);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body.data).toMatchObject({ closed: false, minSeconds: 3, maxLinks: 2, maxLength: 2000 });
    expect(typeof form.body.data.token).toBe('string');

    const closed = await editor.client.put(`/review/comments/articles/${article.documentId}/closed`).send({ closed: true });
    expect(closed.status).toBe(200);
    const refused = await post(article.slug, validBody(article.slug));
    expect([refused.status, refused.body.error.message]).toEqual([403, expect.stringMatching(/đã đóng bình luận/)]);
    expect((await app.http().get(`/api/portal/articles/${article.slug}/comments`)).body.meta.closed).toBe(true);
    expect((await app.http().get(`/api/portal/articles/${article.slug}`)).body.data.commentsClosed).toBe(true);
    expect((await app.http().get(`/api/portal/articles/${article.slug}/comment-form`)).body.data).toMatchObject({ closed: true, token: null });
    const articles = await editor.client.get('/review/comments/articles?q=đóng bình');
    expect(articles.body.data).toEqual([expect.objectContaining({ id: article.documentId, commentsClosed: true, counts: { pending: 0, approved: 0, rejected: 0, spam: 1 } })]);

    await editor.client.put(`/review/comments/articles/${article.documentId}/closed`).send({ closed: false });
    expect((await post(article.slug, validBody(article.slug))).status).toBe(202);
  });
});
