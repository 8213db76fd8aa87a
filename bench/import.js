#!/usr/bin/env node
/**
 * Bench of the registration import (POST /review/imports/dry-run and
 * POST /review/imports): an XLSX of N rows (default 5,000) registered on
 * the units' behalf, end to end over HTTP — upload, checks, the dry run's
 * plan, then the commit in one transaction — and the same file
 * again (idempotent: nothing created). Peak RSS of the process, and of the
 * JavaScript heap, is sampled every 50 ms while each request runs (the app
 * runs in this process, with the V8 heap limit `npm start` gives the server —
 * the script starts itself again with that flag; the file is written before
 * the app starts, with exceljs's streaming writer).
 * Targets: 5,000 rows end to end (dry run + commit) < 20 s on PostgreSQL;
 * 50,000 rows with the process under 600 MB RSS.
 *
 * Baseline, measured in the same run on the same database: models of the
 * same kinds registered one by one through the records API
 * (POST /review/records/initiatives, the per-model path; --baseline=N rows,
 * default 200). The result gives both per-row times and their ratio.
 *
 *   node bench/import.js [--db=postgres|sqlite] [--rows=5000] [--baseline=200] [--no-compile]
 *   node bench/import.js --report     (only renders the README table from bench/results/import-*.json)
 *
 * Uses its own database (BENCH_DB_NAME + "_import", recreated each run) with
 * a province of 10 districts and 100 communes, two closed periods and six
 * fields; 10 % of the rows are drafts, 20 % carry a paper outcome.
 * Writes bench/results/import-<db>-<rows>.json with the machine's load, and
 * renders every such file as the table between the `bench:import` markers of
 * README.md, so no figure there is typed by hand.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ExcelJS = require('exceljs');

const common = require('./lib/common');

const argv = process.argv.slice(2);
const value = (name, fallback) => {
  const found = argv.find((item) => item.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const OPTIONS = {
  db: value('db', process.env.BENCH_DB || 'postgres'),
  rows: Number(value('rows', 5000)),
  baseline: Number(value('baseline', 200)),
  compile: !argv.includes('--no-compile'),
};
const TARGETS = { endToEndMs: 20_000, rssMb: 600 };
/** The V8 heap limit `npm start` gives the server (package.json): the app here runs with the same. */
const HEAP_FLAG = /--max-old-space-size=\d+/.exec(require('../package.json').scripts.start)?.[0] ?? null;
const PASSWORD = 'Bench@12345';
const DB_NAME = `${common.DB_NAME}_import`;
const FIELDS = ['Kinh tế', 'Văn hóa - xã hội', 'Quốc phòng - an ninh', 'Xây dựng hệ thống chính trị', 'Nông thôn mới, đô thị văn minh', 'Lĩnh vực khác'];

const log = (message) => console.log(`[import-bench] ${message}`);

