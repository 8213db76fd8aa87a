/**
 * The notifications of the review: what each committed transition, batch
 * decision and reminder tells whom (written in the caller's transaction, see
 * outbox.ts), the two inboxes, each person's preferences, the daily digest
 * and the outbox's dead letters. E-mails are sent after commit by the
 * application's dispatcher (src/notifications/dispatcher.ts).
 */
import type { Core } from '@strapi/strapi';

import {
  KINDS_FOR,
  type InboxPage,
  type NotificationItem,
  type NotificationKind,
  type Preferences,
} from '../../../shared/notifications';
import { vietnamDay } from '../../../shared/registration-window';
import type { Action } from '../../../shared/workflow';
import { EVENT, INITIATIVE } from '../services/model';
import { unitService } from '../services/scope';
import { DEFAULT_PREFERENCES, messageIdFor, parsePreferences, writeNotifications, type Knex, type NotificationInput, type WriteContext } from './outbox';
import { leadership, officersOf, reviewersAt, reviewersOfUnit, type Recipient } from './recipients';
import { INBOX_TABLE, OUTBOX_TABLE, PREFERENCES_TABLE } from './tables';
import {
  adminQueueLink,
  batchLink,
  modelLink,
  portalHomeLink,
  renderBatchForLeadership,
  renderBatchForOwner,
  renderDeadline,
  renderTransition,
  renderWaiting,
  toDigestEmail,
  type LinkBase,
  type RecipientType,
} from './templates';

const DAY_MS = 24 * 60 * 60 * 1000;

/** States in which a model waits for its level's reviewers. */
const WAITING_STATES = ['submitted', 'proposed', 'under_review'];

export type TransitionNotice = {
  eventId: number;
  action: Action;
  initiative: { documentId: string; title: string; ownerUnit: { id: number; name: string } | null; period: { name: string } | null };
  actorUnitName: string;
  reason: string | null;
  /** The level the model entered (submit, propose) or where it was decided. */
  level: { code: string; name: string } | null;
};

export type BatchNotice = {
  decisionId: number;
  number: string;
  date: string;
  signer: string;
  models: Array<{ documentId: string; title: string; ownerUnitId: number | null }>;
};

export type Person = { type: RecipientType; id: number };

export type DeadLetter = {
  id: number;
  kind: string;
  to: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
};

type InboxRow = {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  initiative_document_id: string | null;
  created_at: number | string;
  read_at: number | string | null;
};

/** A timestamp as the driver returns it (Date, epoch ms, or text) in epoch ms. */
const toMs = (at: string | number | Date): number =>
  at instanceof Date ? at.getTime() : typeof at === 'number' || /^\d+$/.test(at) ? Number(at) : Date.parse(at);

const iso = (ms: number | string | null): string | null => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

/** The domain of the sender address, for Message-IDs. */
const domainOf = (from: string | undefined): string => /@([^>\s]+)/.exec(from ?? '')?.[1] ?? 'danvan.local';

const TRANSITION_KINDS: Partial<Record<Action, Array<{ kind: NotificationKind; to: 'reviewers' | 'owners' }>>> = {
  submit: [{ kind: 'registered', to: 'reviewers' }],
  propose: [
    { kind: 'proposal_received', to: 'reviewers' },
    { kind: 'proposed', to: 'owners' },
  ],
  return: [{ kind: 'returned', to: 'owners' }],
  decline: [{ kind: 'not_recognized', to: 'owners' }],
  recognize: [{ kind: 'recognized', to: 'owners' }],
};

