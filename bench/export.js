#!/usr/bin/env node
/**
 * Bench of the streamed exports (XLSX and CSV): how much the server's memory
 * (RSS, and the V8 heap) grows while it writes the review queue of the
 * province and the directory of recognised models, against a baseline
 * measured in the same run (the statistics endpoint and an empty export), on
 * the bench data. Each export runs on a part of the rows (one field of the
 * latest year, the latest year) and on all of them, smaller first, and the
 * run compares them: bounded memory grows far less than the rows do. Each
 * export runs three times: as the server runs; with a full garbage
 * collection every 0.5 s, whose live heap (what survives each collection)
 * is what the export holds, apart from garbage V8 has not collected yet; and
 * in a child process (this script with --capped-pass) whose V8 old space is
 * capped at --heap-cap MiB, where an export that kept its rows would run out
 * of memory. The server runs
 * in this process; the client reads each file as a stream and counts its
 * bytes, so the sampled RSS is the server's work.
 *
 *   node --expose-gc bench/export.js [--db=postgres|sqlite] [--initiatives=10000] [--reuse] [--no-compile]
 *
 *   --initiatives  models to generate (default 10,000, a quick check; 320,000
 *                  puts over 100,000 rows in the largest exports — the whole
 *                  province's queue and the directory of every year — and
 *                  the run takes about 10 minutes, so only on a quiet machine)
 *   --reuse        keep the export bench database if it exists
 *   --no-compile   use dist/ as it is (default: `tsc -p tsconfig.json` first)
 *   --heap-cap     the third pass's V8 old space in MiB (default 192)
 *
 * Its own database (BENCH_DB_NAME, default dvk_bench_export; SQLite:
 * bench/.results/bench.db), so the portal bench's data is left alone.
 * Writes bench/results/export-<db>-<models>.json and, from every such file of
 * the database (largest data set first), the README tables between
 * `<!-- bench:export:begin -->` and `<!-- bench:export:end -->`.
 */
process.env.BENCH_DB_NAME = process.env.BENCH_DB_NAME || 'dvk_bench_export';

const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const v8 = require('v8');

