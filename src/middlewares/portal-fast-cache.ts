/**
 * Fast path for the public API's cache hits, first in the middleware stack
 * (config/middlewares.ts): a GET of a URL the portal has already answered
 * from its cache is answered here, before routing, body parsing, sessions
 * and policies — the work a memory lookup does not need.
 *
 * The answer is the same as the full stack's: the cached body, ETag,
 * Cache-Control and 304 come from the same entry and code
 * (src/api/portal/lib/http.ts), and every other header (security headers,
 * CORS, X-Powered-By, Vary) is copied from a full-stack answer of the
 * portal to a request with the same Origin. Anything else — a URL not yet
 * cached, a stale generation, an origin not seen yet, Redis unavailable —
 * goes through the full stack unchanged.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import type { CacheStore, CachedResponse } from '../api/portal/lib/cache';
import { keyOf, urlOf, type CachedRoutes } from '../api/portal/lib/http';

const PREFIX = '/api/portal/';

/** Headers that belong to one answer, set again from the entry (or by Node) on every hit. */
const PER_ANSWER = new Set(['etag', 'cache-control', 'x-cache', 'content-type', 'content-length', 'date', 'connection', 'keep-alive', 'set-cookie', 'last-modified']);

/** Origins (the header is client-chosen) whose headers are remembered; others take the full stack. */
const MAX_ORIGINS = 64;

type PortalCacheService = { store(): CacheStore; routes: CachedRoutes };

const matches = (header: string | undefined, etag: string) =>
  Boolean(header) && (header as string).split(',').some((candidate) => candidate.trim() === etag || candidate.trim() === '*');

const portalFastCache = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const headersByOrigin = new Map<string, Record<string, string>>();
  // The encoded body of each entry, computed once (an in-memory entry is the same object on every hit).
  const bodies = new WeakMap<CachedResponse, Buffer>();
  let cache: PortalCacheService | null = null;

  const learn = (origin: string, headers: Record<string, unknown>) => {
    if (headersByOrigin.has(origin) || headersByOrigin.size >= MAX_ORIGINS) return;
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!PER_ANSWER.has(name.toLowerCase()) && value !== undefined) kept[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    headersByOrigin.set(origin, kept);
  };

  const bodyOf = (entry: CachedResponse) => {
    let body = bodies.get(entry);
    if (!body) {
      body = Buffer.from(entry.body);
      bodies.set(entry, body);
    }
    return body;
  };

  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(PREFIX)) return next();
    cache ??= strapi.service('api::portal.cache') as unknown as PortalCacheService;
    const origin = ctx.get('Origin');
    const headers = headersByOrigin.get(origin);
    const url = urlOf(ctx);
    const policy = headers && cache.routes.policyOf(url);
    if (headers && policy) {
      const started = Date.now();
      const store = cache.store();
      const generations = await store.generations(policy.tags);
      const entry = generations.every((generation) => generation >= 0) ? await store.get(keyOf(url, generations)) : null;
      if (entry) {
        // Written straight to the socket (Koa's response handling is skipped), with the full stack's headers.
        const answerHeaders: Record<string, string | number> = { ...headers, 'X-Cache': 'HIT', ETag: entry.etag, 'Cache-Control': policy.cacheControl };
        ctx.respond = false;
        ctx.status = matches(ctx.get('If-None-Match'), entry.etag) ? 304 : entry.status;
        if (ctx.status === 304) {
          ctx.res.writeHead(304, answerHeaders);
          ctx.res.end();
        } else {
          const body = bodyOf(entry);
          answerHeaders['Content-Type'] = entry.contentType;
          answerHeaders['Content-Length'] = body.length;
          ctx.res.writeHead(entry.status, answerHeaders);
          if (ctx.method === 'HEAD') ctx.res.end();
          else ctx.res.end(body);
        }
        if (strapi.log.isLevelEnabled('http')) strapi.log.http(`${ctx.method} ${ctx.url} (${Math.ceil(Date.now() - started)} ms) ${ctx.status}`);
        return;
      }
    }
    await next();
    // A portal answer from the cache (hit or miss) carries X-Cache: remember its headers for this origin.
    if (!headers && ctx.response.get('X-Cache') && ctx.status < 400) learn(origin, ctx.response.headers as Record<string, unknown>);
  };
};

export default portalFastCache;
