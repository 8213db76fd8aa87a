#!/usr/bin/env node
/**
 * `npm run bench`: throughput and latency of the public portal API on 50,000
 * published articles and 100,000 initiatives (PostgreSQL), against stock
 * Strapi REST and a bare Node server. See bench/README.md.
 *
 *   npm run bench [-- --reuse] [--no-compile] [--duration=10] [--warmup=2] [--connections=20]
 *
 *   --reuse        keep the existing dvk_bench database (default: regenerate it)
 *   --no-compile   do not run `tsc -p tsconfig.json` first (default: compile dist/)
 *   --no-redis     skip the informational Redis-cache runs
 *   --db=sqlite    the same on SQLite (bench/.results/bench.db) instead of PostgreSQL
 *   --no-queue     skip the review queue's scenarios (bench/queue.js, run last on the same data)
 *
 * Prints a table and writes bench/.results/summary.{json,md} (and a timestamped copy, with
 * every SQL statement profiled), and bench/results/<database>.json, from which bench/report.js
 * generates the READMEs' tables. The scenarios and targets are listed in bench/scenarios.js.
 */
const { execFileSync, spawn, spawnSync, fork } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const autocannon = require('autocannon');

const { SEARCHES } = require('./generate');
const common = require('./lib/common');
const cpu = require('./lib/cpu');
const { writeResults } = require('./report');
const { SCENARIOS, TARGETS } = require('./scenarios');

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, fallback) => {
  const found = argv.find((item) => item.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};

const OPTIONS = {
  db: value('db', process.env.BENCH_DB || 'postgres'),
  connections: Number(value('connections', 20)),
  duration: Number(value('duration', 10)),
  warmup: Number(value('warmup', 2)),
  reuse: flag('reuse'),
  compile: !flag('no-compile'),
  redis: !flag('no-redis') && process.env.BENCH_REDIS !== '0',
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/15',
  /** Before each run, wait while other processes use more than this many cores ... */
  quietCores: Number(process.env.BENCH_QUIET_CORES || 0.25),
  /** ... but not longer than this many seconds in the whole bench. */
  quietBudget: Number(process.env.BENCH_QUIET_WAIT || 240),
};

/** The SQL statements an uncached list request may take (the other targets are in bench/scenarios.js). */
const SQL_PER_LIST = 3;

const PATHS = {
  list: '/api/portal/sites/portal/articles?pageSize=12',
  article: (slug) => `/api/portal/articles/${slug}`,
  statistics: '/api/portal/statistics?year=2025',
  searchCommon: `/api/portal/search?q=${encodeURIComponent(SEARCHES.common)}`,
  searchRare: `/api/portal/search?q=${encodeURIComponent(SEARCHES.rare)}`,
  stock: '/api/articles?pagination[pageSize]=12&populate[0]=cover&populate[1]=category&sort=displayAt:desc&status=published',
};

const started = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(url, headers = {}) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body };
}

/** A Strapi child process (`node scripts/serve.js`) on a loopback port. */
async function startServer(name, extraEnv = {}) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...common.BASE_ENV,
    ...common.dbEnv(OPTIONS.db),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, [path.join('scripts', 'serve.js')], { cwd: common.APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120000;
  for (;;) {
    if (exited) throw new Error(`${name} server exited (${JSON.stringify(exited)}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/portal/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} server did not become healthy:\n${output}`);
    }
    await sleep(250);
  }
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    for (let i = 0; i < 100 && !exited; i += 1) await sleep(100);
    if (!exited) child.kill('SIGKILL');
  };
  return { name, url, pid: child.pid, stop, output: () => output };
}

/** The baseline (c) server, forked with the body to serve. */
async function startBare(body, etag) {
  const file = path.join(common.RESULTS_DIR, 'bare-body.json');
  fs.writeFileSync(file, body);
  const child = fork(path.join(__dirname, 'lib', 'bare-server.js'), [file, etag], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message.port));
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}

let quietBudgetLeft = OPTIONS.quietBudget;