const common = require('./lib/common');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, fallback) => {
  const found = argv.find((item) => item.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const OPTIONS = {
  db: value('db', process.env.BENCH_DB || 'postgres'),
  initiatives: Number(value('initiatives', 10000)),
  reuse: flag('reuse'),
  compile: !flag('no-compile'),
  // The third pass's V8 old space, in MiB: above the server's own heap (about 140 MiB on the bench data), far below what a file held in memory would need.
  heapCap: Number(value('heap-cap', 192)),
  // Internal: this process is the third pass's child, writing its results to this file.
  cappedPass: value('capped-pass', null),
};
const PASSWORD = 'Bench@12345';
const README = path.join(common.APP_DIR, 'README.md');

const log = (message) => console.log(`[export-bench] ${message}`);
const mib = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** A file size as people read it: KiB under one MiB. */
const size = (bytes) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KiB` : `${mib(bytes)} MiB`);

/** A leadership admin acting for the province (reads statistics, reviews, exports); returns its admin token. */
async function leadershipToken(strapi, baseUrl, unitId) {
  const email = 'bench-export@example.test';
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'dvk-leadership' } });
  let user = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (!user) {
    user = await strapi.service('admin::user').create({ email, firstname: 'Bench', lastname: 'Export', password: PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
  }
  const profile = await strapi.db.query('plugin::review.reviewer').findOne({ where: { user: { id: user.id } } });
  if (!profile) await strapi.db.query('plugin::review.reviewer').create({ data: { user: user.id, unit: unitId, active: true } });
  const res = await fetch(`${baseUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return (await res.json()).data.token;
}

/**
 * Requests `url`, reads the body as a stream (bytes counted, nothing kept;
 * for CSV the line ends too, to check the row count) and samples this
 * process's RSS and V8 heap every 10 ms meanwhile; returns the peaks. With
 * `collect`, a full garbage collection runs every 0.5 s as well, and the
 * heap left after each is the memory the export holds (`livePeak`): without
 * it, V8 lets garbage pile up before collecting, so the peaks also hold
 * rows already written and dropped.
 */
async function measure(baseUrl, url, token, collect = false) {
  global.gc();
  const start = process.memoryUsage();
  let peak = start.rss;
  let heapPeak = start.heapUsed;
  let livePeak = start.heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    return usage;
  };
  const timer = setInterval(sample, 10);
  const collector = collect
    ? setInterval(() => {
        sample();
        global.gc();
        livePeak = Math.max(livePeak, sample().heapUsed);
      }, 500)
    : null;
  const started = process.hrtime.bigint();
  try {
    const res = await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
    let bytes = 0;
    let lines = 0;
    let last = -1;
    const csv = url.includes('format=csv');
    const reader = res.body.getReader();
    for (;;) {
      const { done, value: chunk } = await reader.read();
      if (done) break;
      bytes += chunk.length;
      if (csv) for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines += 1;
      if (chunk.length) last = chunk[chunk.length - 1];
    }
    // The last line may end without a line break.
    if (csv && bytes > 0 && last !== 10) lines += 1;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    sample();
    return {
      url,
      bytes,
      ...(csv ? { csvLines: lines } : {}),
      seconds: Math.round(seconds * 100) / 100,
      rssBefore: start.rss,
      rssPeak: peak,
      heapBefore: start.heapUsed,
      heapPeak,
      ...(collect ? { livePeak } : {}),
    };
  } finally {
    clearInterval(timer);
    if (collector) clearInterval(collector);
  }
}

const RESULTS = path.join(__dirname, 'results');
/** bench/results/export-<db>-<models>.json: one file per data set size. */
const resultsFile = (db, models) => path.join(RESULTS, `export-${db}-${models}.json`);

/**
 * Same export on a part of the rows and on all of them, in one run: if the
 * memory grew with the rows, the larger one would hold proportionally more.
 */
function compare(rows, small, large) {
  const a = rows.find((row) => row.key === small);
  const b = rows.find((row) => row.key === large);
  if (!a || !b || !a.rows || !b.rows) return null;
  const ratio = (x, y) => (x > 0 && y > 0 ? Math.round((x / y) * 100) / 100 : null);
  const perRow = (x, y) => (b.rows > a.rows ? Math.round((x - y) / (b.rows - a.rows)) : null);
  return {
    label: b.family,
    smallRows: a.rows,
    largeRows: b.rows,
    rowsRatio: ratio(b.rows, a.rows),
    // The bytes of the larger file per row: a file held in memory would cost at least that per added row.
    fileBytesPerRow: Math.round(b.bytes / b.rows),
    live: {
      smallOverBaselineMiB: a.collected.liveOverBaselineMiB,
      largeOverBaselineMiB: b.collected.liveOverBaselineMiB,
      ratio: ratio(b.collected.liveOverBaselineMiB, a.collected.liveOverBaselineMiB),
      bytesPerAddedRow: perRow(b.collected.livePeak, a.collected.livePeak),
    },
    rssCollected: {
      smallOverBaselineMiB: a.collected.overBaselineMiB,
      largeOverBaselineMiB: b.collected.overBaselineMiB,
      ratio: ratio(b.collected.overBaselineMiB, a.collected.overBaselineMiB),
      bytesPerAddedRow: perRow(b.collected.rssPeak, a.collected.rssPeak),
    },
    rss: {
      smallOverBaselineMiB: a.overBaselineMiB,
      largeOverBaselineMiB: b.overBaselineMiB,
      ratio: ratio(b.overBaselineMiB, a.overBaselineMiB),
      bytesPerAddedRow: perRow(b.rssPeak, a.rssPeak),
    },
    rssCapped:
      a.capped && b.capped
        ? {
            smallOverBaselineMiB: a.capped.overBaselineMiB,
            largeOverBaselineMiB: b.capped.overBaselineMiB,
            ratio: ratio(b.capped.overBaselineMiB, a.capped.overBaselineMiB),
            bytesPerAddedRow: perRow(b.capped.rssPeak, a.capped.rssPeak),
          }
        : null,
  };
}

const signed = (value) => `${value >= 0 ? '+' : ''}${value}`;
const change = (part) =>
  `${signed(part.smallOverBaselineMiB)} → ${signed(part.largeOverBaselineMiB)} MiB${part.ratio === null ? '' : ` (×${part.ratio})`}, ${part.bytesPerAddedRow === null ? '—' : part.bytesPerAddedRow} bytes per added row`;
const comparisonLine = (c) =>
  `${c.label}: ${c.smallRows.toLocaleString('en-US')} → ${c.largeRows.toLocaleString('en-US')} rows (×${c.rowsRatio}; the file: ${c.fileBytesPerRow} bytes per row). ` +
  `Live heap: ${change(c.live)}; RSS: ${change(c.rss)}${c.rssCapped ? `; RSS with the heap capped: ${change(c.rssCapped)}` : ''}`;

/** One run's table: its heading names the data set and the largest export. */
function runTable(summary) {
  const largest = Math.max(...summary.rows.map((row) => row.rows || 0));
  const b = summary.baseline;
  const capped = summary.capped;
  const cap = capped ? `heap capped at ${capped.heapCapMiB} MiB` : null;
  const cappedText = !capped
    ? ''
    : capped.failed
      ? ` A third pass with the V8 old space capped at ${capped.heapCapMiB} MiB **failed** (out of memory, or the server did not start).`
      : ` A third pass ran in a child process with the V8 old space capped at ${capped.heapCapMiB} MiB (baseline RSS ${capped.baseline.rssPeakMiB} MiB, heap ${capped.baseline.heapPeakMiB} MiB): garbage cannot pile up there, and an export that held its rows would run out of memory.`;
  const cell = (value, unit = ' MiB') => (value === undefined || value === null ? '—' : `${value}${unit}`);
  return [
    `**${summary.models.toLocaleString('en-US')} models, largest export ${largest.toLocaleString('en-US')} rows** (\`bench/results/${path.basename(resultsFile(summary.db, summary.models))}\`). ` +
      `Generated by \`bench/export.js\` (\`node --expose-gc bench/export.js --db=${summary.db} --initiatives=${summary.models}\`) at commit \`${summary.commit}\`, ${summary.measuredAt.slice(0, 16).replace('T', ' ')} UTC; ` +
      `${summary.cores} cores, load average ${summary.loadAverage.join(' / ')} (shared machine). Server and client in one process; RSS and heap sampled every 10 ms. ` +
      `Each export ran as the server runs (baseline RSS ${b.rssPeakMiB} MiB, heap ${b.heapPeakMiB} MiB), then with a full garbage collection every 0.5 s (baseline live heap ${b.collected.livePeakMiB} MiB), whose live heap is what the export holds (its RSS, in the results file, starts from what the first pass left).${cappedText}`,
    '',
    `| export | rows | file | time | RSS over baseline | heap peak | GC every 0.5 s: live heap over baseline |${cap ? ` ${cap}: time | RSS over baseline | heap peak |` : ''}`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: |${cap ? ' ---: | ---: | ---: |' : ''}`,
    ...summary.rows.map(
      (row) =>
        `| ${row.label} | ${row.rows ? row.rows.toLocaleString('en-US') : '—'} | ${size(row.bytes)} | ${row.seconds} s | ${signed(row.overBaselineMiB)} MiB | ${mib(row.heapPeak)} MiB | ${signed(row.collected.liveOverBaselineMiB)} MiB |` +
        `${cap ? ` ${cell(row.capped?.seconds, ' s')} | ${row.capped ? `${signed(row.capped.overBaselineMiB)} MiB` : '—'} | ${row.capped ? `${mib(row.capped.heapPeak)} MiB` : '—'} |` : ''}`
    ),
    ...(summary.comparisons.length ? ['', 'Same export, part of the rows against all of them:', '', ...summary.comparisons.map((c) => `- ${comparisonLine(c)}`)] : []),
  ];
}

/** The README's table, from every export results file of this database (largest data set first). */
function writeReadme(db) {
  const runs = fs
    .readdirSync(RESULTS)
    .filter((name) => name.startsWith(`export-${db}-`) && name.endsWith('.json'))
    .map((name) => JSON.parse(fs.readFileSync(path.join(RESULTS, name), 'utf8')))
    .sort((a, b) => b.models - a.models);
  const lines = runs.flatMap((summary, n) => [...(n ? [''] : []), ...runTable(summary)]);
  const text = fs.readFileSync(README, 'utf8');
  const begin = '<!-- bench:export:begin -->';
  const end = '<!-- bench:export:end -->';
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < 0) return log('README has no export bench markers: table not written');
  fs.writeFileSync(README, `${text.slice(0, from + begin.length)}\n${lines.join('\n')}\n${text.slice(to)}`);
  log('README table updated');
}

/**
 * Boots nothing: from a running server, the leadership token, the row counts
 * and the scenarios (smaller exports first: memory that grew with the rows
 * would show in the larger ones that follow), warmed once.
 */
async function planOf(strapi, baseUrl) {
  // Today's province (the absorbed one has an end of validity).
  const provinces = await strapi.db.query('api::unit.unit').findMany({ where: { kind: { code: 'province' } }, select: ['id', 'name', 'validTo'] });
  const province = provinces.find((unit) => !unit.validTo) ?? provinces[0];
  const token = await leadershipToken(strapi, baseUrl, province.id);
  const period = await strapi.db.query('api::period.period').findOne({ select: ['id', 'year'], orderBy: { year: 'desc' } });
  const field = await strapi.db.query('api::field.field').findOne({ select: ['id', 'name'], orderBy: { order: 'asc' } });
  const year = period.year;
  const get = async (url) => (await fetch(`${baseUrl}${url}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const statsUrl = `/review/statistics?year=${year}`;
  const stats = await get(statsUrl);
  // The province's queue holds the models at provincial level: its "all" tab under three scopes (one field of
  // the latest year, the latest year, every year), so the same export runs on a part of the rows and on all.
  const queueScopes = { field: `&period=${period.id}&field=${field.id}`, year: `&period=${period.id}`, all: '' };
  const queueRows = {};
  for (const [key, filter] of Object.entries(queueScopes)) queueRows[key] = (await get(`/review/queue?tab=all&pageSize=1${filter}`)).data.pagination.total;
  // The directory: recognised at some level and not withdrawn, of the latest year and of every year.
  const from = year - 19;
  const directoryWhere = { recognitionLevel: { id: { $notNull: true } }, reviewState: { $ne: 'withdrawn' } };
  const directoryRows = {
    year: await strapi.db.query('api::initiative.initiative').count({ where: { ...directoryWhere, period: { year } } }),
    all: await strapi.db.query('api::initiative.initiative').count({ where: directoryWhere }),
  };
  const queueUrl = (scope, fmt) => `/review/exports/queue?tab=all${queueScopes[scope]}&format=${fmt}`;
  const scenarios = [
    { key: 'queue-field-xlsx', family: 'queue (XLSX)', label: `queue of the province, ${year}, field “${field.name}” (XLSX)`, url: queueUrl('field', 'xlsx'), rows: queueRows.field },
    { key: 'queue-year-xlsx', family: 'queue (XLSX)', label: `queue of the province, ${year} only (XLSX)`, url: queueUrl('year', 'xlsx'), rows: queueRows.year },
    { key: 'queue-all-xlsx', family: 'queue (XLSX)', label: 'queue of the province, all tabs (XLSX)', url: queueUrl('all', 'xlsx'), rows: queueRows.all },
    { key: 'queue-field-csv', family: 'queue (CSV)', label: `queue of the province, ${year}, field “${field.name}” (CSV)`, url: queueUrl('field', 'csv'), rows: queueRows.field },
    { key: 'queue-year-csv', family: 'queue (CSV)', label: `queue of the province, ${year} only (CSV)`, url: queueUrl('year', 'csv'), rows: queueRows.year },
    { key: 'queue-all-csv', family: 'queue (CSV)', label: 'queue of the province, all tabs (CSV)', url: queueUrl('all', 'csv'), rows: queueRows.all },
    { key: 'directory-year-xlsx', family: 'recognised models (XLSX)', label: `recognised models ${year} (XLSX)`, url: `/review/exports/directory?year=${year}&format=xlsx`, rows: directoryRows.year },
    { key: 'directory-all-xlsx', family: 'recognised models (XLSX)', label: `recognised models ${from}–${year} (XLSX)`, url: `/review/exports/directory?from=${from}&to=${year}&format=xlsx`, rows: directoryRows.all },
    { key: 'directory-all-csv', family: 'recognised models (CSV)', label: `recognised models ${from}–${year} (CSV)`, url: `/review/exports/directory?from=${from}&to=${year}&format=csv`, rows: directoryRows.all },
    { key: 'statistics-xlsx', family: 'statistics', label: `statistics tables ${year}, 11 sheets (XLSX)`, url: `/review/exports/statistics?year=${year}&format=xlsx`, rows: 0 },
  ];
  // Warm every route once.
  const empty = '/review/exports/queue?tab=all&q=zzzzzz&format=xlsx';
  for (const url of [empty, '/review/exports/queue?tab=all&q=zzzzzz&format=csv', `/review/exports/directory?year=${year}&field=${field.id}&format=csv`]) await measure(baseUrl, url, token);
  /** The statistics and an empty export, measured as the exports are. */
  const baselineOf = async (collect) => {
    const entries = [await measure(baseUrl, statsUrl, token, collect), await measure(baseUrl, empty, token, collect)];
    const most = (key) => Math.max(...entries.map((entry) => entry[key] ?? 0));
    return { rssPeak: most('rssPeak'), heapPeak: most('heapPeak'), livePeak: most('livePeak'), requests: entries.map(({ url, rssPeak, heapPeak }) => ({ url, rssPeakMiB: mib(rssPeak), heapPeakMiB: mib(heapPeak) })) };
  };
  return { token, year, registered: stats.data.total, scenarios, baselineOf };
}

/** A CSV holds a header line and one line per row: the count a scenario claims is checked against the file. */
function checkRows(scenario, result) {
  if (result.csvLines !== undefined && result.csvLines - 1 !== scenario.rows) throw new Error(`${scenario.label}: ${result.csvLines - 1} rows in the file, ${scenario.rows} expected`);
}

/** Every scenario as the server runs: its baseline, then each export's peaks. */
async function plainPass(baseUrl, plan, prefix = '') {
  const baseline = await plan.baselineOf(false);
  log(`${prefix}baseline RSS ${mib(baseline.rssPeak)} MiB, heap ${mib(baseline.heapPeak)} MiB (statistics ${plan.year}: ${plan.registered} registered; an empty export)`);
  const rows = [];
  for (const scenario of plan.scenarios) {
    const result = await measure(baseUrl, scenario.url, plan.token);
    checkRows(scenario, result);
    const row = { ...scenario, ...result, overBaselineMiB: mib(result.rssPeak - baseline.rssPeak), heapOverBaselineMiB: mib(result.heapPeak - baseline.heapPeak) };
    rows.push(row);
    log(
      `${prefix}${scenario.label.padEnd(52)} ${String(scenario.rows).padStart(7)} rows  ${size(result.bytes)} in ${result.seconds} s  RSS peak ${mib(result.rssPeak)} MiB (${signed(row.overBaselineMiB)} over baseline)  heap peak ${mib(result.heapPeak)} MiB`
    );
  }
  return { baseline, rows };
}

/**
 * The capped pass, in a child process (this script again, with
 * --capped-pass=<file>) whose V8 old space is capped at --heap-cap MiB: the
 * heap cannot grow with garbage, and an export that held its rows would run
 * out of memory. Returns the child's results, or its failure.
 */
function cappedPass() {
  const out = path.join(os.tmpdir(), `export-bench-capped-${process.pid}.json`);
  const args = ['--expose-gc', `--max-old-space-size=${OPTIONS.heapCap}`, __filename, `--db=${OPTIONS.db}`, `--capped-pass=${out}`];
  log(`third pass: a child process with its V8 old space capped at ${OPTIONS.heapCap} MiB`);
  const child = spawnSync(process.execPath, args, { cwd: common.APP_DIR, stdio: 'inherit', env: process.env });
  if (child.status !== 0 || !fs.existsSync(out)) return { heapCapMiB: OPTIONS.heapCap, failed: true, status: child.status, signal: child.signal };
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out, { force: true });
  return { heapCapMiB: OPTIONS.heapCap, ...result };
}

/** In the child: the plain pass under the capped heap, written to `out` for the parent. */
async function runCappedChild(out) {
  const { strapi, baseUrl } = await common.startStrapi(common.dbEnv(OPTIONS.db));
  try {
    const plan = await planOf(strapi, baseUrl);
    const { baseline, rows } = await plainPass(baseUrl, plan, `[heap capped at ${OPTIONS.heapCap} MiB] `);
    const heapLimitMiB = mib(v8.getHeapStatistics().heap_size_limit);
    fs.writeFileSync(
      out,
      JSON.stringify({
        heapLimitMiB,
        baseline: { rssPeak: baseline.rssPeak, rssPeakMiB: mib(baseline.rssPeak), heapPeak: baseline.heapPeak, heapPeakMiB: mib(baseline.heapPeak) },
        rows: rows.map(({ key, bytes, seconds, rssPeak, heapPeak, overBaselineMiB, heapOverBaselineMiB }) => ({ key, bytes, seconds, rssPeak, heapPeak, overBaselineMiB, heapOverBaselineMiB })),
      })
    );
  } finally {
    await strapi.destroy();
  }
}

async function main() {
  if (!global.gc) throw new Error('run it as node --expose-gc bench/export.js: it collects garbage before each export, and every 0.5 s in its second pass');
  if (OPTIONS.cappedPass) return runCappedChild(OPTIONS.cappedPass);
  if (OPTIONS.compile) {
    log('compiling dist/ (tsc)');
    execFileSync(path.join(common.APP_DIR, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: common.APP_DIR, stdio: 'inherit' });
  }
  const exists = OPTIONS.db === 'sqlite' ? fs.existsSync(path.join(common.RESULTS_DIR, 'bench.db')) : await common.databaseExists();
  const regenerate = !OPTIONS.reuse || !exists;
  if (regenerate) {
    log(`generating the bench data (${OPTIONS.initiatives} models) in ${OPTIONS.db === 'sqlite' ? 'bench/.results/bench.db' : process.env.BENCH_DB_NAME}`);
    const result = spawnSync(process.execPath, [path.join(__dirname, 'generate.js'), `--db=${OPTIONS.db}`, '--articles=5000', `--initiatives=${OPTIONS.initiatives}`], {
      cwd: common.APP_DIR,
      stdio: 'inherit',
      env: process.env,
    });
    if (result.status !== 0) throw new Error('bench data generation failed');
  }

  let summary;
  const { strapi, baseUrl } = await common.startStrapi(common.dbEnv(OPTIONS.db));
  try {
    const total = await strapi.db.query('api::initiative.initiative').count({});
    const plan = await planOf(strapi, baseUrl);
    // First pass: as the server runs.
    const { baseline, rows } = await plainPass(baseUrl, plan);
    // Second pass: a full collection every 0.5 s, so what the export holds shows apart from garbage not yet collected.
    // Its baseline is taken again here: RSS seldom shrinks, so the first pass's peaks would otherwise count as the exports'.
    const collectedBaseline = await plan.baselineOf(true);
    log(`baseline with a GC every 0.5 s: RSS ${mib(collectedBaseline.rssPeak)} MiB, live heap ${mib(collectedBaseline.livePeak)} MiB`);
    for (const row of rows) {
      const result = await measure(baseUrl, row.url, plan.token, true);
      checkRows(row, result);
      if (result.csvLines !== undefined && result.bytes !== row.bytes) log(`${row.label}: ${result.bytes} bytes in the second pass, ${row.bytes} in the first`);
      row.collected = {
        seconds: result.seconds,
        rssBefore: result.rssBefore,
        rssPeak: result.rssPeak,
        livePeak: result.livePeak,
        overBaselineMiB: mib(result.rssPeak - collectedBaseline.rssPeak),
        liveOverBaselineMiB: mib(result.livePeak - collectedBaseline.livePeak),
      };
      log(
        `${row.label.padEnd(52)} with a GC every 0.5 s: ${result.seconds} s  RSS peak ${mib(result.rssPeak)} MiB (${signed(row.collected.overBaselineMiB)} over baseline)  live heap ${mib(result.livePeak)} MiB (${signed(row.collected.liveOverBaselineMiB)})`
      );
    }
    summary = {
      measuredAt: new Date().toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: common.APP_DIR }).toString().trim(),
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
      cores: os.cpus().length,
      db: OPTIONS.db,
      // The data set generated by this run, or null when an existing one was reused (--reuse).
      generated: regenerate ? OPTIONS.initiatives : null,
      models: total,
      gcExposed: Boolean(global.gc),
      baseline: {
        rssPeak: baseline.rssPeak,
        rssPeakMiB: mib(baseline.rssPeak),
        heapPeak: baseline.heapPeak,
        heapPeakMiB: mib(baseline.heapPeak),
        requests: baseline.requests,
        collected: { rssPeak: collectedBaseline.rssPeak, rssPeakMiB: mib(collectedBaseline.rssPeak), livePeak: collectedBaseline.livePeak, livePeakMiB: mib(collectedBaseline.livePeak) },
      },
      rows,
    };
  } finally {
    await strapi.destroy();
  }
  // Third pass, once this server is down: the same exports in a process whose heap is capped.
  const capped = cappedPass();
  summary.capped = { heapCapMiB: capped.heapCapMiB, heapLimitMiB: capped.heapLimitMiB ?? null, failed: Boolean(capped.failed), baseline: capped.baseline ?? null };
  for (const row of summary.rows) {
    const result = capped.rows?.find((entry) => entry.key === row.key);
    if (!result) continue;
    if (row.url.includes('format=csv') && result.bytes !== row.bytes) log(`${row.label}: ${result.bytes} bytes with the heap capped, ${row.bytes} in the first pass`);
    row.capped = { seconds: result.seconds, rssPeak: result.rssPeak, heapPeak: result.heapPeak, overBaselineMiB: result.overBaselineMiB, heapOverBaselineMiB: result.heapOverBaselineMiB };
  }
  if (capped.failed) log(`the capped pass failed (exit ${capped.status}${capped.signal ? `, ${capped.signal}` : ''}): with the heap capped at ${OPTIONS.heapCap} MiB an export ran out of memory, or the server could not start`);
  summary.comparisons = [
    compare(summary.rows, 'queue-field-xlsx', 'queue-all-xlsx'),
    compare(summary.rows, 'queue-year-xlsx', 'queue-all-xlsx'),
    compare(summary.rows, 'queue-field-csv', 'queue-all-csv'),
    compare(summary.rows, 'queue-year-csv', 'queue-all-csv'),
    compare(summary.rows, 'directory-year-xlsx', 'directory-all-xlsx'),
  ].filter(Boolean);
  for (const comparison of summary.comparisons) log(comparisonLine(comparison));
  fs.mkdirSync(RESULTS, { recursive: true });
  fs.writeFileSync(resultsFile(OPTIONS.db, summary.models), `${JSON.stringify(summary, null, 2)}\n`);
  writeReadme(OPTIONS.db);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
