import type { Context } from 'koa';

import { etagOf, type CacheStore, type CachedResponse } from './cache';

export type Produced = { body: unknown; contentType?: string };

export type CachePolicy = {
  /** Data the response depends on; a write to any of them invalidates it. */
  tags: readonly string[];
  /** Seconds browsers and proxies may reuse it. */
  maxAge?: number;
  /** Seconds the server keeps it at most (a bound on staleness if an invalidation is ever missed). */
  ttl?: number;
};

const serialise = ({ body, contentType = 'application/json; charset=utf-8' }: Produced) => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  contentType,
});

const matches = (header: string | undefined, etag: string) =>
  Boolean(header) && (header as string).split(',').some((candidate) => candidate.trim() === etag || candidate.trim() === '*');

/**
 * Answers a GET from the server-side cache or by producing it, with an ETag,
 * Cache-Control and 304 on If-None-Match. Only 200 answers are cached.
 * A store that cannot tell its generations (Redis down) is bypassed.
 */
export async function serveCached(ctx: Context, store: CacheStore, policy: CachePolicy, produce: () => Promise<Produced>) {
  const { tags, maxAge = 60, ttl = 300 } = policy;
  const generations = await store.generations(tags);
  const usable = generations.every((generation) => generation >= 0);
  const key = `${ctx.path}?${ctx.querystring}#${generations.join('.')}`;

  let entry: CachedResponse | null = usable ? await store.get(key) : null;
  ctx.set('X-Cache', entry ? 'HIT' : 'MISS');
  if (!entry) {
    const { body, contentType } = serialise(await produce());
    entry = { status: 200, body, contentType, etag: etagOf(body) };
    if (usable) await store.set(key, entry, ttl);
  }

  ctx.set('ETag', entry.etag);
  ctx.set('Cache-Control', `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`);
  ctx.set('Vary', 'Accept-Encoding');
  if (matches(ctx.get('If-None-Match'), entry.etag)) {
    ctx.status = 304;
    return;
  }
  ctx.status = entry.status;
  ctx.type = entry.contentType;
  ctx.body = entry.body;
}
