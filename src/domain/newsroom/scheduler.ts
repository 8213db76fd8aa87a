/**
 * Scheduled publishing and expiring highlights of articles.
 *
 * An editor sets "Hẹn giờ đăng" (`publishAt`) on an article's draft; once that
 * time has come, `publishDue` publishes the draft through the document service
 * (so the search text, the public cache and the feeds follow as for a publish
 * by hand) and clears `publishAt`. "Ghim đến" (`pinnedUntil`) and "Nổi bật
 * đến" (`featuredUntil`) end by themselves: the public API compares them with
 * the time of the request, and `expireHighlights` clears the passed ones and
 * invalidates the cached lists that still showed them.
 *
 * Several instances run the same cron: each due article is claimed by one
 * conditional UPDATE (publishAt still set and due → cleared) inside the
 * transaction that publishes it. On PostgreSQL a second instance's UPDATE waits
 * for the first one's row lock and then matches nothing; on SQLite writes are
 * serialised. A failed publish rolls its claim back, so the next run retries.
 */
import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';

type Cache = { invalidate(tags: readonly string[]): Promise<void> };

export type PublishOutcome = { published: string[]; failed: Array<{ documentId: string; error: string }> };

/** Publishes every article whose publication time has come by `now`; returns the documents published by this call. */
export async function publishDue(strapi: Core.Strapi, now: Date = new Date()): Promise<PublishOutcome> {
  const due = (await strapi.db.query(ARTICLE).findMany({
    where: { publishedAt: null, publishAt: { $notNull: true, $lte: now } },
    select: ['documentId', 'publishAt'],
    orderBy: { publishAt: 'asc' },
    limit: 200,
  })) as Array<{ documentId: string; publishAt: string }>;

  const outcome: PublishOutcome = { published: [], failed: [] };
  for (const { documentId, publishAt } of due) {
    try {
      const claimed = await strapi.db.transaction(async () => {
        // The claim: only one instance clears a due publishAt; the others update nothing and skip it.
        const { count } = await strapi.db.query(ARTICLE).updateMany({
          where: { documentId, publishedAt: null, publishAt: { $notNull: true, $lte: now } },
          // The article is dated at its scheduled time, as the news pages show it.
          data: { publishAt: null, displayAt: publishAt },
        });
        if (count === 0) return false;
        await strapi.documents(ARTICLE).publish({ documentId });
        return true;
      });
      if (claimed) outcome.published.push(documentId);
    } catch (error) {
      outcome.failed.push({ documentId, error: error instanceof Error ? error.message : String(error) });
      strapi.log.error(`Scheduled publishing of article ${documentId} failed (retried at the next run): ${String(error)}`);
    }
  }
  // Published inside transactions: invalidate again after they committed, so no read in between stays cached.
  if (outcome.published.length > 0) await (strapi.service('api::portal.cache') as unknown as Cache).invalidate(['articles']);
  return outcome;
}

/** Clears pinned and featured flags whose end has passed by `now`; returns how many stored rows changed. */
export async function expireHighlights(strapi: Core.Strapi, now: Date = new Date()): Promise<number> {
  const query = strapi.db.query(ARTICLE);
  const unpinned = await query.updateMany({ where: { pinnedUntil: { $notNull: true, $lte: now } }, data: { pinnedUntil: null } });
  const unfeatured = await query.updateMany({
    where: { featuredUntil: { $notNull: true, $lte: now } },
    data: { featured: false, featuredUntil: null },
  });
  const changed = unpinned.count + unfeatured.count;
  if (changed > 0) await (strapi.service('api::portal.cache') as unknown as Cache).invalidate(['articles']);
  return changed;
}

/** Once a minute on every instance (Strapi cron; `CRON_ENABLED=false` turns it off). */
export function registerNewsroomCron(strapi: Core.Strapi): void {
  strapi.cron.add({
    newsroomSchedule: {
      task: async () => {
        await publishDue(strapi);
        await expireHighlights(strapi);
      },
      options: { rule: '0 * * * * *' },
    },
  });
}