const notifications = ({ strapi }: { strapi: Core.Strapi }) => {
  const linkBase = (): LinkBase => {
    const url = String(strapi.config.get('server.url', '') || '').replace(/\/$/, '');
    return { baseUrl: url || `http://localhost:${Number(strapi.config.get('server.port', 1337))}` };
  };
  const context = (knex: Knex, now: number): WriteContext => ({
    knex,
    now,
    mailDomain: domainOf(strapi.config.get('plugin::email.settings.defaultFrom') as string | undefined),
  });
  const db = () => strapi.db.connection;

  const ownersOf = async (unitId: number | null | undefined) => (unitId ? officersOf(strapi, unitId) : []);

  return {
    /** A committed transition's notifications, inside its transaction. */
    async onTransition(trx: Knex, notice: TransitionNotice, now = Date.now()): Promise<number> {
      const plan = TRANSITION_KINDS[notice.action] ?? [];
      const owner = notice.initiative.ownerUnit;
      if (plan.length === 0 || !owner) return 0;
      const base = linkBase();
      const inputs: NotificationInput[] = [];
      for (const { kind, to } of plan) {
        const recipients: Recipient[] =
          to === 'owners' ? await ownersOf(owner.id) : notice.level ? await reviewersAt(strapi, owner.id, notice.level.code) : [];
        const text = renderTransition(kind, {
          title: notice.initiative.title,
          ownerUnitName: owner.name,
          periodName: notice.initiative.period?.name ?? '',
          actorUnitName: notice.actorUnitName,
          levelName: notice.level?.name ?? null,
          reason: notice.reason,
        });
        for (const recipient of recipients) {
          inputs.push({
            eventKey: `event:${notice.eventId}:${kind}`,
            kind,
            recipient,
            initiativeDocumentId: notice.initiative.documentId,
            rendered: { ...text, link: modelLink(base, recipient.type, notice.initiative.documentId) },
          });
        }
      }
      return writeNotifications(context(trx, now), inputs);
    },

    /** A batch decision's notifications: each model's owner unit, and the leadership. */
    async onBatch(trx: Knex, notice: BatchNotice, now = Date.now()): Promise<number> {
      const base = linkBase();
      const inputs: NotificationInput[] = [];
      const eventKey = `batch:${notice.decisionId}`;
      for (const model of notice.models) {
        const text = renderBatchForOwner(notice, model);
        for (const recipient of await ownersOf(model.ownerUnitId)) {
          inputs.push({
            // One per model: an officer whose unit has two models in the batch gets both.
            eventKey: `${eventKey}:${model.documentId}`,
            kind: 'batch_decision',
            recipient,
            initiativeDocumentId: model.documentId,
            rendered: { ...text, link: modelLink(base, recipient.type, model.documentId) },
          });
        }
      }
      const summary = renderBatchForLeadership(notice);
      for (const recipient of await leadership(strapi)) {
        inputs.push({ eventKey, kind: 'batch_decision', recipient, rendered: { ...summary, link: batchLink(base) } });
      }
      return writeNotifications(context(trx, now), inputs);
    },

    /**
     * Registration closes in `days` days or fewer (Vietnamese calendar days): the officers of every unit
     * with drafts in that period, once per period and closing day (a moved deadline reminds again).
     */
    async remindDeadlines(now: Date, days = 7): Promise<number> {
      const today = vietnamDay(now);
      const periods = (await strapi.db.query('api::period.period').findMany({
        where: { registrationEnd: { $notNull: true } },
        select: ['id', 'name', 'registrationEnd'],
      })) as Array<{ id: number; name: string; registrationEnd: string }>;
      const base = linkBase();
      let queued = 0;
      for (const period of periods) {
        const end = String(period.registrationEnd).slice(0, 10);
        const daysLeft = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
        if (daysLeft < 0 || daysLeft > days) continue;
        const drafts = (await strapi.db.query(INITIATIVE).findMany({
          where: { period: { id: period.id }, reviewState: 'draft' },
          select: ['id'],
          populate: { ownerUnit: { select: ['id'] } },
        })) as Array<{ ownerUnit: { id: number } | null }>;
        const perUnit = new Map<number, number>();
        for (const draft of drafts) if (draft.ownerUnit) perUnit.set(draft.ownerUnit.id, (perUnit.get(draft.ownerUnit.id) ?? 0) + 1);
        for (const [unitId, count] of perUnit) {
          const text = renderDeadline({ periodName: period.name, end, daysLeft, drafts: count });
          const inputs = (await officersOf(strapi, unitId)).map((recipient) => ({
            eventKey: `deadline:${period.id}:${end}:${unitId}`,
            kind: 'deadline_reminder' as const,
            recipient,
            rendered: { ...text, link: portalHomeLink(base) },
          }));
          queued += await strapi.db.transaction(({ trx }) => writeNotifications(context(trx as unknown as Knex, now.getTime()), inputs));
        }
      }
      return queued;
    },

    /**
     * Models waiting at a level (registered, proposed or under review) for more than `days` days since their
     * last transition: one reminder a day to the reviewers of each unit concerned, listing them.
     */
    async remindWaiting(now: Date, days: number): Promise<number> {
      const waiting = (await strapi.db.query(INITIATIVE).findMany({
        where: { reviewState: { $in: WAITING_STATES }, reviewLevel: { id: { $notNull: true } } },
        select: ['id', 'documentId', 'title'],
        populate: { ownerUnit: { select: ['id'] }, reviewLevel: { select: ['code'] } },
      })) as Array<{ id: number; documentId: string; title: string; ownerUnit: { id: number } | null; reviewLevel: { code: string } | null }>;
      if (waiting.length === 0) return 0;
      const tableOf = (uid: string) => (strapi.db.metadata.get(uid as never) as unknown as { tableName: string }).tableName;
      // The last transition of each waiting model, in one grouped query (no list of ids: there may be thousands).
      const last = (await db()(`${tableOf(EVENT)} as e`)
        .join(`${tableOf(INITIATIVE)} as i`, 'i.document_id', 'e.initiative_document_id')
        .whereIn('i.review_state', WAITING_STATES)
        .select('e.initiative_document_id as documentId')
        .max('e.created_at as at')
        .groupBy('e.initiative_document_id')) as Array<{ documentId: string; at: string | number | Date }>;
      const lastAt = new Map(last.map((row) => [row.documentId, toMs(row.at)]));
      // The reviewing unit of an owner at a level, computed once per owner and level.
      const reviewingUnits = new Map<string, number | null>();
      const reviewingUnit = async (ownerId: number, level: string) => {
        const key = `${ownerId}:${level}`;
        if (!reviewingUnits.has(key)) {
          const unit = (await unitService(strapi).ancestorsOf(ownerId)).find((candidate) => candidate.kindCode === level);
          reviewingUnits.set(key, unit?.id ?? null);
        }
        return reviewingUnits.get(key) ?? null;
      };
      const perUnit = new Map<number, Array<{ title: string; waitingDays: number; documentId: string }>>();
      for (const model of waiting) {
        const since = lastAt.get(model.documentId);
        if (since === undefined || !model.ownerUnit || !model.reviewLevel) continue;
        const waitingDays = Math.floor((now.getTime() - since) / DAY_MS);
        if (waitingDays <= days) continue;
        const unitId = await reviewingUnit(model.ownerUnit.id, model.reviewLevel.code);
        if (unitId === null) continue;
        perUnit.set(unitId, [...(perUnit.get(unitId) ?? []), { title: model.title, waitingDays, documentId: model.documentId }]);
      }
      const base = linkBase();
      const today = vietnamDay(now);
      let queued = 0;
      for (const [unitId, models] of perUnit) {
        const text = renderWaiting({ days, models: models.sort((a, b) => b.waitingDays - a.waitingDays) });
        const inputs = (await reviewersOfUnit(strapi, unitId)).map((recipient) => ({
          eventKey: `waiting:${unitId}:${today}`,
          kind: 'waiting_reminder' as const,
          recipient,
          rendered: { ...text, link: adminQueueLink(base) },
        }));
        queued += await strapi.db.transaction(({ trx }) => writeNotifications(context(trx as unknown as Knex, now.getTime()), inputs));
      }
      return queued;
    },

    /**
     * The daily digest: for each person with held e-mails, one e-mail (keyed by person and day, so a
     * second run or instance adds nothing) that takes them over, in one transaction.
     */
    async buildDigests(now: Date): Promise<number> {
      const day = vietnamDay(now);
      const people = (await db()(OUTBOX_TABLE).distinct('recipient_type', 'recipient_id').where({ status: 'held' })) as Array<{
        recipient_type: RecipientType;
        recipient_id: number;
      }>;
      let built = 0;
      for (const person of people) {
        built += await strapi.db.transaction(async ({ trx }) => {
          const knex = trx as unknown as Knex;
          let query = knex(OUTBOX_TABLE)
            .where({ status: 'held', recipient_type: person.recipient_type, recipient_id: person.recipient_id })
            .orderBy('id')
            .select('id', 'subject', 'text', 'to_address');
          // Another instance building the same digest waits here, then finds the rows taken.
          if (strapi.db.dialect.client === 'postgres') query = query.forUpdate();
          const held = (await query) as Array<{ id: number; subject: string; text: string; to_address: string }>;
          if (held.length === 0) return 0;
          const email = toDigestEmail(day, held);
          const key = `digest:${day}:${person.recipient_type}:${person.recipient_id}:${held[0].id}`;
          const ctx = context(knex, now.getTime());
          await knex(OUTBOX_TABLE).insert({
            idempotency_key: key,
            kind: 'digest',
            recipient_type: person.recipient_type,
            recipient_id: Number(person.recipient_id),
            to_address: held[held.length - 1].to_address,
            subject: email.subject,
            text: email.text,
            html: email.html,
            message_id: messageIdFor(key, ctx.mailDomain),
            status: 'pending',
            attempts: 0,
            next_attempt_at: now.getTime(),
            created_at: now.getTime(),
          });
          const digest = (await knex(OUTBOX_TABLE).where({ idempotency_key: key }).first('id')) as { id: number };
          await knex(OUTBOX_TABLE)
            .whereIn(
              'id',
              held.map((row) => row.id)
            )
            .update({ status: 'digested', digest_id: digest.id });
          return 1;
        });
      }
      return built;
    },

    async inbox(person: Person, query: { page: number; pageSize: number; unread?: boolean }): Promise<InboxPage> {
      const base = () => {
        const q = db()(INBOX_TABLE).where({ recipient_type: person.type, recipient_id: person.id });
        return query.unread ? q.whereNull('read_at') : q;
      };
      const [{ total }] = (await base().count({ total: '*' })) as Array<{ total: number | string }>;
      const rows = (await base()
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .select('id', 'kind', 'title', 'body', 'link', 'initiative_document_id', 'created_at', 'read_at')) as InboxRow[];
      const results: NotificationItem[] = rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        title: row.title,
        body: row.body,
        link: row.link,
        initiativeDocumentId: row.initiative_document_id,
        createdAt: iso(row.created_at) as string,
        readAt: iso(row.read_at),
      }));
      const count = Number(total);
      return {
        results,
        unread: await this.unreadCount(person),
        pagination: { page: query.page, pageSize: query.pageSize, total: count, pageCount: Math.ceil(count / query.pageSize) },
      };
    },

    async unreadCount(person: Person): Promise<number> {
      const [{ unread }] = (await db()(INBOX_TABLE)
        .where({ recipient_type: person.type, recipient_id: person.id })
        .whereNull('read_at')
        .count({ unread: '*' })) as Array<{ unread: number | string }>;
      return Number(unread);
    },

    /** Marks some (or all) of a person's notifications read; others' ids are ignored. Returns the unread count. */
    async markRead(person: Person, ids: number[] | 'all', now = Date.now()): Promise<{ unread: number }> {
      let query = db()(INBOX_TABLE).where({ recipient_type: person.type, recipient_id: person.id }).whereNull('read_at');
      if (ids !== 'all') query = query.whereIn('id', ids);
      await query.update({ read_at: now });
      return { unread: await this.unreadCount(person) };
    },

    async preferences(person: Person): Promise<Preferences> {
      const row = await db()(PREFERENCES_TABLE).where({ recipient_type: person.type, recipient_id: person.id }).first();
      const stored = row ? parsePreferences(row) : DEFAULT_PREFERENCES;
      const kinds = KINDS_FOR[person.type];
      return { mutedKinds: stored.mutedKinds.filter((kind) => kinds.includes(kind)), emailMode: stored.emailMode, kinds: [...kinds] };
    },

    async setPreferences(person: Person, input: Omit<Preferences, 'kinds'>, now = Date.now()): Promise<Preferences> {
      const row = {
        recipient_type: person.type,
        recipient_id: person.id,
        muted_kinds: JSON.stringify([...new Set(input.mutedKinds)]),
        email_mode: input.emailMode,
        updated_at: now,
      };
      await db()(PREFERENCES_TABLE).insert(row).onConflict(['recipient_type', 'recipient_id']).merge(['muted_kinds', 'email_mode', 'updated_at']);
      return this.preferences(person);
    },

    /** E-mails given up after the retry limit, newest first. */
    async deadLetters(limit = 100): Promise<DeadLetter[]> {
      const rows = (await db()(OUTBOX_TABLE)
        .where({ status: 'dead' })
        .orderBy('id', 'desc')
        .limit(limit)
        .select('id', 'kind', 'to_address', 'subject', 'attempts', 'last_error', 'created_at')) as Array<{
        id: number;
        kind: string;
        to_address: string;
        subject: string;
        attempts: number;
        last_error: string | null;
        created_at: number | string;
      }>;
      return rows.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        to: row.to_address,
        subject: row.subject,
        attempts: Number(row.attempts),
        lastError: row.last_error,
        createdAt: iso(row.created_at) as string,
      }));
    },

    /** Puts a dead letter back in the queue (after the mail server is fixed); false when it is not dead. */
    async retryDeadLetter(id: number, now = Date.now()): Promise<boolean> {
      const updated = await db()(OUTBOX_TABLE).where({ id, status: 'dead' }).update({ status: 'pending', attempts: 0, next_attempt_at: now });
      return Number(updated) === 1;
    },
  };
};

export default notifications;
export type Notifications = ReturnType<typeof notifications>;
