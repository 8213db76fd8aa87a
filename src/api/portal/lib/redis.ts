/**
 * The one Redis connection of the public API (response cache, view
 * counting, view rate limits), built so that Redis being down or slow costs
 * the API nothing but its cache:
 * - no offline queue: while disconnected a command fails at once instead of
 *   waiting for a reconnection that may never come;
 * - a short command timeout, for a Redis that accepts connections but does
 *   not answer;
 * - a circuit breaker: after a failure nobody calls Redis for a cool-down,
 *   then one call probes it and closes the breaker if it succeeds;
 * - every key under REDIS_PREFIX, applied by the client itself (ioredis
 *   `keyPrefix`), so no caller can forget it.
 * ioredis reconnects by itself, so the API returns to Redis without help.
 */
import Redis from 'ioredis';

export type RedisSettings = {
  url: string;
  prefix: string;
  commandTimeoutMs: number;
  cooldownMs: number;
};

type Logger = { warn(message: string): void; info(message: string): void };

export class RedisUnavailable extends Error {
  constructor() {
    super('Redis is unavailable (circuit open)');
  }
}

export type SharedRedis = {
  /** The client, for libraries that take one (rate-limiter-flexible); check `available()` before using it. */
  readonly client: Redis;
  /** True when the connection is up and the breaker closed: a command is expected to succeed. */
  available(): boolean;
  /** Runs commands unless the breaker is open (then throws RedisUnavailable at once); a failure opens it. */
  run<T>(commands: (client: Redis) => Promise<T>): Promise<T>;
  /** Resolves once connected (true) or once the first attempt failed or took too long (false). */
  connected(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
};

const positive = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
};

/** REDIS_* settings, or null when REDIS_URL is not set (everything then stays in memory). */
export function redisSettings(env: NodeJS.ProcessEnv = process.env): RedisSettings | null {
  if (!env.REDIS_URL) return null;
  return {
    url: env.REDIS_URL,
    prefix: env.REDIS_PREFIX || 'dvk:portal:',
    commandTimeoutMs: positive(env.REDIS_COMMAND_TIMEOUT_MS, 250),
    cooldownMs: positive(env.REDIS_COOLDOWN_MS, 2000),
  };
}

/** Connection-level failures; a reply error (wrong type, script error) means Redis is answering. */
const isOutage = (error: unknown) => !(error instanceof Error && error.name === 'ReplyError');

export function connectRedis(settings: RedisSettings, log: Logger): SharedRedis {
  const client = new Redis(settings.url, {
    keyPrefix: settings.prefix,
    enableOfflineQueue: false,
    commandTimeout: settings.commandTimeoutMs,
    // A connection attempt blocks no request (nothing is queued), so it may take longer than a command.
    connectTimeout: Math.max(settings.commandTimeoutMs, 2000),
    // How long closing waits for the socket before destroying it; the timer also outlives a socket that had
    // already failed, holding the process that long at exit.
    disconnectTimeout: 500,
    // Commands in flight when the connection drops fail at once rather than being replayed later.
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    // Keep trying for ever, at least once a second, so recovery takes at most about a second.
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
  });

  // 0: closed (use Redis); otherwise the time before which Redis is skipped, then one probe is let through.
  let openUntil = 0;
  let probing = false;
  let closing = false;
  let down = false;

  const trip = (reason: string) => {
    openUntil = Date.now() + settings.cooldownMs;
    if (!down && !closing) log.warn(`Portal Redis unavailable (${reason}); serving without the cache, counting views in memory.`);
    down = true;
  };
  const recover = () => {
    openUntil = 0;
    if (down && !closing) log.info('Portal Redis available again.');
    down = false;
  };
  client.on('error', (error: Error) => trip(error.message));
  client.on('close', () => trip('connection closed'));

  return {
    client,
    available: () => client.status === 'ready' && openUntil === 0,
    async run(commands) {
      if (client.status !== 'ready') throw new RedisUnavailable();
      let probe = false;
      if (openUntil !== 0) {
        if (Date.now() < openUntil || probing) throw new RedisUnavailable();
        probe = probing = true;
      }
      try {
        const result = await commands(client);
        if (probe) recover();
        return result;
      } catch (error) {
        if (isOutage(error)) trip(error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        if (probe) probing = false;
      }
    },
    connected(timeoutMs) {
      if (client.status === 'ready') return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (ready: boolean) => {
          clearTimeout(timer);
          client.off('ready', onReady);
          client.off('close', onClose);
          resolve(ready);
        };
        const onReady = () => done(true);
        const onClose = () => done(false);
        const timer = setTimeout(() => done(false), timeoutMs);
        client.once('ready', onReady);
        client.once('close', onClose);
      });
    },
    async close() {
      closing = true;
      const ended = () => client.status === 'end';
      if (ended()) return;
      const closed = new Promise<void>((resolve) => client.once('end', () => resolve()));
      try {
        // QUIT lets Redis finish what it was sent; it fails at once (no offline queue) if not connected.
        if (client.status === 'ready') {
          await client.quit();
          // Redis closes the socket after answering: wait for it, so nothing is left open once destroy() returns.
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([closed, new Promise((resolve) => (timer = setTimeout(resolve, settings.commandTimeoutMs)))]);
          clearTimeout(timer);
        }
      } catch {
        // Dropped below instead.
      }
      // Also stops reconnecting; a no-op once the socket is closed.
      if (!ended()) client.disconnect();
    },
  };
}