/** Waits (within the bench's budget) until other processes leave the CPU to the bench. */
async function waitQuiet(roots) {
  if (!cpu.available) return null;
  let other = await cpu.otherLoad(roots, common.DB_NAME, 1000);
  if (other <= OPTIONS.quietCores) return other;
  log(`  waiting: other processes use ${other} cores (waiting budget ${quietBudgetLeft} s left)`);
  while (other > OPTIONS.quietCores && quietBudgetLeft > 0) {
    const t = Date.now();
    other = await cpu.otherLoad(roots, common.DB_NAME, 2000);
    quietBudgetLeft -= Math.round((Date.now() - t) / 1000);
  }
  if (other > OPTIONS.quietCores) log(`  machine still busy (${other} cores used by other processes): measuring anyway, flagged`);
  return other;
}

/**
 * One autocannon measurement after a warm-up run of the same request. If other
 * processes disturbed it and the waiting budget allows, it is measured once
 * more and the quieter of the two attempts is kept.
 */
async function measure(label, url, options = {}) {
  let best = await measureOnce(label, url, options);
  if (best.noisy && quietBudgetLeft > 0) {
    log(`  ${label}: disturbed by other processes, measuring again`);
    const again = await measureOnce(label, url, options);
    if (again.otherCores < best.otherCores) best = again;
    best.attempts = 2;
  }
  return best;
}

