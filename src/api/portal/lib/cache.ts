/**
 * The public API's server-side response cache. Entries are keyed by the
 * request and by the current generation of every data tag the response
 * depends on ("articles", "initiatives" ...). A write bumps the tags'
 * generations, so older entries are never read again: invalidation is one
 * counter increment, race-free, and reaches every instance when the store
 * is Redis. In memory (one instance) it is an LRU.
 */
import { createHash } from 'crypto';

import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

export type CachedResponse = { status: number; body: string; etag: string; contentType: string };

export type CacheStore = {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedResponse | null>;
  set(key: string, value: CachedResponse, ttlSeconds: number): Promise<void>;
  generations(tags: readonly string[]): Promise<number[]>;
  bump(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
};

export const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('base64url')}"`;

export function memoryStore({ max = 5000 }: { max?: number } = {}): CacheStore {
  const entries = new LRUCache<string, CachedResponse>({ max, ttlAutopurge: false });
  const gens = new Map<string, number>();
  return {
    kind: 'memory',
    async get(key) {
      return entries.get(key) ?? null;
    },
    async set(key, value, ttlSeconds) {
      entries.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async generations(tags) {
      return tags.map((tag) => gens.get(tag) ?? 0);
    },
    async bump(tags) {
      for (const tag of tags) gens.set(tag, (gens.get(tag) ?? 0) + 1);
    },
    async close() {
      entries.clear();
    },
  };
}

type Logger = { warn(message: string): void };

/**
 * Redis-backed store shared by every instance. When Redis is unreachable the
 * API still answers (uncached) and says so in the log; it never fails a read.
 */
export function redisStore(url: string, log: Logger, prefix = 'dvk:portal:'): CacheStore {
  // Commands wait for the first connection, but never longer than commandTimeout: a slow Redis must not slow the API.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: 2000 });
  let warned = false;
  redis.on('error', (error: Error) => {
    if (!warned) log.warn(`Portal cache: Redis unavailable (${error.message}); answering without the cache.`);
    warned = true;
  });
  redis.on('ready', () => {
    warned = false;
  });
  const safely = async <T>(operation: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await operation();
    } catch {
      return fallback;
    }
  };
  return {
    kind: 'redis',
    get: (key) =>
      safely(async () => {
        const raw = await redis.get(`${prefix}r:${key}`);
        return raw ? (JSON.parse(raw) as CachedResponse) : null;
      }, null),
    set: (key, value, ttlSeconds) =>
      safely(async () => {
        await redis.set(`${prefix}r:${key}`, JSON.stringify(value), 'EX', ttlSeconds);
      }, undefined),
    generations: (tags) =>
      safely(async () => {
        if (tags.length === 0) return [];
        const values = await redis.mget(...tags.map((tag) => `${prefix}g:${tag}`));
        return values.map((value) => Number(value ?? 0));
      }, tags.map(() => -1)),
    bump: (tags) =>
      safely(async () => {
        const pipeline = redis.pipeline();
        for (const tag of tags) pipeline.incr(`${prefix}g:${tag}`);
        await pipeline.exec();
      }, undefined),
    async close() {
      redis.disconnect();
    },
  };
}

/** No response caching (PORTAL_CACHE=off): for measuring the uncached path. ETags still work. */
export function disabledStore(): CacheStore {
  return {
    kind: 'memory',
    get: async () => null,
    set: async () => undefined,
    generations: async (tags) => tags.map(() => -1),
    bump: async () => undefined,
    close: async () => undefined,
  };
}
