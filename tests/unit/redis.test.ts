/**
 * The portal's Redis connection against a fake Redis that can stop
 * answering: the case a killed Redis does not show (the socket stays open,
 * commands just never come back), where only the command timeout and the
 * circuit breaker keep requests from waiting.
 */
import net from 'net';

import { redisStore } from '../../src/api/portal/lib/cache';
import { connectRedis, RedisUnavailable, redisSettings, type SharedRedis } from '../../src/api/portal/lib/redis';

type FakeRedis = {
  port: number;
  /** Commands received, handshake aside, with their keys as sent. */
  commands: string[][];
  /** Like SIGSTOP: the connection stays open, commands are read but answered only after resume(). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
};

/** Speaks just enough RESP for ioredis: INFO and CLIENT for its handshake, GET/MGET/SET/INCR/QUIT. */
async function fakeRedis(): Promise<FakeRedis> {
  const sockets = new Set<net.Socket>();
  let paused = false;
  const held: Array<() => void> = [];
  const fake: FakeRedis = {
    port: 0,
    commands: [],
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
      for (const send of held.splice(0)) send();
    },
    close: async () => undefined,
  };
  const bulk = (value: string | null) => (value === null ? '$-1\r\n' : `$${Buffer.byteLength(value)}\r\n${value}\r\n`);
  const reply = (command: string[]) => {
    switch (command[0].toUpperCase()) {
      case 'INFO':
        return bulk('# Server\r\nloading:0\r\n');
      case 'GET':
        return bulk(null);
      case 'MGET':
        return `*${command.length - 1}\r\n${command.slice(1).map(() => bulk(null)).join('')}`;
      case 'INCR':
        return ':1\r\n';
      default:
        return '+OK\r\n';
    }
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      // Arrays of bulk strings: *N\r\n then N times $len\r\nvalue\r\n.
      for (;;) {
        const lines = pending.split('\r\n');
        const count = Number(lines[0]?.slice(1));
        if (!lines[0]?.startsWith('*') || lines.length < 1 + count * 2 + 1) return;
        const command = Array.from({ length: count }, (_, index) => lines[2 + index * 2]);
        pending = lines.slice(1 + count * 2).join('\r\n');
        const isHandshake = ['INFO', 'CLIENT'].includes(command[0].toUpperCase());
        if (!isHandshake) fake.commands.push(command);
        const send = () => {
          socket.write(reply(command));
          if (command[0].toUpperCase() === 'QUIT') socket.end();
        };
        if (paused && !isHandshake) held.push(send);
        else send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as net.AddressInfo).port;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return fake;
}

const silent = { warn: () => undefined, info: () => undefined };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timed = async <T>(work: () => Promise<T>) => {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
};

describe('portal Redis connection', () => {
  let fake: FakeRedis;
  let redis: SharedRedis;

  beforeEach(async () => {
    fake = await fakeRedis();
    redis = connectRedis({ url: `redis://127.0.0.1:${fake.port}`, prefix: 'dvk:unit:', commandTimeoutMs: 300, cooldownMs: 800 }, silent);
    expect(await redis.connected(2000)).toBe(true);
  });

  afterEach(async () => {
    await redis.close();
    await fake.close();
  });

  it('prefixes every key, including pipelined ones', async () => {
    const store = redisStore(redis);
    await store.get('list');
    await store.bump(['articles', 'sites']);
    await redis.run((client) => client.set('views:abc', '1', 'EX', 60, 'NX'));
    const keys = fake.commands.filter(([name]) => name !== 'quit').map(([, key]) => key);
    expect(keys).toEqual(['dvk:unit:r:list', 'dvk:unit:g:articles', 'dvk:unit:g:sites', 'dvk:unit:views:abc']);
  });

  it('waits one command timeout for a Redis that stopped answering, then skips it for the cool-down', async () => {
    const store = redisStore(redis);
    fake.pause();
    const first = await timed(() => store.generations(['articles']));
    expect(first.result).toEqual([-1]);
    expect(first.ms).toBeGreaterThanOrEqual(250);
    const sent = fake.commands.length;

    const during = await timed(async () => {
      for (let index = 0; index < 20; index += 1) expect(await store.generations(['articles'])).toEqual([-1]);
    });
    expect(fake.commands.length).toBe(sent);
    expect(during.ms).toBeLessThan(250);
    expect(redis.available()).toBe(false);
  });

  it('lets one probe through after the cool-down and closes when it succeeds', async () => {
    fake.pause();
    await expect(redis.run((client) => client.get('k'))).rejects.toThrow(/timed out/i);
    await expect(redis.run((client) => client.get('k'))).rejects.toBeInstanceOf(RedisUnavailable);
    await sleep(900);

    // Half-open: the first caller probes (and waits, Redis is still silent); the others are turned away at once.
    const probe = redis.run((client) => client.get('k'));
    await expect(redis.run((client) => client.get('k'))).rejects.toBeInstanceOf(RedisUnavailable);
    await expect(probe).rejects.toThrow(/timed out/i);
    await expect(redis.run((client) => client.get('k'))).rejects.toBeInstanceOf(RedisUnavailable);

    fake.resume();
    await sleep(900);
    await expect(redis.run((client) => client.get('k'))).resolves.toBeNull();
    expect(redis.available()).toBe(true);
  });

  it('replays a bump that could not reach Redis before the next read that does', async () => {
    const store = redisStore(redis);
    fake.pause();
    await store.bump(['articles']);
    fake.resume();
    await sleep(900);
    await store.generations(['sites']);
    const incrs = fake.commands.filter(([name]) => name.toLowerCase() === 'incr').map(([, key]) => key);
    // Once when the bump timed out (Redis may or may not have applied it), once replayed.
    expect(incrs).toEqual(['dvk:unit:g:articles', 'dvk:unit:g:articles']);
  });

  it('closes its connection with QUIT', async () => {
    await redis.close();
    expect(fake.commands.map(([name]) => name.toLowerCase())).toContain('quit');
    expect(redis.client.status).toBe('end');
  });
});

describe('portal Redis connection to an unreachable server', () => {
  it('fails at once instead of queueing commands, and says so once in the log', async () => {
    const warnings: string[] = [];
    const redis = connectRedis(
      { url: 'redis://127.0.0.1:1', prefix: 'dvk:unit:', commandTimeoutMs: 5000, cooldownMs: 1000 },
      { warn: (message) => warnings.push(message), info: () => undefined }
    );
    try {
      expect(await redis.connected(2000)).toBe(false);
      const store = redisStore(redis);
      const { result, ms } = await timed(() => Promise.all([store.generations(['articles']), store.get('anything'), store.bump(['articles'])]));
      expect(result).toEqual([[-1], null, undefined]);
      expect(ms).toBeLessThan(1000);
      await sleep(300);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/Redis unavailable/);
    } finally {
      await redis.close();
    }
  });

  it('reads its settings from REDIS_* with safe defaults', () => {
    expect(redisSettings({})).toBeNull();
    expect(redisSettings({ REDIS_URL: 'redis://r:6379' })).toEqual({
      url: 'redis://r:6379',
      prefix: 'dvk:portal:',
      commandTimeoutMs: 250,
      cooldownMs: 2000,
    });
    expect(redisSettings({ REDIS_URL: 'redis://r', REDIS_PREFIX: 'x:', REDIS_COMMAND_TIMEOUT_MS: 'abc', REDIS_COOLDOWN_MS: '500' })).toMatchObject({
      prefix: 'x:',
      commandTimeoutMs: 250,
      cooldownMs: 500,
    });
  });
});