async function measureOnce(label, url, { headers = {}, connections = OPTIONS.connections, pid = null, expectCache = null } = {}) {
  const roots = [process.pid, pid];
  // One request alone first (it fills the cache where there is one: 20 cold misses at once would stampede).
  await get(url, headers);
  const probe = await get(url, headers);
  if (probe.status !== 200) throw new Error(`${label}: GET ${url} answered ${probe.status}: ${probe.body.slice(0, 300)}`);
  const xCache = probe.headers.get('x-cache');
  if (expectCache && xCache !== expectCache) throw new Error(`${label}: expected X-Cache ${expectCache}, got ${xCache}`);
  const otherBefore = await waitQuiet(roots);
  if (OPTIONS.warmup > 0) await autocannon({ url, connections, duration: OPTIONS.warmup, headers });
  const usage = cpu.window(roots, common.DB_NAME);
  const result = await autocannon({ url, connections, duration: OPTIONS.duration, headers });
  const load = usage.end();
  const row = {
    label,
    xCache,
    url: url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
    connections,
    duration: OPTIONS.duration,
    rps: result.requests.total ? result.requests.average : 0,
    total: result.requests.total,
    // No completed request: no latency to speak of (autocannon reports 0).
    p50: result.requests.total ? result.latency.p50 : null,
    p90: result.requests.total ? result.latency.p90 : null,
    p99: result.requests.total ? result.latency.p99 : null,
    max: result.requests.total ? result.latency.max : null,
    mean: result.requests.total ? result.latency.average : null,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    otherCores: load.otherCores,
    otherCoresBefore: otherBefore,
    noisy: typeof load.otherCores === 'number' && load.otherCores > OPTIONS.quietCores,
  };
  log(
    `${label}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms` +
      `${row.non2xx || row.errors ? `, non-2xx ${row.non2xx}, errors ${row.errors}` : ''}` +
      ` (other processes: ${load.otherCores} cores${row.noisy ? ', NOISY' : ''})`
  );
  return row;
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/** Records every SQL statement knex sends while `fn` runs, with its duration. */
function sqlRecorder(knex) {
  const entries = [];
  let active = false;
  const byUid = new Map();
  const onQuery = (query) => {
    if (!active) return;
    const entry = { sql: query.sql, bindings: query.bindings, start: performance.now(), ms: null };
    entries.push(entry);
    byUid.set(query.__knexQueryUid, entry);
  };
  const onDone = (_response, query) => {
    const entry = byUid.get(query.__knexQueryUid);
    if (entry && entry.ms === null) entry.ms = performance.now() - entry.start;
  };
  knex.on('query', onQuery);
  knex.on('query-response', onDone);
  knex.on('query-error', (_error, query) => onDone(null, query));
  return {
    async record(fn) {
      entries.length = 0;
      byUid.clear();
      active = true;
      const t0 = performance.now();
      const result = await fn();
      const wall = performance.now() - t0;
      active = false;
      const queries = entries.map(({ sql, bindings, ms }) => ({ sql, bindings, ms: ms === null ? null : Math.round(ms * 100) / 100 }));
      const control = queries.filter((q) => TRANSACTION_CONTROL.test(q.sql)).length;
      return {
        result,
        wallMs: Math.round(wall * 100) / 100,
        count: queries.length,
        dataQueries: queries.length - control,
        transactionStatements: control,
        sqlMs: Math.round(queries.reduce((sum, q) => sum + (q.ms || 0), 0) * 100) / 100,
        queries,
      };
    },
    detach() {
      knex.removeListener('query', onQuery);
      knex.removeListener('query-response', onDone);
    },
  };
}

const shortSql = (sql, max = 240) => {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)} …` : flat;
};

// ---------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------

function compile() {
  log('compiling: scripts/build-plugins.js and tsc -p tsconfig.json');
  execFileSync(process.execPath, [path.join(common.APP_DIR, 'scripts', 'build-plugins.js')], { cwd: common.APP_DIR, stdio: 'inherit' });
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: common.APP_DIR, stdio: 'inherit' });
  } catch {
    throw new Error('tsc -p tsconfig.json failed (errors above): fix them, or pass --no-compile to measure dist/ as it is');
  }
}

async function generate() {
  const report = path.join(common.RESULTS_DIR, `generate-${OPTIONS.db}.json`);
  const exists = OPTIONS.db === 'sqlite' ? fs.existsSync(common.dbEnv('sqlite').DATABASE_FILENAME) : await common.databaseExists();
  if (OPTIONS.reuse && fs.existsSync(report) && exists) {
    const previous = JSON.parse(fs.readFileSync(report, 'utf8'));
    if (!previous.problems || previous.problems.length === 0) {
      log(`reusing the ${OPTIONS.db} bench database generated at ${previous.generatedAt}`);
      return previous;
    }
  }
  log(`generating data into the ${OPTIONS.db} bench database (bench/generate.js)`);
  const result = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), `--db=${OPTIONS.db}`], { cwd: common.APP_DIR, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('data generation failed');
  return JSON.parse(fs.readFileSync(report, 'utf8'));
}

/**
 * In-process Strapi with PORTAL_CACHE=off: creates the read-only API token,
 * picks the article to read, and counts the SQL of one uncached request per
 * endpoint (after one warm-up request) with a knex `query` listener.
 */
async function inProcess() {
  log('in-process instance (PORTAL_CACHE=off): API token, SQL per request');
  const { strapi, baseUrl } = await common.startStrapi({ ...common.dbEnv(OPTIONS.db), PORTAL_CACHE: 'off' });
  try {
    const token = await strapi.service('admin::api-token').create({
      name: `bench-${new Date().toISOString()}`,
      description: 'bench/run.js: read-only token for the stock REST comparison',
      type: 'read-only',
      lifespan: null,
      kind: 'content-api',
    });
    if (!token || !token.accessKey) throw new Error('admin::api-token create returned no accessKey');

    const recorder = sqlRecorder(strapi.db.connection);
    const profile = async (urlPath, headers = {}) => {
      const first = await recorder.record(() => get(`${baseUrl}${urlPath}`, headers));
      const second = await recorder.record(() => get(`${baseUrl}${urlPath}`, headers));
      const response = second.result;
      if (response.status !== 200) throw new Error(`GET ${urlPath} answered ${response.status}: ${response.body.slice(0, 300)}`);
      return {
        path: urlPath,
        status: response.status,
        xCache: response.headers.get('x-cache'),
        bytes: Buffer.byteLength(response.body),
        firstRequestQueries: first.count,
        count: second.count,
        dataQueries: second.dataQueries,
        transactionStatements: second.transactionStatements,
        wallMs: second.wallMs,
        sqlMs: second.sqlMs,
        queries: second.queries,
        body: response.body,
      };
    };

    const list = await profile(PATHS.list);
    // The list's total is memoised per filter until a write: measure the request that follows a write too,
    // which pays the COUNT again (invalidating exactly as a publish does).
    const cold = [];
    for (let round = 0; round < 5; round += 1) {
      await strapi.service('api::portal.cache').invalidate(['articles']);
      const { count, wallMs, queries } = await recorder.record(() => get(`${baseUrl}${PATHS.list}`));
      cold.push({ count, wallMs, sqlMs: Math.round(queries.reduce((sum, query) => sum + (query.ms || 0), 0) * 100) / 100 });
    }
    cold.sort((a, b) => a.wallMs - b.wallMs);
    list.afterWrite = { count: Math.max(...cold.map((run) => run.count)), medianWallMs: cold[2].wallMs, maxWallMs: cold[4].wallMs, runs: cold };
    log(`  list right after a write (count recomputed): ${list.afterWrite.count} SQL statements, median ${list.afterWrite.medianWallMs} ms, max ${list.afterWrite.maxWallMs} ms`);
    const cards = JSON.parse(list.body).data;
    const slug = cards[0].slug;
    const article = await profile(PATHS.article(slug));
    const statistics = await profile(PATHS.statistics);
    const searchCommon = await profile(PATHS.searchCommon);
    const searchRare = await profile(PATHS.searchRare);
    const stock = await profile(PATHS.stock, { Authorization: `Bearer ${token.accessKey}` });
    const stockData = JSON.parse(stock.body).data;
    if (!Array.isArray(stockData) || stockData.length !== 12 || stockData.some((entry) => !entry.cover || !entry.category)) {
      throw new Error(`stock REST response is not 12 articles with cover and category: ${stock.body.slice(0, 400)}`);
    }
    recorder.detach();
    if (OPTIONS.db === 'postgres') {
      for (const item of [list, article, statistics, searchCommon, searchRare, stock]) item.plans = await explainSlowest(item.queries, 2);
    }
    for (const item of [list, article, statistics, searchCommon, searchRare, stock]) {
      log(`  ${item.path.slice(0, 60)}: ${item.count} SQL statements (${item.dataQueries} queries + ${item.transactionStatements} BEGIN/COMMIT), ${item.wallMs} ms, ${item.bytes} bytes`);
    }
    return { token: token.accessKey, slug, profiles: { list, article, statistics, searchCommon, searchRare, stock } };
  } finally {
    await strapi.destroy();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the slowest data queries of a request, on a separate connection (PostgreSQL). */
async function explainSlowest(queries, n) {
  const slowest = queries
    .filter((q) => !TRANSACTION_CONTROL.test(q.sql) && /^\s*select/i.test(q.sql))
    .sort((a, b) => (b.ms || 0) - (a.ms || 0))
    .slice(0, n);
  return common.withPg(common.dbEnv('postgres').DATABASE_URL, async (client) => {
    const plans = [];
    for (const query of slowest) {
      try {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.bindings || []);
        plans.push({ ms: query.ms, sql: query.sql, plan: rows.map((row) => row['QUERY PLAN']).join('\n') });
      } catch (error) {
        plans.push({ ms: query.ms, sql: query.sql, plan: `EXPLAIN failed: ${error.message}` });
      }
    }
    return plans;
  });
}

async function redisReady(url) {
  const Redis = require('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1000 });
  try {
    await redis.connect();
    await redis.ping();
    // Start from a cold cache: remove what an earlier bench run left under the portal's prefix in this database.
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'dvk:portal:*', 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function machine() {
  let postgres = '';
  try {
    postgres = await common.withPg(common.PG_ADMIN_URL, async (client) => (await client.query('SHOW server_version')).rows[0].server_version);
  } catch {
    postgres = 'unknown';
  }
  const cpus = os.cpus();
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: common.APP_DIR, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    } catch {
      return '';
    }
  };
  return {
    database: OPTIONS.db,
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedSrcFiles: git('status', '--porcelain', '--', 'src', 'config').split('\n').filter(Boolean).length,
    cpus: cpus.length,
    cpuModel: cpus[0] ? cpus[0].model : 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres,
    strapi: require('@strapi/strapi/package.json').version,
    autocannon: require('autocannon/package.json').version,
    os: `${os.type()} ${os.release()}`,
  };
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

const fmt = (n, digits = 0) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '—');
/** req/s with a decimal when small. */
const fmtRps = (n) => (typeof n === 'number' && n < 10 ? fmt(n, 1) : fmt(n));

function table(rows) {
  const header = ['scenario', 'conns', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'bytes/resp', 'other cpu'];
  const lines = rows.map((row) => [
    row.label,
    String(row.connections),
    String(row.total),
    fmtRps(row.rps),
    fmt(row.p50),
    fmt(row.p99),
    fmt(row.max),
    String(row.non2xx + row.errors),
    String(row.bytesPerRequest),
    `${fmt(row.otherCores, 2)}${row.noisy ? ' !' : ''}`,
  ]);
  const widths = header.map((title, index) => Math.max(title.length, ...lines.map((line) => line[index].length)));
  const render = (cells) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ');
  return [render(header), widths.map((width) => '-'.repeat(width)).join('  '), ...lines.map(render)].join('\n');
}

function markdownTable(rows) {
  const lines = [
    '| scenario | conns | requests | req/s | p50 ms | p99 ms | max ms | errors | bytes/resp | other cpu |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.connections} | ${row.total} | ${fmtRps(row.rps)} | ${fmt(row.p50)} | ${fmt(row.p99)} | ${fmt(row.max)} | ${row.non2xx + row.errors} | ${row.bytesPerRequest} | ${fmt(row.otherCores, 2)}${row.noisy ? ' ⚠' : ''} |`
    );
  }
  return lines.join('\n');
}

