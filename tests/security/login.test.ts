/**
 * Login limits and account enumeration (issue #10, item 6), replayed against a
 * real app with small budgets.
 *
 * Each scenario sends from its own loopback address (127.0.0.x: the whole
 * 127/8 block is local on Linux), so the address Koa sees (`ctx.ip`) differs
 * without trusting X-Forwarded-For, which the app must not do by default.
 */
import http from 'http';

import { startTestApp, type TestApp } from '../helpers/strapi';
import { createAdminUser, createApiRole, createApiUser, TEST_PASSWORD } from '../helpers/users';

const ACCOUNT_BUDGET = 3;
const ADDRESS_BUDGET = 8;

const LIMIT_ENV: Record<string, string> = {
  LOGIN_ACCOUNT_MAX_FAILURES: String(ACCOUNT_BUDGET),
  LOGIN_ACCOUNT_WINDOW_SECONDS: '900',
  LOGIN_ADDRESS_MAX_ATTEMPTS: String(ADDRESS_BUDGET),
  LOGIN_ADDRESS_WINDOW_SECONDS: '900',
};

type ErrorBody = { status: number; name: string; message: string; details: Record<string, unknown> };
type Reply = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { data?: unknown; error?: ErrorBody; ok?: boolean; jwt?: string };
  ms: number;
};

let app: TestApp;

/** POSTs JSON from a given local address, so the server sees that address as the client's. */
function postFrom(address: string, path: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(path, app.baseUrl);
  const data = Buffer.from(JSON.stringify(payload));
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        localAddress: address,
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(data.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : {}, ms });
        });
      }
    );
    req.on('error', reject);
    req.end(data);
  });
}

const adminLogin = (address: string, email: string, password: string, headers?: Record<string, string>) =>
  postFrom(address, '/admin/login', { email, password }, headers);
const officerLogin = (address: string, identifier: string, password: string) =>
  postFrom(address, '/api/auth/local', { identifier, password });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** A limited answer: 429, Retry-After within the window, Strapi's error shape, a Vietnamese message. */
function expectLimited(res: Reply) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(900);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  expect(res.body.error?.message).toMatch(/Vui lòng thử lại sau/);
}

beforeAll(async () => {
  app = await startTestApp(LIMIT_ENV);
  await createApiRole(app.strapi, 'officer', []);
});

afterAll(async () => {
  await app?.stop();
  // The jest worker may run another test file next: do not leave small budgets behind.
  for (const key of Object.keys(LIMIT_ENV)) delete process.env[key];
});

