/**
 * View counting: one view per client and article per window, a rate limit
 * per client, and an atomic increment in SQL (a read-modify-write through the
 * document service would lose views under concurrency, and would invalidate
 * the cache on every view).
 */
import { createHash } from 'crypto';

import type { Core } from '@strapi/strapi';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

import { VIEWS_DAILY_TABLE } from '../../../domain/newsroom/tables';
import { tableOf } from '../../../domain/sql';
import type { SharedRedis } from './redis';
import { vietnamDay } from './time';

export const VIEW_WINDOW_SECONDS = Number(process.env.VIEW_DEDUP_SECONDS ?? 30 * 60);
export const VIEWS_PER_MINUTE = Number(process.env.VIEW_RATE_PER_MINUTE ?? 60);

type Seen = { firstTime(key: string): Promise<boolean> };

const memorySeen = (): Seen => {
  const seen = new LRUCache<string, true>({ max: 100_000, ttl: VIEW_WINDOW_SECONDS * 1000 });
  return {
    async firstTime(key) {
      if (seen.has(key)) return false;
      seen.set(key, true);
      return true;
    },
  };
};

/** In Redis (shared by every instance) while it answers, in this instance's memory while it does not. */
const redisSeen = (redis: SharedRedis): Seen => {
  const fallback = memorySeen();
  return {
    async firstTime(key) {
      try {
        return (await redis.run((client) => client.set(`views:${key}`, '1', 'EX', VIEW_WINDOW_SECONDS, 'NX'))) === 'OK';
      } catch {
        return fallback.firstTime(key);
      }
    },
  };
};

/**
 * The per-client limit, in Redis with a memory "insurance" limiter that
 * rate-limiter-flexible uses when a Redis call fails; while the breaker is
 * open Redis is not even tried. A failure the insurance absorbs does not
 * reach the breaker, but the de-duplication call of the same view does.
 */
const redisLimiter = (redis: SharedRedis) => {
  const memory = new RateLimiterMemory({ points: VIEWS_PER_MINUTE, duration: 60 });
  const shared = new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: 'views:rl',
    points: VIEWS_PER_MINUTE,
    duration: 60,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
  return { consume: (key: string) => (redis.available() ? shared : memory).consume(key) };
};

export type ViewCounter = {
  count(slug: string, client: { ip: string; userAgent: string }): Promise<{ counted: boolean; viewCount: number } | null>;
};

export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}

/** `redis`: the portal's shared connection (its owner closes it), or null to count in memory only. */
export function createViewCounter(strapi: Core.Strapi, redis: SharedRedis | null): ViewCounter {
  const seen = redis ? redisSeen(redis) : memorySeen();
  const limiter = redis ? redisLimiter(redis) : new RateLimiterMemory({ points: VIEWS_PER_MINUTE, duration: 60 });
  const article = tableOf(strapi, 'api::article.article');
  const slugColumn = article.column('slug');
  const countColumn = article.column('viewCount');
  const publishedColumn = article.column('publishedAt');
  const documentColumn = article.column('documentId');

  return {
    async count(slug, client) {
      try {
        await limiter.consume(client.ip);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimited(Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
      const knex = strapi.db.connection;
      const published = (await knex(article.name).where(slugColumn, slug).whereNotNull(publishedColumn).first(documentColumn)) as
        | Record<string, string>
        | undefined;
      if (!published) return null;
      const documentId = published[documentColumn];
      const fingerprint = createHash('sha1').update(`${client.ip}|${client.userAgent}|${documentId}`).digest('base64url');
      const counted = await seen.firstTime(fingerprint);
      if (counted) {
        // Draft and published rows of the document keep the same count, so publishing never resets it.
        await knex(article.name).where(documentColumn, documentId).increment(countColumn, 1);
        // Per day too, for the newsroom's "most read this week".
        await knex(VIEWS_DAILY_TABLE)
          .insert({ document_id: documentId, day: vietnamDay(new Date()), views: 1 })
          .onConflict(['document_id', 'day'])
          .merge({ views: knex.raw('??.views + 1', [VIEWS_DAILY_TABLE]) });
      }
      const row = (await knex(article.name).where(documentColumn, documentId).whereNotNull(publishedColumn).first(countColumn)) as Record<
        string,
        number | string
      >;
      return { counted, viewCount: Number(row[countColumn]) };
    },
  };
}
