import type { Core } from '@strapi/strapi';

import { disabledStore, memoryStore, redisStore, type CacheStore } from '../lib/cache';
import { CachedRoutes } from '../lib/http';

/** The response cache: Redis when REDIS_URL is set (shared by every instance), in memory otherwise; PORTAL_CACHE=off disables it. */
const cache = ({ strapi }: { strapi: Core.Strapi }) => {
  let store: CacheStore | null = null;
  const routes = new CachedRoutes();
  return {
    /** The URLs served from the cache and their policies, for the fast path. */
    routes,
    store(): CacheStore {
      if (!store) {
        const url = process.env.REDIS_URL;
        if (process.env.PORTAL_CACHE === 'off') store = disabledStore();
        else store = url ? redisStore(url, strapi.log, process.env.REDIS_PREFIX || undefined) : memoryStore();
      }
      return store;
    },
    async invalidate(tags: readonly string[]) {
      await this.store().bump(tags);
    },
    /** A cached count for a list filter, shared by every page of that list. */
    async count(key: string, tags: readonly string[], compute: () => Promise<number>): Promise<number> {
      const current = this.store();
      const generations = await current.generations(tags);
      const fullKey = `count:${key}#${generations.join('.')}`;
      const hit = await current.get(fullKey);
      if (hit) return Number(hit.body);
      const value = await compute();
      if (generations.every((generation) => generation >= 0)) {
        await current.set(fullKey, { status: 200, body: String(value), etag: '', contentType: 'text/plain' }, 300);
      }
      return value;
    },
    async close() {
      await store?.close();
      store = null;
    },
  };
};

export default cache;
export type PortalCache = ReturnType<typeof cache>;
