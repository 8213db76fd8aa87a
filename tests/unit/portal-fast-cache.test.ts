import { IncomingMessage, ServerResponse } from 'http';
import { Socket } from 'net';

import type { Core } from '@strapi/strapi';
import Koa, { type Context } from 'koa';

import { memoryStore } from '../../src/api/portal/lib/cache';
import { CachedRoutes, serveCached } from '../../src/api/portal/lib/http';
import portalFastCache from '../../src/middlewares/portal-fast-cache';

/** A real Koa context for a request, without a network. */
const contextFor = (app: Koa, url: string, headers: Record<string, string> = {}, method = 'GET'): Context => {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = url;
  req.headers = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return app.createContext(req, new ServerResponse(req)) as Context;
};

describe('portal fast path for cache hits', () => {
  const store = memoryStore();
  const routes = new CachedRoutes();
  const strapi = {
    service: () => ({ store: () => store, routes }),
    log: { http: () => undefined, isLevelEnabled: () => true },
  } as unknown as Core.Strapi;
  const middleware = portalFastCache({}, { strapi });
  const app = new Koa();
  let produced = 0;

  /** What the rest of the stack does for a portal GET: security and CORS headers, then the cached controller. */
  const fullStack = async (ctx: Context) => {
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('X-Powered-By', 'Strapi <strapi.io>');
    const origin = ctx.get('Origin');
    ctx.vary('Origin');
    if (origin) ctx.set('Access-Control-Allow-Origin', origin === 'https://dvk.example' ? origin : 'null');
    await serveCached(ctx, store, { tags: ['articles'] }, async () => {
      produced += 1;
      return { body: { data: [produced] } };
    }, routes);
  };

  /** Runs a request; the answer is read from Koa (full stack) or from what was written to the socket (fast path). */
  const run = async (url: string, headers: Record<string, string> = {}, method = 'GET') => {
    const ctx = contextFor(app, url, headers, method);
    const written: { status: number; headers: Record<string, unknown>; body?: string } = { status: 0, headers: {} };
    const { res } = ctx;
    const writeHead = res.writeHead.bind(res) as (status: number, headers: Record<string, unknown>) => unknown;
    res.writeHead = ((status: number, sent: Record<string, unknown>) => {
      written.status = status;
      written.headers = Object.fromEntries(Object.entries(sent).map(([name, value]) => [name.toLowerCase(), String(value)]));
      return writeHead(status, sent);
    }) as typeof res.writeHead;
    const end = res.end.bind(res) as (chunk?: Buffer) => unknown;
    res.end = ((chunk?: Buffer) => {
      if (chunk) written.body = chunk.toString();
      return end(chunk);
    }) as typeof res.end;

    let routed = false;
    await middleware(ctx, async () => {
      routed = true;
      await fullStack(ctx);
    });
    if (ctx.respond === false) return { routed, status: written.status, body: written.body, headers: written.headers };
    const fromKoa = Object.fromEntries(Object.entries(ctx.response.headers).map(([name, value]) => [name, String(value)]));
    if (typeof ctx.body === 'string') fromKoa['content-length'] = String(Buffer.byteLength(ctx.body));
    return { routed, status: ctx.status, body: ctx.body as string | undefined, headers: fromKoa as Record<string, unknown> };
  };

  it('routes a first request, then answers the same URL itself with the same headers and body', async () => {
    const url = '/api/portal/sites/portal/articles?pageSize=3';
    const miss = await run(url, { Origin: 'https://dvk.example' });
    expect(miss.routed).toBe(true);
    expect(miss.headers['x-cache']).toBe('MISS');

    const hit = await run(url, { Origin: 'https://dvk.example' });
    expect(hit.routed).toBe(false);
    expect(hit.body).toBe(miss.body);
    expect(hit.status).toBe(200);
    const { 'x-cache': missCache, ...missRest } = miss.headers;
    const { 'x-cache': hitCache, ...hitRest } = hit.headers;
    expect([missCache, hitCache]).toEqual(['MISS', 'HIT']);
    expect(hitRest).toEqual(missRest);
    expect(hit.headers['access-control-allow-origin']).toBe('https://dvk.example');
    expect(hit.headers.vary).toBe('Origin, Accept-Encoding');
  });

  it('answers 304 on If-None-Match from the fast path too', async () => {
    const url = '/api/portal/sites/portal/articles?pageSize=3';
    const { headers } = await run(url, { Origin: 'https://dvk.example' });
    const notModified = await run(url, { Origin: 'https://dvk.example', 'If-None-Match': String(headers.etag) });
    expect(notModified.routed).toBe(false);
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeUndefined();
  });

  it('routes a request from an origin it has not seen, so CORS decides for that origin', async () => {
    const url = '/api/portal/sites/portal/articles?pageSize=3';
    const other = await run(url, { Origin: 'https://other.example' });
    expect(other.routed).toBe(true);
    expect(other.headers['access-control-allow-origin']).toBe('null');
    const again = await run(url, { Origin: 'https://other.example' });
    expect(again.routed).toBe(false);
    expect(again.headers['access-control-allow-origin']).toBe('null');
  });

  it('routes again once a write bumped a tag, and serves the new body', async () => {
    const url = '/api/portal/sites/portal/articles?pageSize=3';
    const before = await run(url, { Origin: 'https://dvk.example' });
    await store.bump(['articles']);
    const after = await run(url, { Origin: 'https://dvk.example' });
    expect(after.routed).toBe(true);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.body).not.toBe(before.body);
  });

  it('leaves other paths, other methods and unknown URLs to the full stack', async () => {
    expect((await run('/api/articles')).routed).toBe(true);
    expect((await run('/api/portal/articles/abc/views', {}, 'POST')).routed).toBe(true);
    expect((await run('/api/portal/sites/portal/articles?pageSize=4', { Origin: 'https://dvk.example' })).routed).toBe(true);
  });
});
