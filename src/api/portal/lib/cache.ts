/**
 * The public API's server-side response cache. Entries are keyed by the
 * request and by the current generation of every data tag the response
 * depends on ("articles", "initiatives" ...). A write bumps the tags'
 * generations, so older entries are never read again: invalidation is one
 * counter increment, race-free, and reaches every instance when the store
 * is Redis. In memory (one instance) it is an LRU.
 */
import { createHash } from 'crypto';

import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';

import type { SharedRedis } from './redis';

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

/**
 * Redis-backed store shared by every instance, on the shared resilient
 * connection (./redis.ts, which also prefixes every key). It never fails a
 * read: while Redis cannot answer, generations are -1 ("unusable") and the
 * API answers uncached. A bump that could not reach Redis is replayed before
 * the next read that reaches it, so a write made during an outage still
 * invalidates what other instances cached before it.
 */
export function redisStore(redis: SharedRedis): CacheStore {
  const missedBumps = new Set<string>();
  const safely = async <T>(operation: (client: Redis) => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await redis.run(operation);
    } catch {
      return fallback;
    }
  };
  const incr = async (client: Redis, tags: Iterable<string>) => {
    const pipeline = client.pipeline();
    for (const tag of tags) pipeline.incr(`g:${tag}`);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  };
  const replayMissedBumps = async (client: Redis) => {
    if (missedBumps.size === 0) return;
    const tags = [...missedBumps];
    await incr(client, tags);
    for (const tag of tags) missedBumps.delete(tag);
  };
  return {
    kind: 'redis',
    get: (key) =>
      safely(async (client) => {
        const raw = await client.get(`r:${key}`);
        return raw ? (JSON.parse(raw) as CachedResponse) : null;
      }, null),
    set: (key, value, ttlSeconds) =>
      safely(async (client) => {
        await client.set(`r:${key}`, JSON.stringify(value), 'EX', ttlSeconds);
      }, undefined),
    generations: (tags) =>
      safely(async (client) => {
        await replayMissedBumps(client);
        if (tags.length === 0) return [];
        const values = await client.mget(...tags.map((tag) => `g:${tag}`));
        return values.map((value) => Number(value ?? 0));
      }, tags.map(() => -1)),
    async bump(tags) {
      try {
        await redis.run(async (client) => {
          await replayMissedBumps(client);
          await incr(client, tags);
        });
      } catch {
        for (const tag of tags) missedBumps.add(tag);
      }
    },
    async close() {
      // The connection is shared (views, rate limits): its owner, the portal cache service, closes it.
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
