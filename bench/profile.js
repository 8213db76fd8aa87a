#!/usr/bin/env node
/**
 * Where a server spends its CPU on one endpoint: starts `node --cpu-prof
 * scripts/serve.js` on the bench database, loads one URL with autocannon,
 * stops the server and sums the profile's self time by package / file.
 *
 *   node bench/profile.js [--cache=on|off] [--path=/api/portal/sites/portal/articles?pageSize=12] [--duration=10]
 *
 * Needs the data of `npm run bench` (or `node bench/generate.js`). Writes the
 * raw .cpuprofile under bench/.results/profiles/ (open it in Chrome DevTools).
 */
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const autocannon = require('autocannon');

const common = require('./lib/common');

const arg = (name, fallback) => {
  const found = process.argv.slice(2).find((value) => value.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};
const OPTIONS = {
  cache: arg('cache', 'on'),
  path: arg('path', '/api/portal/sites/portal/articles?pageSize=12'),
  duration: Number(arg('duration', 10)),
  connections: Number(arg('connections', 20)),
  top: Number(arg('top', 25)),
};

const freePort = () =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Groups a call frame's URL: a package under node_modules, the app's own code, or Node internals. */
function bucket(frame) {
  const url = frame.url || '';
  if (!url) return frame.functionName ? `(native) ${frame.functionName}` : '(program/idle/gc)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + 13).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  return path.relative(common.APP_DIR, file);
}

/** Self time per profile node, counting only the samples of the last `windowMicros` of the profile (the load, not the boot). */
function summarise(profile, windowMicros) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  const from = profile.endTime - windowMicros;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += deltas[index] || 0;
    if (at >= from) self.set(id, (self.get(id) || 0) + (deltas[index] || 0));
  });
  const total = [...self.values()].reduce((sum, value) => sum + value, 0);
  const byBucket = new Map();
  const byFunction = new Map();
  for (const [id, micros] of self) {
    const frame = byId.get(id).callFrame;
    const b = bucket(frame);
    byBucket.set(b, (byBucket.get(b) || 0) + micros);
    const fn = `${frame.functionName || '(anonymous)'} ${b}${frame.url && !frame.url.includes('node_modules') ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) || 0) + micros);
  }
  const rows = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, OPTIONS.top)
      .map(([name, micros]) => `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
  return { total, buckets: rows(byBucket), functions: rows(byFunction) };
}

async function main() {
  const dir = path.join(common.RESULTS_DIR, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const before = new Set(fs.readdirSync(dir));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...common.BASE_ENV,
    ...common.dbEnv(process.env.BENCH_DB || 'postgres'),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...(OPTIONS.cache === 'off' ? { PORTAL_CACHE: 'off' } : {}),
  };
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, path.join('scripts', 'serve.js')], { cwd: common.APP_DIR, env, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/api/portal/health`)).status === 200) break;
    } catch {
      // starting
    }
    if (i > 480) throw new Error('server did not start');
    await sleep(250);
  }
  await fetch(`${url}${OPTIONS.path}`);
  await autocannon({ url: `${url}${OPTIONS.path}`, connections: OPTIONS.connections, duration: 2 });
  const loadStarted = Date.now();
  const result = await autocannon({ url: `${url}${OPTIONS.path}`, connections: OPTIONS.connections, duration: OPTIONS.duration });
  const loadEnded = Date.now();
  console.log(`${OPTIONS.path} (cache ${OPTIONS.cache}): ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const exited = Date.now();
  const file = fs.readdirSync(dir).find((name) => !before.has(name) && name.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  // The profile ends at exit: keep the samples from the start of the measured load (shutdown adds ${exited - loadEnded} ms).
  const { total, buckets, functions } = summarise(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), (exited - loadStarted) * 1000);
  console.log(
    `\nSelf time of the server's main thread during the load (${(total / 1e6).toFixed(1)} s sampled, incl. ${exited - loadEnded} ms of shutdown; bench/.results/profiles/${file}):`
  );
  console.log(buckets.join('\n'));
  console.log('\nSelf time by function:');
  console.log(functions.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
