import type { Core } from '@strapi/strapi';

import { disabledStore, memoryStore, redisStore, type CacheStore } from '../lib/cache';
import { CachedRoutes } from '../lib/http';
import { connectRedis, redisSettings, type SharedRedis } from '../lib/redis';

/**
 * The public API's caches, on one backend: Redis when REDIS_URL is set
 * (shared by every instance), in memory otherwise. It owns the one Redis
 * connection of the portal, which the view counter shares.
 * - responses: whole answers (PORTAL_CACHE=off disables them, e.g. to
 *   measure the uncached path);
 * - list totals: the count of a list filter, shared by every page of that
 *   list and kept until a write to what it counts, whatever PORTAL_CACHE says.
 */
const cache = ({ strapi }: { strapi: Core.Strapi }) => {
  let connection: SharedRedis | null = null;
  let backend: CacheStore | null = null;
  let responses: CacheStore | null = null;
  let closed = false;
  const routes = new CachedRoutes();
  const redis = (): SharedRedis | null => {
    const settings = redisSettings();
    // Once closed (strapi.destroy), never connect again: a late caller gets the memory stores.
    if (!connection && settings && !closed) connection = connectRedis(settings, strapi.log);
    return connection;
  };
  const backendStore = (): CacheStore => {
    if (!backend) {
      const shared = redis();
      backend = shared ? redisStore(shared) : memoryStore();
    }
    return backend;
  };
  return {
    /** The shared Redis connection (REDIS_URL), or null: everything then stays in memory. */
    redis,
    /**
     * Connects to Redis at start-up, so the first requests already find it ready (commands are never
     * queued while connecting); gives up after `timeoutMs` or a failed attempt, and the API starts uncached.
     */
    async connect(timeoutMs = 2000): Promise<void> {
      await redis()?.connected(timeoutMs);
    },
    /** The URLs served from the cache and their policies, for the fast path. */
    routes,
    /** The response cache. */
    store(): CacheStore {
      responses ??= process.env.PORTAL_CACHE === 'off' ? disabledStore() : backendStore();
      return responses;
    },
    async invalidate(tags: readonly string[]) {
      await backendStore().bump(tags);
    },
    /**
     * A value computed once and kept until a write bumps one of its tags (at
     * most `ttlSeconds`): list totals, statistics reference data. Always on,
     * whatever PORTAL_CACHE says; computed afresh when Redis cannot answer.
     */
    async memo<T>(key: string, tags: readonly string[], compute: () => Promise<T>, ttlSeconds = 300): Promise<T> {
      const store = backendStore();
      const generations = await store.generations(tags);
      const fullKey = `memo:${key}#${generations.join('.')}`;
      const hit = await store.get(fullKey);
      if (hit) return JSON.parse(hit.body) as T;
      const value = await compute();
      if (generations.every((generation) => generation >= 0)) {
        await store.set(fullKey, { status: 200, body: JSON.stringify(value), etag: '', contentType: 'application/json' }, ttlSeconds);
      }
      return value;
    },
    /** A cached count for a list filter, shared by every page of that list. */
    count(key: string, tags: readonly string[], compute: () => Promise<number>): Promise<number> {
      return this.memo(`count:${key}`, tags, compute);
    },
    /** Closes the stores and the Redis connection (the view counter's too: they share it). */
    async close() {
      closed = true;
      await backend?.close();
      await connection?.close();
      connection = null;
      backend = null;
      responses = null;
    },
  };
};

export default cache;
export type PortalCache = ReturnType<typeof cache>;
