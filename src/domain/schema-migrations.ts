/**
 * Migrations that need Strapi's own tables, applied once more right after
 * Strapi's schema synchronisation.
 *
 * Strapi 5 (`@strapi/database` `schema.sync()`) runs the pending migrations
 * of database/migrations first and only then creates or updates the tables of
 * the content types. On a new database such a migration therefore finds no
 * table, does nothing, and is recorded as done. Each of these migrations is
 * idempotent and cheap when its work exists, so the application runs it
 * again from Strapi's `afterSync` hook on every start: a new database gets
 * its indexes right after its tables, and an index or trigger lost when
 * SQLite recreated a table for a column change comes back.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import * as portalIndexes from '../../database/migrations/2026.12.02T00.00.03.portal-indexes';
import * as searchIndex from '../../database/migrations/2026.12.02T00.00.04.search-index';
import * as commentIndexes from '../../database/migrations/2026.12.02T00.00.05.comment-indexes';
import * as reviewQueueIndex from '../../database/migrations/2026.12.02T00.00.05.review-queue-index';

export const AFTER_SYNC_MIGRATIONS: ReadonlyArray<{ up(knex: Knex): Promise<void> }> = [portalIndexes, searchIndex, reviewQueueIndex, commentIndexes];

export function applyMigrationsAfterSync(strapi: Core.Strapi): void {
  strapi.hook('strapi::content-types.afterSync').register(async () => {
    for (const migration of AFTER_SYNC_MIGRATIONS) await migration.up(strapi.db.connection);
  });
}
