/**
 * The public API with Redis killed under it and brought back (issue #10,
 * item 5): reads stay 200 without waiting for Redis, views are counted and
 * rate-limited in memory, the cache comes back by itself, every key carries
 * REDIS_PREFIX, and stopping the app leaves no connection behind.
 *
 * Starts its own redis-server on a free port, so killing it touches nobody
 * else's Redis.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import net from 'net';
import { promisify } from 'util';

import { seedDemo } from '../../src/seed/demo';
import { startTestApp, type TestApp } from '../helpers/strapi';

const run = promisify(execFile);

const which = (binary: string): string => {
  try {
    return execFileSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Long enough that a request waiting for one Redis timeout stands out from an uncached read. */
const COMMAND_TIMEOUT_MS = 1000;
const VIEWS_PER_MINUTE = 5;
const LOGIN_FAILURES = 3;
const PREFIX = `dvk:outage:${crypto.randomBytes(3).toString('hex')}:`;
const ENV = {
  REDIS_PREFIX: PREFIX,
  REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS),
  REDIS_COOLDOWN_MS: '1000',
  VIEW_RATE_PER_MINUTE: String(VIEWS_PER_MINUTE),
  LOGIN_ACCOUNT_MAX_FAILURES: String(LOGIN_FAILURES),
};

