/**
 * Notifications: the in-app inbox, the e-mail outbox and each person's
 * preferences. Not content types: rows are written only by the review
 * engine's transactions (src/plugins/review/server/src/notifications), in the
 * same transaction as the decision they announce, and read by the dispatcher.
 * Needs no Strapi table (recipients are referenced by id and type), so it
 * runs once, before Strapi's schema synchronisation, like any migration.
 *
 * Times are epoch milliseconds (bigint): the dispatcher compares them with
 * its own clock, which tests control, identically on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';

export const INBOX_TABLE = 'dvk_notifications';
export const OUTBOX_TABLE = 'dvk_notification_outbox';
export const PREFERENCES_TABLE = 'dvk_notification_preferences';

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(INBOX_TABLE))) {
    await knex.schema.createTable(INBOX_TABLE, (table) => {
      table.increments('id').primary(`${INBOX_TABLE}_pkey`);
      // What happened, e.g. "event:42" (a review event), "batch:3", "reminder-deadline:2025:7:2026-11-23".
      table.string('event_key', 160).notNullable();
      table.string('kind', 40).notNullable();
      // 'admin' (admin user: reviewers, leadership) or 'officer' (users-permissions user).
      table.string('recipient_type', 10).notNullable();
      table.integer('recipient_id').notNullable();
      table.string('title', 400).notNullable();
      table.text('body').notNullable();
      table.string('link', 500);
      table.string('initiative_document_id', 64);
      table.bigInteger('created_at').notNullable();
      table.bigInteger('read_at');
      table.unique(['event_key', 'recipient_type', 'recipient_id'], { indexName: `${INBOX_TABLE}_event_recipient_uq` });
      table.index(['recipient_type', 'recipient_id', 'read_at'], `${INBOX_TABLE}_recipient_idx`);
    });
  }
  if (!(await knex.schema.hasTable(OUTBOX_TABLE))) {
    await knex.schema.createTable(OUTBOX_TABLE, (table) => {
      table.increments('id').primary(`${OUTBOX_TABLE}_pkey`);
      // (event, recipient, channel): unique, so a retried write or a second instance's reminder adds nothing.
      table.string('idempotency_key', 220).notNullable();
      table.integer('notification_id');
      table.string('kind', 40).notNullable();
      table.string('recipient_type', 10).notNullable();
      table.integer('recipient_id').notNullable();
      table.string('to_address', 320).notNullable();
      table.string('subject', 400).notNullable();
      table.text('text').notNullable();
      table.text('html').notNullable();
      // The Message-ID header, derived from the idempotency key: the same on every attempt.
      table.string('message_id', 300).notNullable();
      // pending → sending (claimed, leased) → sent | pending (retry) | dead; held → digested (daily digest).
      table.string('status', 12).notNullable();
      table.integer('attempts').notNullable().defaultTo(0);
      table.bigInteger('next_attempt_at').notNullable();
      table.string('lease_owner', 80);
      table.bigInteger('lease_until');
      table.text('last_error');
      table.bigInteger('sent_at');
      table.integer('digest_id');
      table.bigInteger('created_at').notNullable();
      table.unique(['idempotency_key'], { indexName: `${OUTBOX_TABLE}_key_uq` });
      table.index(['status', 'next_attempt_at'], `${OUTBOX_TABLE}_due_idx`);
      table.index(['recipient_type', 'recipient_id', 'status'], `${OUTBOX_TABLE}_recipient_idx`);
    });
  }
  if (!(await knex.schema.hasTable(PREFERENCES_TABLE))) {
    await knex.schema.createTable(PREFERENCES_TABLE, (table) => {
      table.string('recipient_type', 10).notNullable();
      table.integer('recipient_id').notNullable();
      // JSON array of kinds whose e-mails the person does not want.
      table.text('muted_kinds').notNullable();
      // 'instant' (one mail per notification) or 'digest' (one mail a day with everything).
      table.string('email_mode', 10).notNullable();
      table.bigInteger('updated_at').notNullable();
      table.primary(['recipient_type', 'recipient_id'], `${PREFERENCES_TABLE}_pkey`);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists(PREFERENCES_TABLE);
  await knex.schema.dropTableIfExists(OUTBOX_TABLE);
  await knex.schema.dropTableIfExists(INBOX_TABLE);
}
