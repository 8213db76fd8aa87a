/**
 * Limits on the routes that check a password or send a reset email, for the
 * admin panel (`/admin/login`, `/admin/forgot-password`, ...) and for unit
 * officers (`/api/auth/local`, `/api/auth/forgot-password`, ...): a budget
 * per account and one per client address (src/domain/login-limits.ts).
 *
 * Placed after `strapi::body` (config/middlewares.ts) to read the account
 * from the parsed body, and before routing, so it replaces Strapi's own
 * per-route limiters (turned off in config/admin.ts and config/plugins.ts):
 * theirs count per address + account, which neither stops one password
 * sprayed over many accounts nor lets a commune's officers share a NAT.
 *
 * Logins take a point from both budgets before the password is checked (so
 * a burst of parallel guesses cannot all slip in) and give it back when the
 * login succeeds: only failures count, and a correct password clears the
 * account's failures. Reset and registration requests always count.
 */
import path from 'path';

import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

import type { SharedRedis } from '../api/portal/lib/redis';
import { addressKey, checkLoginLimitsConfig, createLoginLimiters, take, type LoginLimiters, type LoginLimitsConfig } from '../domain/login-limits';
import { messages } from '../domain/messages';

type Rule = {
  /** `login`: failures count, success refunds. `request`: every request counts. */
  kind: 'login' | 'request';
  /** Where the account is named in the request, and the namespace of its budget; none: address only. */
  account?: { scope: string; read: (ctx: Context) => unknown };
};

const bodyOf = (ctx: Context): Record<string, unknown> => {
  const body = (ctx.request as { body?: unknown }).body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
};

const fromBody = (field: string) => (ctx: Context) => bodyOf(ctx)[field];
// passport-local, behind the admin login, falls back to the query string when the body lacks the field.
const fromBodyOrQuery = (field: string) => (ctx: Context) => bodyOf(ctx)[field] || ctx.query[field];

const routeRules = (api: string) =>
  new Map<string, Rule>([
    ['POST /admin/login', { kind: 'login', account: { scope: 'admin', read: fromBodyOrQuery('email') } }],
    ['POST /admin/forgot-password', { kind: 'request', account: { scope: 'admin-reset', read: fromBody('email') } }],
    ['POST /admin/reset-password', { kind: 'request' }],
    ['POST /admin/register', { kind: 'request' }],
    ['POST /admin/register-admin', { kind: 'request' }],
    [`POST ${api}/auth/local`, { kind: 'login', account: { scope: 'officer', read: fromBody('identifier') } }],
    [`POST ${api}/auth/local/register`, { kind: 'request' }],
    [`POST ${api}/auth/forgot-password`, { kind: 'request', account: { scope: 'officer-reset', read: fromBody('email') } }],
    [`POST ${api}/auth/reset-password`, { kind: 'request' }],
    [`POST ${api}/auth/send-email-confirmation`, { kind: 'request', account: { scope: 'officer-confirm', read: fromBody('email') } }],
    [`POST ${api}/auth/change-password`, { kind: 'login' }],
  ]);

/**
 * The router matches paths case-insensitively and ignores a trailing slash,
 * so compare on a form at least as loose, or `/Admin/Login/` would escape.
 */
const normalisePath = (raw: string): string => {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // A malformed escape cannot match a route either.
  }
  return path.posix.normalize(decoded).toLowerCase().replace(/\/+$/, '') || '/';
};

const waitText = (seconds: number) => (seconds < 60 ? `${seconds} giây` : `${Math.ceil(seconds / 60)} phút`);

type Reason = 'account' | 'address';

const refusalMessage = (rule: Rule, reason: Reason, seconds: number) => {
  if (rule.kind === 'request') return messages.authRequestsLimited(waitText(seconds));
  return reason === 'account' ? messages.loginLimitedAccount(waitText(seconds)) : messages.loginLimitedAddress(waitText(seconds));
};

const loginGuard = (config: LoginLimitsConfig, { strapi }: { strapi: Core.Strapi }) => {
  checkLoginLimitsConfig(config);
  // Made at the first guarded request: the shared Redis connection belongs to the portal cache service,
  // which exists only once Strapi has loaded its services.
  let created: LoginLimiters | null = null;
  const limitersNow = () =>
    (created ??= createLoginLimiters(config, (strapi.service('api::portal.cache') as unknown as { redis(): SharedRedis | null }).redis()));
  const api = normalisePath(strapi.config.get('api.rest.prefix', '/api'));
  const rules = routeRules(api);
  // OAuth sign-in starts (GET /api/connect/<provider>) had Strapi's limiter too.
  const connectRule: Rule = { kind: 'request' };

  const ruleFor = (ctx: Context): Rule | undefined => {
    if (ctx.method !== 'POST' && ctx.method !== 'GET') return undefined;
    const requestPath = normalisePath(ctx.path);
    if (ctx.method === 'GET') return requestPath.startsWith(`${api}/connect/`) ? connectRule : undefined;
    return rules.get(`POST ${requestPath}`);
  };

  const refuse = (ctx: Context, rule: Rule, reason: Reason, seconds: number) => {
    strapi.log.warn(`Login limit (${reason}) refused ${ctx.method} ${ctx.path} from ${ctx.ip} for ${seconds}s`);
    ctx.status = 429;
    ctx.set('Retry-After', String(seconds));
    ctx.body = {
      data: null,
      error: { status: 429, name: 'RateLimitError', message: refusalMessage(rule, reason, seconds), details: { reason, retryAfter: seconds } },
    };
  };

  return async (ctx: Context, next: Next) => {
    const rule = ruleFor(ctx);
    if (!rule) return next();

    const limiters = limitersNow();
    const address = addressKey(ctx.ip);
    const addressWait = await take(limiters.address, address);
    if (addressWait !== null) return refuse(ctx, rule, 'address', addressWait);

    const identifier = rule.account?.read(ctx);
    // Any string names a budget, whether or not such an account exists, so a refusal says nothing about accounts.
    const account = rule.account && typeof identifier === 'string' && identifier.trim() ? `${rule.account.scope}:${identifier.trim().toLowerCase()}` : null;
    if (account) {
      const accountWait = await take(limiters.account, account);
      if (accountWait !== null) {
        // Refused before any password check: not charged to the address, so one locked account
        // does not use up the budget of everyone behind the same NAT.
        await limiters.address.reward(address, 1);
        return refuse(ctx, rule, 'account', accountWait);
      }
    }

    // A refused login throws here (Strapi's errors middleware answers it), leaving both points spent.
    await next();
    if (rule.kind === 'login' && ctx.status < 400) {
      await limiters.address.reward(address, 1);
      if (account) await limiters.account.delete(account);
    }
  };
};

export default loginGuard;
