/**
 * Cross-origin access, in two classes (used by strapi::cors in config/middlewares.ts):
 * - the public API (`/api/portal/*`) is read by the news sites from any
 *   browser page: CORS_ORIGINS (default `*`) may read it, never with
 *   credentials (it has none to offer);
 * - everything else (the admin, its refresh cookie, the officers' API) is
 *   same-origin only. An origin listed in ADMIN_CORS_ORIGINS (e.g. a separate
 *   officer portal host) may call it with credentials. Nothing else gets a
 *   CORS header, so a page on another site — even a sibling subdomain —
 *   cannot read an answer, e.g. an admin token from `/admin/access-token`.
 */
type RequestLike = { path: string; get(header: string): string };

const PORTAL = '/api/portal/';

const clean = (origins: string[]) => origins.map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean);

export function corsPolicy(portalOrigins: string[], credentialedOrigins: string[]) {
  const portal = clean(portalOrigins.length > 0 ? portalOrigins : ['*']);
  const credentialed = clean(credentialedOrigins).filter((origin) => origin !== '*');
  const isPortal = (ctx: RequestLike) => ctx.path.startsWith(PORTAL);
  return {
    /** The origins allowed for this request (strapi::cors answers only a listed Origin, or any for `*`). */
    origin: (ctx: RequestLike): string[] => (isPortal(ctx) ? portal : credentialed),
    credentials: (ctx: RequestLike): boolean => !isPortal(ctx) && credentialed.includes(ctx.get('Origin')),
  };
}