/** The import file, written row by row (bounded memory): the template's headers, N rows. */
async function writeFile(file, rows) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Mô hình');
  sheet.addRow([
    'Mã tham chiếu (*)', 'Mã đơn vị (*)', 'Năm (*)', 'Tên mô hình (*)', 'Tóm tắt', 'Lĩnh vực', 'Loại đối tượng', 'Họ và tên cá nhân', 'Chức vụ', 'Nguồn gốc',
    'Mô hình được nhân rộng', 'Đơn vị của mô hình gốc', 'Nội dung', 'Kết quả', 'Trạng thái', 'Kết quả xét (hồ sơ giấy)', 'Cấp xét', 'Số quyết định', 'Ngày quyết định', 'Người ký',
  ]).commit();
  for (let index = 0; index < rows; index += 1) {
    const district = index % 10;
    const commune = `SH-X${String(index % 100).padStart(3, '0')}`;
    const year = index % 2 === 0 ? 2021 : 2022;
    const draft = index % 10 === 9;
    const outcome = !draft && index % 5 === 0;
    const individual = index % 7 === 0;
    sheet.addRow([
      `BENCH-${year}-${String(index).padStart(6, '0')}`,
      commune,
      String(year),
      `Mô hình dân vận khéo số ${index + 1} của ${commune}`,
      `Vận động nhân dân cùng tham gia (${index + 1}).`,
      FIELDS[index % FIELDS.length],
      individual ? 'Cá nhân' : 'Tập thể',
      individual ? `Nguyễn Văn ${index}` : null,
      null,
      index % 4 === 0 ? 'Duy trì' : 'Xây dựng mới',
      null,
      null,
      'Nội dung mô hình: các hộ dân cùng góp công, góp của.',
      'Hơn 100 hộ tham gia.',
      draft ? 'Nháp' : 'Đã đăng ký',
      outcome ? (index % 3 === 0 ? 'Không được công nhận' : 'Được công nhận') : null,
      outcome ? 'Cấp huyện' : null,
      outcome && index % 3 !== 0 ? `${district + 1}-QĐ/HU-${year}` : null,
      outcome && index % 3 !== 0 ? `15/12/${year}` : null,
      null,
    ]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function seed(strapi) {
  const create = (uid, data) => strapi.documents(uid).create({ data });
  const kind = {
    province: await create('api::unit-kind.unit-kind', { code: 'province', name: 'Tỉnh', tier: 1, canReview: true }),
    district: await create('api::unit-kind.unit-kind', { code: 'district', name: 'Cấp huyện', tier: 2, canReview: true }),
    commune: await create('api::unit-kind.unit-kind', { code: 'commune', name: 'Cấp xã', tier: 3, canReview: true }),
  };
  const province = await create('api::unit.unit', { name: 'Tỉnh Sơn Hà', code: 'SH', kind: kind.province.documentId });
  const districts = [];
  for (let d = 0; d < 10; d += 1) {
    districts.push(await create('api::unit.unit', { name: `Huyện ${d + 1}`, code: `SH-H${d}`, kind: kind.district.documentId, parent: province.documentId }));
  }
  for (let c = 0; c < 100; c += 1) {
    await create('api::unit.unit', { name: `Xã ${c + 1}`, code: `SH-X${String(c).padStart(3, '0')}`, kind: kind.commune.documentId, parent: districts[c % 10].documentId });
  }
  const criteria = [1, 2, 3, 4].map((n) => ({ code: `TT${n}`, text: `Tiêu chí ${n}`, required: n < 4 }));
  const collective = await create('api::criteria-set.criteria-set', { name: 'Tập thể', subjectType: 'collective', criteria });
  const individual = await create('api::criteria-set.criteria-set', { name: 'Cá nhân', subjectType: 'individual', criteria: [{ code: 'CN1', text: 'Gương mẫu', required: true }] });
  const reviewChain = [kind.commune, kind.district, kind.province].map((k) => ({ unitKind: k.documentId }));
  for (const year of [2021, 2022]) {
    await create('api::period.period', {
      year,
      name: `Năm ${year}`,
      registrationStart: `${year}-02-01`,
      registrationEnd: `${year}-11-30`,
      reviewChain,
      criteriaSets: [collective.documentId, individual.documentId],
    });
  }
  for (const [order, name] of FIELDS.entries()) await create('api::field.field', { code: `f${order}`, name, order });
}

async function recorderToken(strapi, baseUrl) {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: 'dvk-recorder' } });
  const email = 'bench-recorder@example.test';
  await strapi.service('admin::user').create({ email, firstname: 'Bench', lastname: 'Recorder', password: PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
  const res = await fetch(`${baseUrl}/admin/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return (await res.json()).data.token;
}

/** The same kinds of models registered one by one through the records API: the per-model path the import replaces. */
async function baseline(strapi, baseUrl, token, rows) {
  const documentIdOf = async (uid, where) => (await strapi.db.query(uid).findOne({ where, select: ['documentId'] })).documentId;
  const periods = { 2021: await documentIdOf('api::period.period', { year: 2021 }), 2022: await documentIdOf('api::period.period', { year: 2022 }) };
  const fields = [];
  for (const name of FIELDS) fields.push(await documentIdOf('api::field.field', { name }));
  const units = new Map();
  const started = process.hrtime.bigint();
  let registered = 0;
  for (let index = 0; index < rows; index += 1) {
    // Registrations only (the records API registers; it keeps no drafts), 20 % with a paper outcome, as in the file.
    const year = index % 2 === 0 ? 2021 : 2022;
    const code = `SH-X${String(index % 100).padStart(3, '0')}`;
    if (!units.has(code)) units.set(code, await documentIdOf('api::unit.unit', { code }));
    const individual = index % 7 === 0;
    const outcome = index % 5 === 0;
    const body = {
      ownerUnit: units.get(code),
      period: periods[year],
      title: `Mô hình đối chứng số ${index + 1} của ${code}`,
      summary: `Vận động nhân dân cùng tham gia (${index + 1}).`,
      field: fields[index % fields.length],
      subjectType: individual ? 'individual' : 'collective',
      personName: individual ? `Nguyễn Văn ${index}` : null,
      origin: index % 4 === 0 ? 'continuing' : 'new',
      content: 'Nội dung mô hình: các hộ dân cùng góp công, góp của.',
      results: 'Hơn 100 hộ tham gia.',
      reason: 'Đối chứng của phép đo nhập tệp',
      ...(outcome
        ? index % 3 === 0
          ? { outcome: { result: 'not_recognized', level: 'district' } }
          : { outcome: { result: 'recognized', level: 'district', decisionNumber: `${(index % 10) + 1}-QĐ/HU-${year}`, decisionDate: `${year}-12-15` } }
        : {}),
    };
    const res = await fetch(`${baseUrl}/review/records/initiatives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`records API answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
    registered += 1;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { rows: registered, ms: Math.round(ms), msPerRow: Math.round((ms / registered) * 100) / 100 };
}

async function main() {
  if (HEAP_FLAG && !process.execArgv.includes(HEAP_FLAG)) {
    // The app runs in this process: run it as `npm start` runs the server.
    const { status } = require('child_process').spawnSync(process.execPath, [HEAP_FLAG, ...process.execArgv, __filename, ...argv], { stdio: 'inherit' });
    process.exit(status ?? 1);
  }
  if (OPTIONS.compile) {
    log('building the plugins and compiling dist/ (tsc)');
    execFileSync(process.execPath, [path.join(common.APP_DIR, 'scripts', 'build-plugins.js')], { cwd: common.APP_DIR, stdio: 'inherit' });
    execFileSync(path.join(common.APP_DIR, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: common.APP_DIR, stdio: 'inherit' });
  }
  fs.mkdirSync(common.RESULTS_DIR, { recursive: true });
  const file = path.join(common.RESULTS_DIR, `import-${OPTIONS.rows}.xlsx`);
  log(`writing ${OPTIONS.rows} rows to ${path.relative(common.APP_DIR, file)}`);
  await writeFile(file, OPTIONS.rows);
  const bytes = fs.readFileSync(file);

  let env;
  if (OPTIONS.db === 'sqlite') {
    const dbFile = path.join(common.RESULTS_DIR, 'import.db');
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${dbFile}${suffix}`, { force: true });
    env = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: dbFile };
  } else {
    await common.recreateDatabase(DB_NAME);
    env = { DATABASE_CLIENT: 'postgres', DATABASE_URL: common.pgUrlFor(DB_NAME) };
  }
  const { strapi, baseUrl } = await common.startStrapi(env);
  try {
    await seed(strapi);
    const token = await recorderToken(strapi, baseUrl);

    // Statements sent to the database per phase (machine-independent; the time depends on the load).
    let statements = 0;
    const tally = new Map();
    strapi.db.connection.on('query', (query) => {
      statements += 1;
      if (process.env.BENCH_TALLY) {
        const key = String(query.sql).replace(/\$\d+|\?/g, '?').replace(/in \([?, ]+\)/g, 'in (…)').slice(0, 160);
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
    });
    let peak = 0;
    // Per request: the peak RSS and the peak of the JavaScript heap (and of buffers outside it) while it ran.
    let phase = { rss: 0, heap: 0, external: 0 };
    const sampler = setInterval(() => {
      const usage = process.memoryUsage();
      peak = Math.max(peak, usage.rss);
      phase = { rss: Math.max(phase.rss, usage.rss), heap: Math.max(phase.heap, usage.heapUsed), external: Math.max(phase.external, usage.external) };
    }, 50);
    const mb = (bytes) => Math.round(bytes / 1024 / 1024);
    const send = async (url) => {
      const form = new FormData();
      form.append('files', new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'bench.xlsx');
      const before = statements;
      phase = { rss: 0, heap: 0, external: 0 };
      const started = process.hrtime.bigint();
      const res = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const body = await res.json();
      if (res.status >= 300) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body).slice(0, 2000)}`);
      return { ms: Math.round(ms), statements: statements - before, report: body.data, memory: { peakRssMb: mb(phase.rss), peakHeapMb: mb(phase.heap), peakExternalMb: mb(phase.external) } };
    };
    const rssBefore = process.memoryUsage().rss;
    const dryRun = await send('/review/imports/dry-run');
    log(`dry run: ${dryRun.ms} ms, ${dryRun.statements} SQL statements, ${dryRun.report.toCreate} to create, ${dryRun.report.problems.length} problems; peak RSS ${dryRun.memory.peakRssMb} MB, heap ${dryRun.memory.peakHeapMb} MB`);
    const commit = await send('/review/imports');
    log(`commit: ${commit.ms} ms, ${commit.statements} SQL statements, ${commit.report.toCreate} created; peak RSS ${commit.memory.peakRssMb} MB, heap ${commit.memory.peakHeapMb} MB`);
    const again = await send('/review/imports');
    log(`same file again: ${again.ms} ms, ${again.report.toCreate} created, ${again.report.alreadyImported} already imported`);
    clearInterval(sampler);
    // After the import, so the baseline's writes do not touch the import's peak memory; its models are counted apart.
    const base = OPTIONS.baseline > 0 ? await baseline(strapi, baseUrl, token, OPTIONS.baseline) : null;
    if (base) log(`baseline, records API one by one: ${base.rows} rows in ${base.ms} ms (${base.msPerRow} ms a row)`);
    if (process.env.BENCH_TALLY) {
      for (const [sql, count] of [...tally.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) log(`${String(count).padStart(7)}  ${sql}`);
    }
    const models = (await strapi.db.query('api::initiative.initiative').count({})) - (base?.rows ?? 0);
    const commitMsPerRow = Math.round((commit.ms / OPTIONS.rows) * 100) / 100;
    const endToEnd = dryRun.ms + commit.ms;
    const peakMb = Math.round(peak / 1024 / 1024);
    const summary = {
      measuredAt: new Date().toISOString(),
      loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
      cores: os.cpus().length,
      db: OPTIONS.db,
      rows: OPTIONS.rows,
      fileBytes: bytes.length,
      dryRunMs: dryRun.ms,
      dryRunStatements: dryRun.statements,
      commitStatements: commit.statements,
      memoryByRequest: { dryRun: dryRun.memory, commit: commit.memory, again: again.memory },
      commitMs: commit.ms,
      endToEndMs: endToEnd,
      reimportMs: again.ms,
      commitMsPerRow,
      baseline: base ? { path: 'POST /review/records/initiatives, one model a request', ...base } : null,
      // How many times faster a committed row is than a row registered through the records API.
      speedupOverBaseline: base ? Math.round((base.msPerRow / commitMsPerRow) * 10) / 10 : null,
      created: commit.report.toCreate,
      createdOnReimport: again.report.toCreate,
      modelsInDatabase: models,
      serverHeapFlag: HEAP_FLAG,
      rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
      peakRssMb: peakMb,
      targets: TARGETS,
      endToEndPass: endToEnd < TARGETS.endToEndMs,
      rssPass: peakMb < TARGETS.rssMb,
    };
    fs.writeFileSync(path.join(__dirname, 'results', `import-${OPTIONS.db}-${OPTIONS.rows}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    log(`end to end ${endToEnd} ms (target < ${TARGETS.endToEndMs} ms), peak RSS ${peakMb} MB (target < ${TARGETS.rssMb} MB)`);
    if (summary.speedupOverBaseline) log(`commit: ${commitMsPerRow} ms a row, ${summary.speedupOverBaseline}× faster than the records API's ${base.msPerRow} ms a row`);
  } finally {
    await strapi.destroy();
    if (OPTIONS.db !== 'sqlite') await common.withPg(common.PG_ADMIN_URL, (client) => client.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
  }
}

