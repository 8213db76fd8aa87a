/**
 * CPU accounting from /proc (Linux), to tell whether something else was
 * running on the machine during a measurement. Every process is sampled once
 * a second during a window; the CPU time of the processes that do NOT take
 * part in the bench is summed. Taking part: this process, the server under
 * test and their descendants, PostgreSQL backends of the bench database and
 * their parallel workers, Redis. Processes born during the window count
 * from zero; one that is born and dies between two samples is missed (an
 * underestimate). Elsewhere than Linux every figure is null.
 */
const fs = require('fs');
const { execFileSync } = require('child_process');

const available = fs.existsSync('/proc/stat');
let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  // keep the usual 100
}

const uptimeTicks = () => Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * ticksPerSecond;

const readStat = (pid) => {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the command: state(0) ppid(1) ... utime(11) stime(12) ... starttime(19)
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), start: Number(fields[19]) };
  } catch {
    return null;
  }
};

const readCmdline = (pid) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
};

const snapshot = () => {
  const stats = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  return stats;
};

/** Starts a window; `end()` returns the cores used, during it, by processes outside the bench. */
function window(roots, database) {
  if (!available) return { end: () => ({ otherCores: null, seconds: null }) };
  const started = process.hrtime.bigint();
  const startTicks = uptimeTicks();
  /** `${pid}:${starttime}` → { pid, ppid, first, last }: one entry per process, even if a pid is reused. */
  const seen = new Map();
  let initial = true;
  const sample = () => {
    for (const [pid, stat] of snapshot()) {
      const key = `${pid}:${stat.start}`;
      const entry = seen.get(key);
      if (entry) entry.last = stat.ticks;
      // Running when the window opened: count from its current time; born since: from zero.
      // The command line is read now: a short-lived process (a PostgreSQL parallel worker) is gone by the end.
      else seen.set(key, { pid, ppid: stat.ppid, cmd: readCmdline(pid), first: initial || stat.start < startTicks ? stat.ticks : 0, last: stat.ticks });
    }
    initial = false;
  };
  sample();
  const timer = setInterval(sample, 1000);
  timer.unref();

  /** Keys of the processes taking part in the bench. */
  const ours = () => {
    const entries = [...seen.entries()];
    const pids = new Set(roots.filter(Boolean));
    let grew = true;
    while (grew) {
      grew = false;
      for (const [, entry] of entries) {
        if (!pids.has(entry.pid) && pids.has(entry.ppid)) {
          pids.add(entry.pid);
          grew = true;
        }
      }
    }
    const backends = new Set();
    for (const [, entry] of entries) {
      const line = entry.cmd;
      if (database && line.startsWith('postgres: ') && line.includes(` ${database} `)) backends.add(entry.pid);
      if (line.includes('redis-server')) pids.add(entry.pid);
    }
    for (const pid of backends) pids.add(pid);
    for (const [, entry] of entries) {
      const match = /^postgres: (?:[^:]+: )?parallel worker for PID (\d+)/.exec(entry.cmd);
      if (match && backends.has(Number(match[1]))) pids.add(entry.pid);
    }
    return new Set(entries.filter(([, entry]) => pids.has(entry.pid)).map(([key]) => key));
  };

  return {
    end() {
      clearInterval(timer);
      sample();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const mine = ours();
      let other = 0;
      for (const [key, entry] of seen) if (!mine.has(key)) other += Math.max(0, entry.last - entry.first);
      return { seconds: Math.round(seconds * 10) / 10, otherCores: Math.round((other / ticksPerSecond / seconds) * 100) / 100 };
    },
  };
}

/** Cores used by everything but the bench over `ms` milliseconds. */
async function otherLoad(roots, database, ms = 1000) {
  const w = window(roots, database);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return w.end().otherCores;
}

module.exports = { available, window, otherLoad };