describe('public API while Redis is down', () => {
  const redisServer = which('redis-server');
  const redisCli = which('redis-cli');
  let port: number;
  let redis: ChildProcess | null = null;
  let app: TestApp | null = null;
  let baselineClients: number;
  let slugs: string[];

  const cli = async (...args: string[]) => (await run(redisCli, ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout;
  const clientCount = async () => (await cli('CLIENT', 'LIST')).split('\n').filter((line) => line.startsWith('id=')).length;
  const keys = async () => (await cli('--scan')).split('\n').filter(Boolean);

  const startRedis = async () => {
    redis = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 600; attempt += 1) {
      if ((await cli('PING').catch(() => '')).trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`redis-server did not answer on port ${port}`);
  };

  const killRedis = async () => {
    const child = redis;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    redis = null;
  };

  const get = (url: string) => app!.http().get(url);
  const login = (email: string) => app!.http().post('/admin/login').send({ email, password: 'Sai@mat-khau1' });
  const failLogins = async (email: string, times: number) => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < times; attempt += 1) statuses.push((await login(email)).status);
    return statuses;
  };
  const view = (slug: string, agent: string) => app!.http().post(`/api/portal/articles/${slug}/views`).set('User-Agent', agent);

  beforeAll(async () => {
    if (!redisServer || !redisCli) {
      // Never skipped silently: this file is part of `npm test`; .ci/run installs Redis.
      throw new Error('redis-server and redis-cli are required for this test (apt-get install redis-server)');
    }
    port = await freePort();
    await startRedis();
    baselineClients = await clientCount();
    app = await startTestApp({ ...ENV, REDIS_URL: `redis://127.0.0.1:${port}` });
    await seedDemo(app.strapi);
    const list = await get('/api/portal/sites/portal/articles?pageSize=20');
    slugs = (list.body.data as Array<{ slug: string }>).map((card) => card.slug);
    expect(slugs.length).toBeGreaterThanOrEqual(10);
  });

  afterAll(async () => {
    await app?.stop().catch(() => undefined);
    await killRedis();
    // startTestApp leaves its environment in the worker; later test files must not inherit these.
    for (const key of [...Object.keys(ENV), 'REDIS_URL']) delete process.env[key];
  });

  it('uses one connection and keeps every key, views and rate limits included, under REDIS_PREFIX', async () => {
    expect(await clientCount()).toBe(baselineClients + 1);
    const url = '/api/portal/sites/portal/articles?pageSize=4';
    expect((await get(url)).headers['x-cache']).toBe('MISS');
    expect((await get(url)).headers['x-cache']).toBe('HIT');
    expect((await view(slugs[0], 'before-outage')).status).toBe(200);

    const stored = await keys();
    expect(stored.filter((key) => !key.startsWith(PREFIX))).toEqual([]);
    expect(stored.some((key) => key.startsWith(`${PREFIX}views:rl`))).toBe(true);
    expect(stored.some((key) => key.startsWith(`${PREFIX}views:`) && !key.startsWith(`${PREFIX}views:rl`))).toBe(true);
  });

  it('counts login failures in Redis, shared by every instance', async () => {
    expect(await failLogins('chia.se@test.local', LOGIN_FAILURES)).toEqual(Array(LOGIN_FAILURES).fill(400));
    expect((await login('chia.se@test.local')).status).toBe(429);
    const stored = await keys();
    expect(stored.some((key) => key.startsWith(`${PREFIX}login:account`))).toBe(true);
    expect(stored.some((key) => key.startsWith(`${PREFIX}login:address`))).toBe(true);
    // The count is Redis's, not this instance's: clearing it there (as another instance's success would) lifts the limit.
    for (const key of stored.filter((name) => name.startsWith(`${PREFIX}login:account`))) await cli('DEL', key);
    expect((await login('chia.se@test.local')).status).toBe(400);
  });

  it('answers reads without waiting for Redis once it is killed', async () => {
    await killRedis();
    // Twenty different URLs, none cached in memory: each is a full uncached read.
    const urls = [
      ...slugs.slice(0, 10).map((slug) => `/api/portal/articles/${slug}`),
      ...Array.from({ length: 10 }, (_, index) => `/api/portal/sites/portal/articles?pageSize=${index + 1}&page=2`),
    ];
    const started = Date.now();
    for (const url of urls) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe('MISS');
    }
    const elapsed = Date.now() - started;
    // An uncached read takes tens of milliseconds here; a read that waited for Redis would take a whole
    // command timeout or more. Half of "one timeout per read" leaves a wide margin for a loaded machine.
    expect(elapsed).toBeLessThan((urls.length * COMMAND_TIMEOUT_MS) / 2);
  });

  it('counts views and enforces the rate limit in memory while Redis is down', async () => {
    // The limiter already has the view of the previous test in Redis; the memory limiter starts afresh.
    const first = await view(slugs[1], 'outage-1');
    expect(first.status).toBe(200);
    expect(first.body.data.counted).toBe(true);
    const again = await view(slugs[1], 'outage-1');
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual({ counted: false, viewCount: first.body.data.viewCount });
    const other = await view(slugs[1], 'outage-2');
    expect(other.body.data).toEqual({ counted: true, viewCount: first.body.data.viewCount + 1 });
    for (let index = 3; index < VIEWS_PER_MINUTE; index += 1) expect((await view(slugs[1], `outage-${index}`)).status).toBe(200);
    expect((await view(slugs[1], 'outage-over-limit')).status).toBe(429);
  });

  it('keeps limiting logins, in memory, while Redis is down', async () => {
    expect(await failLogins('trong.luc.mat.redis@test.local', LOGIN_FAILURES)).toEqual(Array(LOGIN_FAILURES).fill(400));
    const limited = await login('trong.luc.mat.redis@test.local');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('uses Redis again by itself when it comes back, under the same prefix', async () => {
    await startRedis();
    const url = '/api/portal/sites/portal/articles?pageSize=7';
    const seen: string[] = [];
    for (let attempt = 0; attempt < 100 && seen[seen.length - 1] !== 'HIT'; attempt += 1) {
      const res = await get(url);
      expect(res.status).toBe(200);
      seen.push(res.headers['x-cache']);
      if (res.headers['x-cache'] !== 'HIT') await sleep(200);
    }
    expect(seen[0]).toBe('MISS');
    expect(seen[seen.length - 1]).toBe('HIT');

    // Redis came back empty: the view limit counts from zero there, and a new client is counted in Redis.
    const res = await view(slugs[2], 'after-outage');
    expect(res.status).toBe(200);
    expect(res.body.data.counted).toBe(true);
    const stored = await keys();
    expect(stored.filter((key) => !key.startsWith(PREFIX))).toEqual([]);
    expect(stored.some((key) => key.startsWith(`${PREFIX}views:rl`))).toBe(true);
    expect(stored.some((key) => key.startsWith(`${PREFIX}views:`) && !key.startsWith(`${PREFIX}views:rl`))).toBe(true);
    expect(await clientCount()).toBe(baselineClients + 1);
  });

  it('closes every Redis connection when the app stops', async () => {
    await app!.stop();
    app = null;
    let count = await clientCount();
    for (let attempt = 0; attempt < 300 && count !== baselineClients; attempt += 1) {
      await sleep(100);
      count = await clientCount();
    }
    expect(count).toBe(baselineClients);
  });
});
