#!/usr/bin/env node
/**
 * Bench scenario of the review workspace's queue (GET /review/queue): the
 * first page of every tab and of each filter, tab counts included, at one
 * connection, for a provincial reviewer (the widest scope: every unit of the
 * province) and a commune reviewer, on the bench data (100,000 models).
 * Target: p99 < 100 ms for every URL.
 *
 *   node bench/queue.js [--db=postgres|sqlite] [--reuse] [--no-compile] [--duration=3]
 *   node bench/queue.js --report   (only renders the README table from bench/results/queue-<db>.json)
 *
 *   --reuse        keep the bench database if it exists (default: regenerate with 100,000 models)
 *   --no-compile   use dist/ as it is (default: `tsc -p tsconfig.json` first)
 *
 * The database is BENCH_DB_NAME (default dvk_bench), as for `npm run bench`; the
 * generator is run with few articles, which the queue never reads.
 * Writes bench/.results/queue-<db>.json and bench/results/queue-<db>.json (with the
 * machine's load average) and prints a table.
 */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const autocannon = require('autocannon');

const common = require('./lib/common');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, fallback) => {
  const found = argv.find((item) => item.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const OPTIONS = {
  db: value('db', process.env.BENCH_DB || 'postgres'),
  duration: Number(value('duration', 3)),
  reuse: flag('reuse'),
  compile: !flag('no-compile'),
};
const TARGET_P99_MS = 100;
const PASSWORD = 'Bench@12345';

const log = (message) => console.log(`[queue-bench] ${message}`);

async function dataExists() {
  if (OPTIONS.db === 'sqlite') return fs.existsSync(path.join(common.RESULTS_DIR, 'bench.db'));
  return common.databaseExists();
}

/** An admin user with the reviewer role acting for `unitId`; returns its admin token. */
async function reviewerToken(strapi, baseUrl, unitId, label) {
  const email = `bench-${label}@example.test`;
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'dvk-reviewer' } });
  // A bench database older than the review workspace may lack the role's review action.
  const granted = await strapi.db.query('admin::permission').findOne({ where: { role: { id: role.id }, action: 'plugin::review.review' } });
  if (!granted) {
    await strapi.db.query('admin::permission').create({ data: { action: 'plugin::review.review', properties: {}, conditions: [], role: role.id } });
  }
  let user = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (!user) {
    user = await strapi.service('admin::user').create({
      email,
      firstname: 'Bench',
      lastname: label,
      password: PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
  }
  const profile = await strapi.db.query('plugin::review.reviewer').findOne({ where: { user: { id: user.id } } });
  if (!profile) await strapi.db.query('plugin::review.reviewer').create({ data: { user: user.id, unit: unitId, active: true } });
  const res = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`login of ${email} failed: ${res.status}`);
  return (await res.json()).data.token;
}

/** The busiest unit of a kind: the one whose subtree owns the most models in the queue of that level. */
async function busiestUnit(strapi, kindCode) {
  const units = await strapi.db.query('api::unit.unit').findMany({ where: { kind: { code: kindCode } }, select: ['id', 'name'] });
  let best = null;
  for (const unit of units.slice(0, 400)) {
    const ids = await strapi.service('api::unit.unit').subtreeIds(unit.id);
    const count = await strapi.db.query('api::initiative.initiative').count({ where: { ownerUnit: { id: { $in: ids } }, reviewLevel: { code: kindCode } } });
    if (!best || count > best.count) best = { ...unit, count };
  }
  return best;
}

function measure(baseUrl, url, token) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `${baseUrl}${url}`, connections: 1, duration: OPTIONS.duration, headers: { authorization: `Bearer ${token}` } },
      (error, result) => (error ? reject(error) : resolve(result))
    );
  });
}