describe('admin login', () => {
  it('limits one password sprayed over many accounts from one address', async () => {
    const known = await Promise.all([createAdminUser(app), createAdminUser(app)]);
    const emails = [...known.map((user) => user.email), ...Array.from({ length: 10 }, (_, i) => `spray.${i}@test.local`)];
    const answers: Reply[] = [];
    for (const email of emails.slice(0, ADDRESS_BUDGET)) {
      // A forged X-Forwarded-For must not open a new budget: the proxy is not trusted by default.
      answers.push(await adminLogin('127.0.0.10', email, 'Mua-xuan-2025', { 'X-Forwarded-For': `10.9.0.${answers.length}` }));
    }
    expect(answers.map((res) => res.status)).toEqual(Array(ADDRESS_BUDGET).fill(400));

    const limited = await adminLogin('127.0.0.10', emails[ADDRESS_BUDGET], 'Mua-xuan-2025', { 'X-Forwarded-For': '10.9.9.9' });
    expectLimited(limited);
    expect(limited.body.error?.details).toMatchObject({ reason: 'address' });

    // Spellings the router also accepts are the same route.
    expectLimited(await postFrom('127.0.0.10', '/ADMIN/Login/', { email: 'hoa.thuong@test.local', password: 'Mua-xuan-2025' }));

    // Another address is not affected.
    expect((await adminLogin('127.0.0.11', emails[ADDRESS_BUDGET + 1], 'Mua-xuan-2025')).status).toBe(400);
  });

  it('limits one account tried from many addresses, even with the right password, until the window ends', async () => {
    const target = await createAdminUser(app);
    for (let i = 0; i < ACCOUNT_BUDGET; i++) {
      expect((await adminLogin(`127.0.0.${20 + i}`, target.email, `sai-${i}`)).status).toBe(400);
    }
    const limited = await adminLogin('127.0.0.29', target.email.toUpperCase(), 'sai-nua');
    expectLimited(limited);
    expect(limited.body.error?.details).toMatchObject({ reason: 'account' });
    expectLimited(await adminLogin('127.0.0.28', target.email, TEST_PASSWORD));
    // The admin login also reads the email from the query string when the body has none.
    expectLimited(await postFrom('127.0.0.27', `/admin/login?email=${encodeURIComponent(target.email)}`, { password: TEST_PASSWORD }));
  });

  it('answers an unknown email as a wrong password, after the same bcrypt work', async () => {
    const known = await createAdminUser(app);
    const auth = app.strapi.service('admin::auth') as unknown as { validatePassword(password: string, hash: string): Promise<boolean> };
    const spy = jest.spyOn(auth, 'validatePassword');
    try {
      const unknown = await adminLogin('127.0.0.40', 'khong.ton.tai@test.local', 'Mat-khau-thu');
      expect(spy).toHaveBeenCalledWith('Mat-khau-thu', expect.stringMatching(/^\$2[aby]\$\d\d\$/));
      const wrong = await adminLogin('127.0.0.40', known.email, 'Mat-khau-thu');
      expect(unknown.status).toBe(400);
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
    } finally {
      spy.mockRestore();
    }

    // Interleaved so both see the same load; each pair from its own address and account keeps within the budgets.
    const knownMs: number[] = [];
    const unknownMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await createAdminUser(app);
      for (let j = 0; j < 2; j++) {
        knownMs.push((await adminLogin(`127.0.0.${41 + i}`, user.email, `sai-${j}`)).ms);
        unknownMs.push((await adminLogin(`127.0.0.${41 + i}`, `vang.mat.${i}.${j}@test.local`, `sai-${j}`)).ms);
      }
    }
    // Generous: without the dummy compare an unknown email answers in about a tenth of the time.
    expect(median(unknownMs)).toBeGreaterThan(median(knownMs) * 0.4);
  });
});

