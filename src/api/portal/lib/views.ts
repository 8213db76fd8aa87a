/**
 * View counting: one view per client and article per window, a rate limit
 * per client, and an atomic increment in SQL (a read-modify-write through the
 * document service would lose views under concurrency, and would invalidate
 * the cache on every view).
 */
import { createHash } from 'crypto';

import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

import { tableOf } from '../../../domain/sql';

export const VIEW_WINDOW_SECONDS = Number(process.env.VIEW_DEDUP_SECONDS ?? 30 * 60);
export const VIEWS_PER_MINUTE = Number(process.env.VIEW_RATE_PER_MINUTE ?? 60);

type Seen = { firstTime(key: string): Promise<boolean>; close(): Promise<void> };

const memorySeen = (): Seen => {
  const seen = new LRUCache<string, true>({ max: 100_000, ttl: VIEW_WINDOW_SECONDS * 1000 });
  return {
    async firstTime(key) {
      if (seen.has(key)) return false;
      seen.set(key, true);
      return true;
    },
    async close() {
      seen.clear();
    },
  };
};

const redisSeen = (redis: Redis): Seen => ({
  async firstTime(key) {
    return (await redis.set(`dvk:views:${key}`, '1', 'EX', VIEW_WINDOW_SECONDS, 'NX')) === 'OK';
  },
  async close() {
    redis.disconnect();
  },
});

export type ViewCounter = {
  count(slug: string, client: { ip: string; userAgent: string }): Promise<{ counted: boolean; viewCount: number } | null>;
  close(): Promise<void>;
};

export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}

export function createViewCounter(strapi: Core.Strapi): ViewCounter {
  const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 }) : null;
  const seen = redis ? redisSeen(redis) : memorySeen();
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ storeClient: redis, keyPrefix: 'dvk:views:rl', points: VIEWS_PER_MINUTE, duration: 60 })
    : new RateLimiterMemory({ points: VIEWS_PER_MINUTE, duration: 60 });
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
      }
      const row = (await knex(article.name).where(documentColumn, documentId).whereNotNull(publishedColumn).first(countColumn)) as Record<
        string,
        number | string
      >;
      return { counted, viewCount: Number(row[countColumn]) };
    },
    async close() {
      await seen.close();
    },
  };
}