async function main() {
  if (OPTIONS.compile) {
    log('compiling dist/ (tsc)');
    execFileSync(path.join(common.APP_DIR, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: common.APP_DIR, stdio: 'inherit' });
  }
  if (!OPTIONS.reuse || !(await dataExists())) {
    log('generating the bench data (100,000 models)');
    const result = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), `--db=${OPTIONS.db}`, '--articles=500'], {
      cwd: common.APP_DIR,
      stdio: 'inherit',
    });
    if (result.status !== 0) throw new Error('bench data generation failed');
  }

  const { strapi, baseUrl } = await common.startStrapi(common.dbEnv(OPTIONS.db));
  try {
    const total = await strapi.db.query('api::initiative.initiative').count({});
    log(`${total} models in the bench database`);
    const province = await busiestUnit(strapi, 'province');
    const commune = await busiestUnit(strapi, 'commune');
    const field = await strapi.db.query('api::field.field').findOne({ select: ['id'], orderBy: { id: 'asc' } });
    const period = await strapi.db.query('api::period.period').findOne({ select: ['id'], orderBy: { year: 'desc' } });
    const child = await strapi.db.query('api::unit.unit').findOne({ where: { parent: { id: province.id }, kind: { code: 'commune' } }, select: ['id'] });

    const reviewers = [
      { label: 'province', unit: province },
      { label: 'commune', unit: commune },
    ];
    const urls = [
      ...['waiting', 'under_review', 'returned', 'recognized', 'not_recognized', 'all'].map((tab) => `/review/queue?tab=${tab}`),
      `/review/queue?tab=all&field=${field.id}`,
      `/review/queue?tab=all&period=${period.id}`,
      '/review/queue?tab=all&subjectType=individual',
      '/review/queue?tab=all&origin=replicated',
      '/review/queue?tab=all&q=dan%20van',
      '/review/queue?tab=waiting&sort=title:asc',
      `/review/queue?tab=all&period=${period.id}&field=${field.id}&q=ho%20tro&sort=title:desc`,
    ];

    const rows = [];
    for (const reviewer of reviewers) {
      const token = await reviewerToken(strapi, baseUrl, reviewer.unit.id, reviewer.label);
      const list = reviewer.label === 'province' && child ? [...urls, `/review/queue?tab=all&unit=${child.id}`] : urls;
      for (const url of list) {
        const check = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
        if (check.status !== 200) throw new Error(`${url} answered ${check.status}: ${await check.text()}`);
        const body = await check.json();
        const result = await measure(baseUrl, url, token);
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        rows.push({
          reviewer: `${reviewer.label} (${reviewer.unit.name})`,
          url,
          total: body.data.pagination.total,
          requests: result.requests.total,
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
        });
        log(`${reviewer.label.padEnd(8)} ${url.padEnd(80)} total ${String(body.data.pagination.total).padStart(6)}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms`);
      }
    }
    const worst = Math.max(...rows.map((row) => row.p99));
    const summary = {
      measuredAt: new Date().toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: common.APP_DIR, encoding: 'utf8' }).trim(),
      // The bench shares its machine: the load average (1, 5, 15 min) and the cores tell how loaded it was.
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
      cores: os.cpus().length,
      db: OPTIONS.db,
      models: total, durationPerUrl: OPTIONS.duration, connections: 1, targetP99Ms: TARGET_P99_MS, worstP99Ms: worst, pass: worst < TARGET_P99_MS, rows };
    fs.mkdirSync(common.RESULTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(common.RESULTS_DIR, `queue-${OPTIONS.db}.json`), JSON.stringify(summary, null, 2));
    // The published figures, committed next to the portal's (bench/results/).
    fs.writeFileSync(path.join(__dirname, 'results', `queue-${OPTIONS.db}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    writeReadme(summary);
    log(`worst p99 ${worst} ms (target < ${TARGET_P99_MS} ms): ${summary.pass ? 'PASS' : 'FAIL'}`);
    process.exitCode = summary.pass ? 0 : 1;
  } finally {
    await strapi.destroy();
  }
}

/** The README table between the `bench:queue` markers, from the results (never typed by hand). */
function writeReadme(summary) {
  const readme = path.join(common.APP_DIR, 'README.md');
  const lines = [
    `Generated by \`bench/queue.js\` at commit \`${summary.commit}\`, ${summary.measuredAt.slice(0, 16).replace('T', ' ')} UTC, on ${summary.db} with ${summary.models.toLocaleString('en-US')} models; ` +
      `${summary.cores} cores, load average ${summary.loadAverage.join(' / ')} (1 / 5 / 15 min). One connection, ${summary.durationPerUrl} s per URL; tab counts included. ` +
      `Worst p99 ${summary.worstP99Ms} ms against the target of ${summary.targetP99Ms} ms: ${summary.pass ? 'met' : '**missed**'}.`,
    '',
    '| reviewer | URL | total | p50 ms | p99 ms |',
    '| --- | --- | ---: | ---: | ---: |',
    ...summary.rows.map((row) => `| ${row.reviewer} | \`${row.url}\` | ${row.total.toLocaleString('en-US')} | ${row.p50} | ${row.p99} |`),
  ];
  const text = fs.readFileSync(readme, 'utf8');
  const begin = '<!-- bench:queue:begin -->';
  const end = '<!-- bench:queue:end -->';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) return log('README has no queue bench markers: table not written');
  fs.writeFileSync(readme, `${text.slice(0, from + begin.length)}\n${lines.join('\n')}\n${text.slice(to)}`);
  log('README table updated');
}

if (process.argv.includes('--report')) {
  writeReadme(JSON.parse(fs.readFileSync(path.join(__dirname, 'results', `queue-${OPTIONS.db}.json`), 'utf8')));
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