/** The README table, from every committed result file. */
function renderReport() {
  const dir = path.join(__dirname, 'results');
  const results = fs
    .readdirSync(dir)
    .filter((name) => /^import-.+\.json$/.test(name))
    .map((name) => ({ name, ...JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) }))
    .sort((a, b) => a.db.localeCompare(b.db) || a.rows - b.rows);
  const fmt = (n) => n.toLocaleString('en-US');
  const lines = [
    `Generated by \`node bench/import.js --report\` from \`bench/results/import-*.json\` (written by \`node bench/import.js --db=… --rows=…\`). End to end: upload, checks and the dry run's plan, then the commit (planned again and written with set-based SQL in one transaction), over HTTP on the same machine.`,
    '',
    '| database | rows | file | dry run | commit | dry run + commit | SQL statements (dry run, commit) | commit per row vs records API one by one (same run) | same file again | peak RSS | load average (1/5/15 min, 2 cores) | measured |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.db} | ${fmt(r.rows)} | ${fmt(Math.round(r.fileBytes / 1024))} kB | ${fmt(r.dryRunMs)} ms | ${fmt(r.commitMs)} ms | ${fmt(r.endToEndMs)} ms | ${fmt(r.dryRunStatements)}, ${fmt(r.commitStatements)} | ${r.baseline ? `${r.commitMsPerRow} ms vs ${r.baseline.msPerRow} ms (${r.baseline.rows} rows): ${r.speedupOverBaseline}×` : '—'} | ${fmt(r.reimportMs)} ms, ${r.createdOnReimport} created | ${fmt(r.peakRssMb)} MB | ${r.loadAverage.join(' / ')}${r.loadAverage[0] > r.cores ? ' ⚠ busy' : ''} | ${r.measuredAt.slice(0, 16).replace('T', ' ')} UTC |`
    ),
    '',
    `Targets: 5,000 rows end to end < ${fmt(TARGETS.endToEndMs / 1000)} s on PostgreSQL; 50,000 rows under ${TARGETS.rssMb} MB RSS. The app ran with the server's heap limit from \`npm start\` (${[...new Set(results.map((r) => r.serverHeapFlag ?? 'none'))].join(', ')}). ⚠ busy: the load average was above the cores, other processes shared the machine.`,
  ];
  const readme = path.join(common.APP_DIR, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const begin = '<!-- bench:import:begin -->';
  const end = '<!-- bench:import:end -->';
  if (!text.includes(begin)) return;
  fs.writeFileSync(readme, `${text.slice(0, text.indexOf(begin) + begin.length)}\n${lines.join('\n')}\n${text.slice(text.indexOf(end))}`);
}

if (argv.includes('--report')) {
  renderReport();
  process.exit(0);
}

main().then(renderReport).catch((error) => {
  console.error(error);
  process.exit(1);
});