function verdicts(results, sql) {
  const by = (key) => results.find((row) => row.key === key);
  const out = [];
  for (const target of TARGETS) {
    if (target.ratio) {
      const row = by(target.ratio.scenario);
      const over = by(target.ratio.over);
      if (!row || !over) continue;
      const value = row.rps / over.rps;
      out.push({
        name: target.name,
        value,
        display: target.percent
          ? `${fmt(value * 100, 0)} % (${fmtRps(row.rps)} / ${fmtRps(over.rps)} req/s)`
          : `${fmt(value, 2)}× (${fmtRps(row.rps)} / ${fmtRps(over.rps)} req/s)`,
        target: target.percent ? `≥ ${target.ratio.atLeast * 100} %` : `≥ ${target.ratio.atLeast}×`,
        met: value >= target.ratio.atLeast,
      });
    } else if (target.p99Below) {
      // Missed when nothing completed or something failed (p99 would only cover the survivors).
      const row = by(target.p99Below.scenario);
      if (!row) continue;
      const lost = row.errors + row.non2xx;
      const measured = row.total > 0 ? `${fmt(row.p99)} ms` : 'no request completed';
      out.push({
        name: target.name,
        value: row.p99,
        display: lost ? `${measured} (${lost} of ${row.total + lost} requests failed or timed out at 10 s)` : measured,
        target: `< ${target.p99Below.ms} ms`,
        met: row.total > 0 && lost === 0 && row.p99 < target.p99Below.ms,
      });
    }
  }
  // The worst case: the first request after a write recounts the total.
  const worst = Math.max(sql.count, sql.afterWrite ? sql.afterWrite.count : 0);
  out.push({
    name: 'SQL queries per uncached list request',
    value: worst,
    display: `${worst} statements right after a write (page + total), ${sql.count} while the total is memoised (${sql.dataQueries} queries + ${sql.transactionStatements} BEGIN/COMMIT)`,
    target: `≤ ${SQL_PER_LIST}`,
    met: worst <= SQL_PER_LIST,
  });
  return out;
}

