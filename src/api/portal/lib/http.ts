import type { Context } from 'koa';
import { LRUCache } from 'lru-cache';

import { etagOf, type CacheStore, type CachedResponse } from './cache';

export type Produced = { body: unknown; contentType?: string };

export type CachePolicy = {
  /** Data the response depends on; a write to any of them invalidates it. */
  tags: readonly string[];
  /** Seconds browsers and proxies may reuse it; 0 makes them revalidate (ETag) every time. */
  maxAge?: number;
  /** Seconds the server keeps it at most (a bound on staleness if an invalidation is ever missed). */
  ttl?: number;
};

/** What the fast path needs to find a cached answer without routing: the tags and the Cache-Control of a URL. */
export type RouteCachePolicy = { tags: readonly string[]; cacheControl: string };

/**
 * URLs (path and query string) answered from the cache at least once, with
 * their policy. Bounded: a URL that fell out is simply routed again.
 */
export class CachedRoutes {
  private readonly routes: LRUCache<string, RouteCachePolicy>;

  constructor(max = 20000) {
    this.routes = new LRUCache({ max });
  }

  remember(url: string, policy: RouteCachePolicy): void {
    if (!this.routes.has(url)) this.routes.set(url, policy);
  }

  policyOf(url: string): RouteCachePolicy | undefined {
    return this.routes.get(url);
  }
}

const serialise = ({ body, contentType = 'application/json; charset=utf-8' }: Produced) => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  contentType,
});

const matches = (header: string | undefined, etag: string) =>
  Boolean(header) && (header as string).split(',').some((candidate) => candidate.trim() === etag || candidate.trim() === '*');

/** The cache key of a URL under the current generations of its tags. */
export const urlOf = (ctx: Context) => `${ctx.path}?${ctx.querystring}`;
export const keyOf = (url: string, generations: readonly number[]) => `${url}#${generations.join('.')}`;
/**
 * `maxAge` 0: data a review decision changes (statistics, the models
 * directory and pages, search). Browsers and CDNs may keep it but must ask
 * again every time; the answer is a 304 from the server's cache until a
 * decision changes it, so nobody sees figures older than the last decision.
 */
export const cacheControlOf = (maxAge: number) =>
  maxAge === 0 ? 'public, no-cache' : `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`;

/** Writes a cached entry as the answer: ETag, Cache-Control, and 304 when the client already has it. */
export function answer(ctx: Context, entry: CachedResponse, cacheControl: string, hit: boolean): void {
  ctx.set('X-Cache', hit ? 'HIT' : 'MISS');
  ctx.set('ETag', entry.etag);
  ctx.set('Cache-Control', cacheControl);
  ctx.vary('Accept-Encoding');
  if (matches(ctx.get('If-None-Match'), entry.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = entry.status;
  ctx.type = entry.contentType;
  ctx.body = entry.body;
}

/**
 * Answers a GET from the server-side cache or by producing it, with an ETag,
 * Cache-Control and 304 on If-None-Match. Only 200 answers are cached.
 * A store that cannot tell its generations (Redis down) is bypassed. URLs
 * it caches are remembered in `routes` so the fast path
 * (src/middlewares/portal-fast-cache.ts) can answer their next hits.
 */
export async function serveCached(ctx: Context, store: CacheStore, policy: CachePolicy, produce: () => Promise<Produced>, routes?: CachedRoutes) {
  const { tags, maxAge = 60, ttl = 300 } = policy;
  const generations = await store.generations(tags);
  const usable = generations.every((generation) => generation >= 0);
  const url = urlOf(ctx);
  const key = keyOf(url, generations);
  const cacheControl = cacheControlOf(maxAge);

  let entry: CachedResponse | null = usable ? await store.get(key) : null;
  const hit = entry !== null;
  if (!entry) {
    const { body, contentType } = serialise(await produce());
    entry = { status: 200, body, contentType, etag: etagOf(body) };
    if (usable) await store.set(key, entry, ttl);
  }
  if (usable) routes?.remember(url, { tags, cacheControl });
  answer(ctx, entry, cacheControl, hit);
}
