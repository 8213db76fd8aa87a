/**
 * Budgets for the login and password-reset routes, counted per account and
 * per client address (src/middlewares/login-guard.ts applies them).
 *
 * Two budgets because each alone fails: per account only, one password
 * sprayed over many accounts is never limited; per address only, a commune's
 * officers behind one NAT share one small budget, and an attacker with many
 * addresses is never limited on one account.
 */
import { isIPv4, isIPv6 } from 'net';

import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type Budget = { points: number; durationSeconds: number };

export type LoginLimitsConfig = {
  /** Failed logins (and reset requests) per account, whatever the address. */
  account: Budget;
  /** Failed logins and reset requests per address, whatever the account. */
  address: Budget;
};

/** What the login guard does with a budget: take a point, give one back, clear a key. */
export type Limiter = Pick<RateLimiterAbstract, 'consume' | 'reward' | 'delete'>;

export type LoginLimiters = { account: Limiter; address: Limiter };

/** The shared Redis connection as the limiters need it (src/api/portal/lib/redis.ts). */
type SharedStore = { readonly client: Redis; available(): boolean };

/**
 * Where counters live. Without REDIS_URL, in memory: each instance counts
 * alone (N instances allow N times the budget) and a restart forgets. With
 * it, in Redis, shared by every instance; while Redis is down (breaker open)
 * or a command fails, this instance's memory counts instead, so an outage
 * loosens the limits to per-instance ones rather than refusing every login.
 */
export function createLoginLimiters(config: LoginLimitsConfig, redis: SharedStore | null = null): LoginLimiters {
  return { account: createLimiter('login:account', config.account, redis), address: createLimiter('login:address', config.address, redis) };
}

/**
 * One budget, in Redis when given (shared by every instance) with this
 * instance's memory as insurance while Redis is down, in memory otherwise.
 * Also used by the readers' comment limits (src/api/portal/lib/comment-limits.ts).
 */
export function createLimiter(keyPrefix: string, budget: Budget, redis: SharedStore | null = null): Limiter {
  const memory = new RateLimiterMemory({ keyPrefix, points: budget.points, duration: budget.durationSeconds });
  if (!redis) return memory;
  const shared = new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix,
    points: budget.points,
    duration: budget.durationSeconds,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
  const store = () => (redis.available() ? shared : memory);
  return {
    consume: (key, points) => store().consume(key, points),
    reward: (key, points) => store().reward(key, points),
    delete: (key) => store().delete(key),
  };
}

/** Throws at start-up on a budget that is not a positive whole number, naming the variable to fix. */
export function checkLoginLimitsConfig(config: LoginLimitsConfig): LoginLimitsConfig {
  const fields: Array<[number, string]> = [
    [config.account.points, 'LOGIN_ACCOUNT_MAX_FAILURES'],
    [config.account.durationSeconds, 'LOGIN_ACCOUNT_WINDOW_SECONDS'],
    [config.address.points, 'LOGIN_ADDRESS_MAX_ATTEMPTS'],
    [config.address.durationSeconds, 'LOGIN_ADDRESS_WINDOW_SECONDS'],
  ];
  for (const [value, variable] of fields) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${variable} must be a positive whole number (got ${value}).`);
  }
  return config;
}

/**
 * Takes one point. Resolves null when within budget, or the seconds to wait
 * when the budget is spent. Store errors (none in memory) are rethrown.
 */
export async function take(limiter: Limiter, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

/** The eight 16-bit groups of an IPv6 address, as numbers (an embedded IPv4 tail counts as two). */
const ipv6Groups = (ip: string): number[] => {
  const parse = (part: string) =>
    part
      ? part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a, b, c, d] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        })
      : [];
  const [head, tail] = ip.split('::');
  if (tail === undefined) return parse(head);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
};

/**
 * The key of a client address (Koa's `ctx.ip`, which honours the proxy
 * setting). IPv6 clients are counted per /64: one home or office usually
 * holds a whole /64, so counting each address would give one attacker
 * billions of budgets.
 */
export function addressKey(ip: string): string {
  const address = ip.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address || 'unknown';
  const prefix = ipv6Groups(address).slice(0, 4);
  return `${prefix.map((group) => group.toString(16)).join(':')}::/64`;
}
