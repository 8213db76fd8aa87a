/**
 * The e-mail dispatcher: delivers the outbox rows the review engine wrote in
 * its transactions (table dvk_notification_outbox), after commit.
 *
 * Claim. A dispatcher takes a few due rows in one statement that marks them
 * `sending` with a lease (its name and an expiry). On PostgreSQL the rows are
 * picked with `FOR UPDATE SKIP LOCKED`, so several instances claim disjoint
 * rows without waiting on each other; SQLite has a single writer, so one
 * statement is already exclusive. A row is due when it is `pending` and its
 * next attempt time has come, or `sending` with an expired lease (its
 * dispatcher died).
 *
 * Send, then mark. The row is marked `sent` only after the SMTP server
 * accepted the message (its 250 reply to the end of DATA), and only while the
 * lease is still ours. A failure puts it back to `pending` with exponential
 * backoff, or `dead` past the retry limit (listed to admins, who can queue it
 * again).
 *
 * A crash between sending and marking. Nothing is lost: the row stays
 * `sending` and is claimed again when its lease expires. What is sent twice
 * depends on where the crash falls:
 * - before the SMTP server's final 250 (the usual case: a dispatcher dies
 *   while talking to the server), the server discards the unfinished message
 *   (SMTP delivers only a completed DATA transaction), so the new attempt is
 *   the only delivery;
 * - in the few milliseconds after the 250 and before the UPDATE commits, the
 *   message was delivered and will be sent again. No protocol closes that
 *   window (the server's acceptance and our database cannot commit together);
 *   the second copy carries the same Message-ID, derived from the row's
 *   idempotency key, which mail stores and clients use to recognise a
 *   duplicate. This is at-least-once delivery with a stable Message-ID, not a
 *   promise that two copies can never leave.
 * The lease (default 5 minutes) is longer than the transport's timeouts
 * (config/plugins.ts), so a slow but live dispatcher is never overtaken.
 *
 * Pure: a knex, a send function and a clock, so the application runs it on
 * a timer and the tests run it in a child process they kill.
 */
import crypto from 'crypto';
import os from 'os';

import type { Knex } from 'knex';

export const OUTBOX_TABLE = 'dvk_notification_outbox';

export type OutgoingMail = { to: string; subject: string; text: string; html: string; messageId: string };

export type DispatcherOptions = {
  knex: Knex;
  send: (mail: OutgoingMail) => Promise<unknown>;
  /** Epoch milliseconds; tests pass a controlled clock. */
  now?: () => number;
  /** Name written into the lease; unique per dispatcher. */
  owner?: string;
  batchSize?: number;
  leaseMs?: number;
  /** Attempts before a row is dead. */
  maxAttempts?: number;
  /** The first retry waits this long, each next one twice as long, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  log?: { warn(message: string): void; error(message: string): void };
};

export type ClaimedRow = {
  id: number;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  message_id: string;
  attempts: number;
};

export type RunResult = { claimed: number; sent: number; retried: number; dead: number; lost: number };

export const backoffMs = (attempts: number, base: number, max: number): number => Math.min(max, base * 2 ** Math.max(0, attempts - 1));

const isPostgres = (knex: Knex) => (knex.client as { dialect?: string }).dialect === 'postgresql';

export function createDispatcher(options: DispatcherOptions) {
  const { knex, send } = options;
  const now = options.now ?? Date.now;
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 5 * 60 * 1000;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 60 * 1000;
  const maxDelayMs = options.maxDelayMs ?? 6 * 60 * 60 * 1000;
  const log = options.log ?? { warn: () => undefined, error: () => undefined };

  /** Takes up to batchSize due rows, marking them ours for leaseMs. */
  async function claim(): Promise<ClaimedRow[]> {
    const at = now();
    const lock = isPostgres(knex) ? 'FOR UPDATE SKIP LOCKED' : '';
    const result = await knex.raw(
      `UPDATE ${OUTBOX_TABLE}
          SET status = 'sending', lease_owner = ?, lease_until = ?, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM ${OUTBOX_TABLE}
           WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until <= ?)
           ORDER BY id
           LIMIT ? ${lock})
        RETURNING id, to_address, subject, text, html, message_id, attempts`,
      [owner, at + leaseMs, at, at, batchSize]
    );
    const rows = (isPostgres(knex) ? (result as { rows: ClaimedRow[] }).rows : (result as ClaimedRow[])) ?? [];
    return rows.map((row) => ({ ...row, id: Number(row.id), attempts: Number(row.attempts) })).sort((a, b) => a.id - b.id);
  }

  /** Changes a row we still hold; false when our lease was lost (another dispatcher took it over). */
  async function settle(id: number, data: Record<string, unknown>): Promise<boolean> {
    const updated = await knex(OUTBOX_TABLE).where({ id, status: 'sending', lease_owner: owner }).update({ ...data, lease_owner: null, lease_until: null });
    return Number(updated) === 1;
  }

  async function deliver(row: ClaimedRow, result: RunResult): Promise<void> {
    try {
      await send({ to: row.to_address, subject: row.subject, text: row.text, html: row.html, messageId: row.message_id });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      if (row.attempts >= maxAttempts) {
        if (await settle(row.id, { status: 'dead', last_error: message })) result.dead += 1;
        log.error(`Notification e-mail #${row.id} to ${row.to_address} given up after ${row.attempts} attempts: ${message}`);
      } else {
        const delay = backoffMs(row.attempts, baseDelayMs, maxDelayMs);
        if (await settle(row.id, { status: 'pending', last_error: message, next_attempt_at: now() + delay })) result.retried += 1;
        log.warn(`Notification e-mail #${row.id} to ${row.to_address} failed (attempt ${row.attempts}), retried in ${Math.round(delay / 1000)} s: ${message}`);
      }
      return;
    }
    if (await settle(row.id, { status: 'sent', sent_at: now(), last_error: null })) result.sent += 1;
    else result.lost += 1;
  }

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunResult> | null = null;
  let stopped = false;
  let tick: (() => void) | null = null;

  return {
    owner,
    claim,

    /** One pass: claims due rows and delivers them, until none is due (or `maxBatches` passes). */
    async runOnce({ maxBatches = 50 } = {}): Promise<RunResult> {
      const result: RunResult = { claimed: 0, sent: 0, retried: 0, dead: 0, lost: 0 };
      for (let batch = 0; batch < maxBatches && !stopped; batch += 1) {
        const rows = await claim();
        if (rows.length === 0) break;
        result.claimed += rows.length;
        for (const row of rows) await deliver(row, result);
      }
      return result;
    },

    /** Runs a pass every `intervalMs` (never two at once) until stop(). */
    start(intervalMs: number): void {
      stopped = false;
      tick = () => {
        if (stopped) return;
        running = this.runOnce().catch((error: unknown) => {
          log.error(`Notification dispatcher: ${error instanceof Error ? error.message : String(error)}`);
          return { claimed: 0, sent: 0, retried: 0, dead: 0, lost: 0 };
        });
        void running.finally(() => {
          running = null;
          if (!stopped && tick) timer = setTimeout(tick, intervalMs);
        });
      };
      timer = setTimeout(tick, 0);
    },

    /** Runs the next pass now rather than at the next interval (after a decision committed); no-op while one runs. */
    wake(): void {
      if (stopped || running || !tick || !timer) return;
      clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },

    /** Stops the timer and waits for the pass in progress (its claimed rows are settled). */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      if (running) await running;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