function sqlSection(title, item) {
  const lines = [
    `${title}: ${item.count} SQL statements = ${item.dataQueries} queries + ${item.transactionStatements} BEGIN/COMMIT; ` +
      `request ${item.wallMs} ms, SQL ${item.sqlMs} ms summed over statements (some run in parallel); first request: ${item.firstRequestQueries} statements`,
  ];
  item.queries.forEach((query, index) => lines.push(`  ${String(index + 1).padStart(2)}. [${fmt(query.ms, 1).padStart(6)} ms] ${shortSql(query.sql)}`));
  if (item.afterWrite) {
    lines.push(
      `right after a write (the total recounted), 5 runs: ${item.afterWrite.count} statements, request median ${item.afterWrite.medianWallMs} ms, max ${item.afterWrite.maxWallMs} ms`
    );
  }
  return lines.join('\n');
}

function markdown(summary) {
  const { machine: m, dataset, results, targets, sql } = summary;
  const parts = [];
  parts.push(`# Portal API benchmark — ${summary.finishedAt}`);
  parts.push(`Database: ${m.database}. Code: commit ${m.commit}${m.uncommittedSrcFiles ? ` + ${m.uncommittedSrcFiles} uncommitted file(s) under src/ or config/` : ''}.`);
  parts.push(
    `Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, PostgreSQL ${m.postgres}, Strapi ${m.strapi}, autocannon ${m.autocannon}. ` +
      `autocannon, server, PostgreSQL (and Redis) share the same ${m.cpus} cores.`
  );
  parts.push(
    `Data: ${dataset.publishedArticles} published articles (${dataset.draftArticleRows} draft rows besides), ${dataset.initiatives} initiatives ` +
      `(${dataset.publicInitiatives} public); portal lists ${dataset.portalArticles} articles.`
  );
  parts.push(`Each run: ${OPTIONS.connections} connections (unless stated), ${OPTIONS.warmup} s warm-up, then ${OPTIONS.duration} s measured.`);
  parts.push(markdownTable(results));
  const noisy = results.filter((row) => row.noisy).map((row) => row.label);
  if (noisy.length) parts.push(`⚠ Other processes used more than ${OPTIONS.quietCores} cores during: ${noisy.join('; ')}. Those rows are not reliable.`);
  parts.push(['| check | measured | target | |', '| --- | ---: | ---: | --- |', ...targets.map((t) => `| ${t.name} | ${t.display} | ${t.target} | ${t.met ? 'met' : '**missed**'} |`)].join('\n'));
  parts.push(
    ['## SQL per request (in-process, PORTAL_CACHE=off, one request after a warm-up one)', '', ...['list', 'article', 'statistics', 'searchCommon', 'searchRare', 'stock'].map((key) => `\`\`\`\n${sqlSection(sql[key].path, sql[key])}\n\`\`\``)].join('\n')
  );
  const plans = ['list', 'statistics', 'searchCommon', 'searchRare', 'stock'].filter((key) => sql[key].plans && sql[key].plans.length);
  if (plans.length) {
    parts.push(
      [
        '## Plans of the slowest queries (EXPLAIN ANALYZE, run alone after the requests)',
        '',
        ...plans.flatMap((key) =>
          sql[key].plans.map((item) => `<details><summary>${sql[key].path} — ${fmt(item.ms, 1)} ms in the request</summary>\n\n\`\`\`\n${shortSql(item.sql, 2000)}\n\n${item.plan}\n\`\`\`\n</details>\n`)
        ),
      ].join('\n')
    );
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

async function main() {
  fs.mkdirSync(common.RESULTS_DIR, { recursive: true });
  if (OPTIONS.compile) compile();
  const generated = await generate();
  const info = await inProcess();
  const results = [];
  const add = (key, row) => results.push({ key, ...row });
  const servers = [];
  const stopAll = () => Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
  process.on('SIGINT', () => stopAll().then(() => process.exit(130)));

  const context = { articleSlug: info.slug, token: info.token };
  const INSTANCES = [
    { name: 'uncached', env: { PORTAL_CACHE: 'off' }, note: 'the uncached instance (PORTAL_CACHE=off)' },
    { name: 'cached', env: {}, note: 'the cached instance (in-memory cache)' },
    { name: 'redis', env: { REDIS_URL: OPTIONS.redisUrl }, note: `the Redis-cached instance (${OPTIONS.redisUrl})`, optional: true },
  ];
  let bareBody = null;
  try {
    for (const instance of INSTANCES) {
      const scenarios = SCENARIOS.filter((scenario) => scenario.instance === instance.name);
      if (scenarios.length === 0) continue;
      if (instance.name === 'redis' && !(OPTIONS.redis && (await redisReady(OPTIONS.redisUrl)))) {
        if (OPTIONS.redis) log('Redis not reachable: skipping the Redis-cached runs');
        continue;
      }
      log(`starting ${instance.note}`);
      const server = await startServer(instance.name, instance.env);
      servers.push(server);
      if (instance.name === 'cached') {
        await get(`${server.url}${PATHS.list}`);
        const hit = await get(`${server.url}${PATHS.list}`);
        if (hit.headers.get('x-cache') !== 'HIT') throw new Error(`cached instance answered X-Cache ${hit.headers.get('x-cache')} on the second request`);
        bareBody = { body: hit.body, etag: hit.headers.get('etag') || 'W/"bench"' };
      }
      for (const scenario of scenarios) {
        const urlPath = typeof scenario.path === 'function' ? scenario.path(context) : scenario.path;
        const headers = scenario.headers ? scenario.headers(context) : {};
        const row = await measure(scenario.label, `${server.url}${urlPath}`, {
          pid: server.pid,
          headers,
          connections: scenario.connections || OPTIONS.connections,
          expectCache: instance.name === 'redis' ? null : scenario.expectCache || null,
        });
        add(scenario.key, row);
      }
      await server.stop();
    }

    // (c) bare Node with the cached list's exact body.
    if (bareBody) {
      const bare = await startBare(bareBody.body, bareBody.etag);
      add('bare', await measure('(c) bare Node http, same body', `${bare.url}${PATHS.list}`, { pid: bare.pid }));
      await bare.stop();
    }
  } finally {
    await stopAll();
  }

  const sql = Object.fromEntries(Object.entries(info.profiles).map(([key, item]) => [key, { ...item, body: undefined }]));
  const targets = verdicts(results, sql.list);
  const summary = {
    finishedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    options: OPTIONS,
    machine: await machine(),
    dataset: generated.summary,
    article: info.slug,
    results,
    targets,
    sql,
  };

  console.log('');
  console.log(table(results));
  console.log('');
  for (const t of targets) console.log(`${t.met ? '✔' : '✖'} ${t.name}: ${t.display} (target ${t.target}) — ${t.met ? 'met' : 'MISSED'}`);
  const noisy = results.filter((row) => row.noisy).map((row) => row.label);
  if (noisy.length) console.log(`\n! Other processes used more than ${OPTIONS.quietCores} cores during: ${noisy.join('; ')} — rerun when the machine is idle.`);
  console.log('');
  console.log(sqlSection('SQL of one uncached list request', sql.list));
  console.log('');
  console.log(sqlSection('SQL of one uncached statistics request', sql.statistics));
  console.log(
    `\nDatabase: ${OPTIONS.db}. Machine: ${summary.machine.cpus} cores, ${summary.machine.memoryGiB} GiB, Node ${summary.machine.node}, PostgreSQL ${summary.machine.postgres}. Total ${summary.seconds} s.`
  );

  const stamp = summary.finishedAt.replace(/[:.]/g, '-');
  const base = OPTIONS.db === 'postgres' ? 'summary' : `summary-${OPTIONS.db}`;
  const json = `${JSON.stringify(summary, null, 2)}\n`;
  const md = markdown(summary);
  fs.writeFileSync(path.join(common.RESULTS_DIR, `${base}.json`), json);
  fs.writeFileSync(path.join(common.RESULTS_DIR, `${base}.md`), md);
  fs.writeFileSync(path.join(common.RESULTS_DIR, `${base}-${stamp}.json`), json);
  fs.writeFileSync(path.join(common.RESULTS_DIR, `${base}-${stamp}.md`), md);
  console.log(`Written: bench/.results/${base}.json, bench/.results/${base}.md (and ${base}-${stamp}.*)`);
  const written = writeResults(summary);
  console.log(`Written: ${written.join(', ')} (commit these: the README tables are generated from them)`);

  // The review workspace's queue on the same data (bench/queue.js: its own results file and README table).
  if (!flag('no-queue')) {
    log('review queue (bench/queue.js)');
    const queue = spawnSync(process.execPath, [path.join(__dirname, 'queue.js'), `--db=${OPTIONS.db}`, '--reuse', '--no-compile'], { cwd: common.APP_DIR, stdio: 'inherit' });
    if (queue.status !== 0) process.exitCode = queue.status ?? 1;
  }
}

if (require.main === module) {
  main()
    .then(() => process.exit(process.exitCode ?? 0))
    .catch((error) => {
      console.error(`[bench] ✖ ${error.stack || error.message}`);
      process.exit(1);
    });
}
