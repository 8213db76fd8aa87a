/**
 * Times the statistics cube's start-up check on the benchmark data
 * (`node bench/generate.js` first): a check that finds the cube in step, a
 * repair after rows were changed behind the application's back, and the
 * statistics with the funnel for one year and for a span of years.
 *
 *   node bench/cube-repair.js [--db=postgres|sqlite] [--drift=1000]
 */
const common = require('./lib/common');

const arg = (name, fallback) => {
  const found = process.argv.slice(2).find((value) => value.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
};

const timed = async (label, fn, runs = 5) => {
  const times = [];
  let result;
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    result = await fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`[cube] ${label}: median ${times[Math.floor(times.length / 2)].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, ${runs} runs)`);
  return result;
};

async function main() {
  const db = arg('db', 'postgres');
  const drift = Number(arg('drift', 1000));
  const strapi = await common.loadStrapi({ ...common.dbEnv(db), PORTAL_CACHE: 'off' });
  try {
    const { repairCube } = common.dist('src', 'domain', 'initiative-cube.js');
    const { statisticsWithFunnel } = common.dist('src', 'domain', 'statistics.js');
    const knex = strapi.db.connection;
    const table = strapi.db.metadata.get('api::initiative.initiative').tableName;
    const count = await knex(table).count({ n: '*' });
    console.log(`[cube] ${db}: ${count[0].n} initiatives`);
    await timed('check, cube in step (corrects nothing)', () => repairCube(strapi));
    const ids = (await knex(table).select('id').orderBy('id').limit(drift)).map((row) => row.id);
    // Each run: change `drift` models behind the application's back, time the repair, then put them back.
    const times = [];
    let repaired = { corrected: 0 };
    for (let run = 0; run < 3; run += 1) {
      await knex(table).whereIn('id', ids).update({ review_state: run % 2 === 0 ? 'submitted' : 'under_review' });
      const started = process.hrtime.bigint();
      repaired = await repairCube(strapi);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    console.log(`[cube] repair after ${drift} models changed state outside the application: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
    console.log(`[cube] rows corrected by that repair: ${repaired.corrected}`);
    await timed('statistics + funnel, 2025', () => statisticsWithFunnel(strapi, { year: 2025 }));
    await timed('statistics + funnel, 2023-2025', () => statisticsWithFunnel(strapi, { from: 2023, to: 2025 }));
    await timed('statistics + funnel, 2023-2025, commune kind only', () => statisticsWithFunnel(strapi, { from: 2023, to: 2025, kindCodes: ['commune'] }));
  } finally {
    await strapi.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
