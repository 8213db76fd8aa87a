/**
 * Writes notifications: one inbox row per (event, recipient) and, unless the
 * person muted the kind, one e-mail row per (event, recipient, channel) in
 * the outbox — both with the caller's transaction, so they exist exactly when
 * the decision they announce committed. Unique keys make a repeated write
 * (a second instance running the same reminder) add nothing.
 */
import crypto from 'crypto';

import type { Core } from '@strapi/strapi';

import { isNotificationKind, type EmailMode, type NotificationKind } from '../../../shared/notifications';
import type { Recipient } from './recipients';
import { INBOX_TABLE, OUTBOX_TABLE, PREFERENCES_TABLE } from './tables';
import { toEmail, type Rendered } from './templates';

export type Knex = Core.Strapi['db']['connection'];

export type StoredPreferences = { mutedKinds: NotificationKind[]; emailMode: EmailMode };

export const DEFAULT_PREFERENCES: StoredPreferences = { mutedKinds: [], emailMode: 'instant' };

type PreferenceRow = { recipient_type: string; recipient_id: number; muted_kinds: string; email_mode: string };

export const parsePreferences = (row: PreferenceRow | undefined): StoredPreferences => {
  if (!row) return DEFAULT_PREFERENCES;
  let muted: unknown = [];
  try {
    muted = JSON.parse(row.muted_kinds);
  } catch {
    muted = [];
  }
  return {
    mutedKinds: Array.isArray(muted) ? muted.filter(isNotificationKind) : [],
    emailMode: row.email_mode === 'digest' ? 'digest' : 'instant',
  };
};

async function preferencesOf(knex: Knex, recipients: Recipient[]): Promise<Map<string, StoredPreferences>> {
  const result = new Map<string, StoredPreferences>();
  for (const type of ['admin', 'officer'] as const) {
    const ids = recipients.filter((recipient) => recipient.type === type).map((recipient) => recipient.id);
    if (ids.length === 0) continue;
    const rows = (await knex(PREFERENCES_TABLE).where({ recipient_type: type }).whereIn('recipient_id', ids)) as PreferenceRow[];
    for (const row of rows) result.set(`${type}:${Number(row.recipient_id)}`, parsePreferences(row));
  }
  return result;
}

/** The Message-ID of an outbox row: derived from its idempotency key, so every attempt carries the same one. */
export const messageIdFor = (key: string, domain: string): string =>
  `<${crypto.createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;

export type NotificationInput = {
  /** What happened, unique per event: "event:42", "batch:3", "deadline:7:2026-11-30:12". */
  eventKey: string;
  kind: NotificationKind;
  recipient: Recipient;
  rendered: Rendered;
  initiativeDocumentId?: string | null;
};

export type WriteContext = { knex: Knex; now: number; mailDomain: string };

/** Writes the inbox rows and e-mail rows of some notifications; returns how many e-mails were queued. */
export async function writeNotifications(context: WriteContext, inputs: NotificationInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const { knex, now } = context;
  const preferences = await preferencesOf(
    knex,
    inputs.map((input) => input.recipient)
  );
  let queued = 0;
  for (const input of inputs) {
    const { recipient, rendered, kind, eventKey } = input;
    const where = { event_key: eventKey, recipient_type: recipient.type, recipient_id: recipient.id };
    // Written before (a reminder run twice, another instance's cron): nothing to add.
    if (await knex(INBOX_TABLE).where(where).first('id')) continue;
    await knex(INBOX_TABLE)
      .insert({
        event_key: eventKey,
        kind,
        recipient_type: recipient.type,
        recipient_id: recipient.id,
        title: rendered.title.slice(0, 400),
        body: rendered.body,
        link: rendered.link,
        initiative_document_id: input.initiativeDocumentId ?? null,
        created_at: now,
      })
      .onConflict(['event_key', 'recipient_type', 'recipient_id'])
      .ignore();
    const prefs = preferences.get(`${recipient.type}:${recipient.id}`) ?? DEFAULT_PREFERENCES;
    if (!recipient.email || prefs.mutedKinds.includes(kind)) continue;
    const inbox = (await knex(INBOX_TABLE).where(where).first('id')) as { id: number } | undefined;
    const key = `${eventKey}/${recipient.type}:${recipient.id}/email`;
    const email = toEmail(rendered);
    await knex(OUTBOX_TABLE)
      .insert({
        idempotency_key: key,
        notification_id: inbox?.id ?? null,
        kind,
        recipient_type: recipient.type,
        recipient_id: recipient.id,
        to_address: recipient.email,
        subject: email.subject.slice(0, 400),
        text: email.text,
        html: email.html,
        message_id: messageIdFor(key, context.mailDomain),
        // A person on the daily digest gets it in the day's summary instead.
        status: prefs.emailMode === 'digest' ? 'held' : 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .onConflict(['idempotency_key'])
      .ignore();
    queued += 1;
  }
  return queued;
}