describe('officer login (POST /api/auth/local)', () => {
  it('lets 30 officers behind one address (a commune NAT) log in', async () => {
    const officers = [];
    for (let i = 0; i < 30; i++) officers.push(await createApiUser(app, { role: 'officer' }));
    const statuses: number[] = [];
    for (let i = 0; i < officers.length; i += 5) {
      const batch = await Promise.all(officers.slice(i, i + 5).map((officer) => officerLogin('127.0.0.50', officer.email, TEST_PASSWORD)));
      statuses.push(...batch.map((res) => res.status));
    }
    expect(statuses).toEqual(Array(30).fill(200));
    // Successful logins did not use up the address's budget for mistakes.
    expect((await officerLogin('127.0.0.50', officers[0].email, 'go-nham')).status).toBe(400);
  });

  it('limits one password sprayed over many officers from one address', async () => {
    const answers: number[] = [];
    for (let i = 0; i < ADDRESS_BUDGET; i++) answers.push((await officerLogin('127.0.0.51', `can.bo.${i}@test.local`, 'Mua-xuan-2025')).status);
    expect(answers).toEqual(Array(ADDRESS_BUDGET).fill(400));
    const limited = await officerLogin('127.0.0.51', 'can.bo.khac@test.local', 'Mua-xuan-2025');
    expectLimited(limited);
    expect(limited.body.error?.details).toMatchObject({ reason: 'address' });
  });

  it('limits one officer tried from many addresses; a successful login clears the failures', async () => {
    const officer = await createApiUser(app, { role: 'officer' });
    for (let i = 0; i < ACCOUNT_BUDGET - 1; i++) expect((await officerLogin(`127.0.0.${60 + i}`, officer.email, `sai-${i}`)).status).toBe(400);
    expect((await officerLogin('127.0.0.63', officer.email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_BUDGET; i++) expect((await officerLogin(`127.0.0.${64 + i}`, officer.email, `sai-${i}`)).status).toBe(400);
    const limited = await officerLogin('127.0.0.69', officer.email, TEST_PASSWORD);
    expectLimited(limited);
    expect(limited.body.error?.details).toMatchObject({ reason: 'account' });
  });

  it('answers an unknown identifier as a wrong password, after the same bcrypt work', async () => {
    const officer = await createApiUser(app, { role: 'officer' });
    const users = app.strapi.plugin('users-permissions').service('user') as { validatePassword(password: string, hash: string): Promise<boolean> };
    const spy = jest.spyOn(users, 'validatePassword');
    try {
      const unknown = await officerLogin('127.0.0.70', 'khong.ton.tai@test.local', 'Mat-khau-thu');
      expect(spy).toHaveBeenCalledWith('Mat-khau-thu', expect.stringMatching(/^\$2[aby]\$\d\d\$/));
      const wrong = await officerLogin('127.0.0.70', officer.email, 'Mat-khau-thu');
      expect(unknown.status).toBe(400);
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('forgotten passwords', () => {
  it('answers 200 { ok: true } for a known and an unknown officer email, even when no mail can be sent', async () => {
    const officer = await createApiUser(app, { role: 'officer' });
    const known = await postFrom('127.0.0.80', '/api/auth/forgot-password', { email: officer.email });
    const unknown = await postFrom('127.0.0.80', '/api/auth/forgot-password', { email: 'khong.ton.tai@test.local' });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual({ ok: true });
    expect(unknown.body).toEqual(known.body);
    expect((await postFrom('127.0.0.80', '/api/auth/forgot-password', { email: 'khong-phai-email' })).status).toBe(400);

    // The reset itself still happens, after the answer: the token is stored for the known email.
    const tokenOf = async () =>
      ((await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: officer.id } })) as { resetPasswordToken: string | null })
        .resetPasswordToken;
    for (let i = 0; i < 600 && !(await tokenOf()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await tokenOf()).toMatch(/^[0-9a-f]{128}$/);
  });

  it('answers admin forgot-password the same for a known and an unknown email', async () => {
    const admin = await createAdminUser(app);
    const known = await postFrom('127.0.0.81', '/admin/forgot-password', { email: admin.email });
    const unknown = await postFrom('127.0.0.81', '/admin/forgot-password', { email: 'khong.ton.tai@test.local' });
    expect(known.status).toBe(204);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
  });

  it('limits reset requests per account across addresses', async () => {
    for (let i = 0; i < ACCOUNT_BUDGET; i++) {
      expect((await postFrom(`127.0.0.${82 + i}`, '/api/auth/forgot-password', { email: 'nan.nhan@test.local' })).status).toBe(200);
    }
    const limited = await postFrom('127.0.0.89', '/api/auth/forgot-password', { email: 'nan.nhan@test.local' });
    expectLimited(limited);
    expect(limited.body.error?.details).toMatchObject({ reason: 'account' });
  });

  it('limits reset-password codes guessed from one address', async () => {
    const answers: number[] = [];
    for (let i = 0; i < ADDRESS_BUDGET; i++) {
      answers.push((await postFrom('127.0.0.90', '/api/auth/reset-password', { code: `ma-${i}`, password: 'Moi@12345', passwordConfirmation: 'Moi@12345' })).status);
    }
    expect(answers).toEqual(Array(ADDRESS_BUDGET).fill(400));
    expectLimited(await postFrom('127.0.0.90', '/api/auth/reset-password', { code: 'ma-x', password: 'Moi@12345', passwordConfirmation: 'Moi@12345' }));
    expectLimited(await postFrom('127.0.0.90', '/admin/reset-password', { resetPasswordToken: 'ma-x', password: 'Moi@12345' }));
  });
});
