/**
 * The workflow engine: the only code that changes an initiative's review
 * state. Every transition is one transaction: lock → guard → state change →
 * criteria snapshot → audit event. A version number gives optimistic
 * concurrency: a decision based on a stale version gets 409.
 */
import type { Core } from '@strapi/strapi';

import { windowState } from '../../../shared/registration-window';
import { ACTION_ROLE, REASON_REQUIRED, transition, type Action, type Position, type State } from '../../../shared/workflow';
import { badRequest, conflict, forbidden, notFound, ReviewError } from '../errors';
import { ACTION_LABELS, messages, STATE_LABELS } from '../messages';
import {
  ASSESSMENT,
  chainOf,
  currentRound,
  DECISION,
  EVENT,
  INITIATIVE,
  loadInitiative,
  type Level,
  type LoadedInitiative,
} from './model';
import { ownerAncestors, reviewerMayAct, type Actor } from './scope';
import type { Notifications } from '../notifications/service';

const notificationsOf = (strapi: Core.Strapi) => strapi.plugin('review').service('notifications') as Notifications;

type Knex = Core.Strapi['db']['connection'];

/** Emitted on Strapi's event hub after a transition (or a batch) is committed. */
export const TRANSITION_EVENT = 'review.transition';

export type DecisionInput = {
  action: Action;
  version: number;
  reason?: string | null;
};

export type TransitionOutcome = {
  documentId: string;
  action: Action;
  fromState: string;
  state: string;
  version: number;
  level: string | null;
  recognitionLevel: string | null;
};

/** The initiatives table, for the row lock. */
const initiativeTable = (strapi: Core.Strapi): string => (strapi.db.metadata.get(INITIATIVE as never) as unknown as { tableName: string }).tableName;

/** The owner's chain: the period's levels that have a unit above the owner (a unit never reviews itself). */
export async function ownerChain(strapi: Core.Strapi, initiative: LoadedInitiative): Promise<Level[]> {
  const kinds = new Set((await ownerAncestors(strapi, initiative)).map((unit) => unit.kindCode));
  return chainOf(initiative).filter((level) => kinds.has(level.code));
}

/** What a model needs before it can be registered; `anyPeriod` (registration on a unit's behalf) ignores the window. */
export function guardSubmission(initiative: LoadedInitiative, firstSubmission: boolean, { anyPeriod = false } = {}): void {
  const missing: string[] = [];
  if (!initiative.title?.trim()) missing.push('title');
  if (!initiative.summary?.trim()) missing.push('summary');
  if (!initiative.field) missing.push('field');
  if (!initiative.ownerUnit) missing.push('ownerUnit');
  if (!initiative.period) missing.push('period');
  if (initiative.subjectType === 'individual' && !initiative.personName?.trim()) missing.push('personName');
  if (missing.length > 0) throw badRequest(messages.missingFields(missing), { missing });

  const period = initiative.period;
  if (firstSubmission && period && !anyPeriod) {
    const window = windowState(period, new Date());
    if (window === 'not_open') throw badRequest(messages.registrationNotOpen(period.registrationStart ?? ''));
    if (window === 'closed') throw badRequest(messages.registrationClosed(period.registrationEnd ?? ''));
  }
  if (!criteriaSetFor(initiative)) throw badRequest(messages.noCriteriaSet);
}

/** The period's criteria set for the model's subject type: what its assessment rows are copied from. */
export const criteriaSetFor = (initiative: LoadedInitiative) =>
  (initiative.period?.criteriaSets ?? []).find((set) => set.subjectType === initiative.subjectType) ?? null;

type AssessmentRow = { code: string; required: boolean | null; result: string | null };

/** Recognition needs every required criterion of the current round met. */
async function guardCriteria(strapi: Core.Strapi, initiative: LoadedInitiative, level: string, round: number): Promise<void> {
  const rows = (await strapi.db.query(ASSESSMENT).findMany({
    where: { initiative: { id: initiative.id }, round, levelCode: level },
    select: ['code', 'required', 'result'],
    orderBy: { order: 'asc' },
  })) as AssessmentRow[];
  const unmet = rows.filter((row) => row.required !== false && row.result !== 'met').map((row) => row.code);
  if (rows.length === 0 || unmet.length > 0) {
    throw badRequest(messages.unmetCriteria(unmet.length > 0 ? unmet : ['(chưa có tiêu chí)']), { unmetCriteria: unmet });
  }
}

/** Copies the criteria set in force into assessment rows for a new round at a level. */
async function snapshotCriteria(strapi: Core.Strapi, initiative: LoadedInitiative, level: string, round: number): Promise<void> {
  const set = criteriaSetFor(initiative);
  if (!set) throw badRequest(messages.noCriteriaSet);
  for (const [order, criterion] of (set.criteria ?? []).entries()) {
    await strapi.db.query(ASSESSMENT).create({
      data: {
        initiative: initiative.id,
        round,
        levelCode: level,
        criteriaSetName: set.name,
        guidelineNumber: set.guidelineNumber,
        code: criterion.code,
        text: criterion.text,
        required: criterion.required !== false,
        maxScore: criterion.maxScore,
        order,
      },
    });
  }
}

/** The engine's answer to a transition the workflow refuses: a period without a review chain, no level above the owner, or a step not allowed now. */
export const refusal = (initiative: LoadedInitiative, code: string, action: Action, state: string): ReviewError => {
  if (code === 'empty_chain' && chainOf(initiative).length === 0) return badRequest(messages.emptyChain);
  if (code === 'empty_chain') return badRequest(messages.noReviewLevel);
  if (code === 'top_level') return conflict(messages.topLevel);
  return conflict(messages.notAllowed(ACTION_LABELS[action] ?? action, STATE_LABELS[state as State] ?? state), { state });
};

/** A stored review path ("3,2": unit kind ids of the levels entered, in order) as ids. */
export const parsePath = (path: string | null | undefined): number[] =>
  (path ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number);

/**
 * The levels a model has entered after a transition: a first submission
 * starts the path at its entry level, a proposal adds the next level, a
 * returned model submitted again stays on its level.
 */
export function nextPath(
  initiative: LoadedInitiative,
  from: Position,
  result: Extract<ReturnType<typeof transition>, { ok: true }>,
  levelId: number | null
): string | null {
  const path = parsePath(initiative.reviewPath);
  if (!result.entersLevel || levelId === null) return initiative.reviewPath ?? null;
  if (from.state === 'draft') return String(levelId);
  return (path[path.length - 1] === levelId ? path : [...path, levelId]).join(',');
}

export type ApplyOptions = {
  decisionId?: number | null;
  /** Registration on a unit's behalf by provincial staff: any period, audited as recorded. */
  onBehalf?: boolean;
  /** When the recognition happened, if not now: a batch decision's date. */
  recognizedAt?: Date;
};

/**
 * Applies one transition inside the caller's transaction. Throws a
 * ReviewError (and so rolls the transaction back) on any refusal.
 */
export async function apply(
  strapi: Core.Strapi,
  trx: Knex,
  documentId: string,
  actor: Actor,
  input: DecisionInput,
  options: ApplyOptions = {}
): Promise<TransitionOutcome> {
  // Lock the row so two deciders serialise on it (PostgreSQL; SQLite writes are serial anyway).
  if (strapi.db.dialect.client === 'postgres') {
    await trx(initiativeTable(strapi)).where({ document_id: documentId }).forUpdate().select('id');
  }
  const initiative = await loadInitiative(strapi, { documentId });
  if (!initiative) throw notFound(messages.notFound);

  const { action } = input;
  if (options.onBehalf) {
    // The caller checked the recording permission; only a registration is made this way.
    if (action !== 'submit' || actor.type !== 'admin') throw notFound(messages.notFound);
  } else if (ACTION_ROLE[action] === 'officer') {
    if (actor.type !== 'officer' || initiative.ownerUnit?.id !== actor.unitId) throw notFound(messages.notFound);
  } else {
    if (actor.type !== 'admin') throw notFound(messages.notFound);
    if (initiative.ownerUnit?.id === actor.unitId) throw forbidden(messages.conflictOfInterest);
    if (!(await reviewerMayAct(strapi, actor, initiative))) throw notFound(messages.notFound);
  }

  if (input.version !== initiative.version) {
    throw conflict(messages.staleVersion, { currentVersion: initiative.version });
  }

  // A model missing what registration needs gets the list of what is missing, before any chain logic.
  if (action === 'submit') guardSubmission(initiative, initiative.reviewState === 'draft', { anyPeriod: options.onBehalf });

  const chain = await ownerChain(strapi, initiative);
  const from: Position = {
    state: initiative.reviewState,
    level: initiative.reviewLevel?.code ?? null,
    recognitionLevel: initiative.recognitionLevel?.code ?? null,
  };
  const result = transition(
    chain.map((level) => level.code),
    from,
    action
  );
  if (!result.ok) throw refusal(initiative, result.code, action, from.state);

  const reason = input.reason?.trim() || null;
  if (REASON_REQUIRED.has(action) && !reason) throw badRequest(messages.reasonRequired, { field: 'reason' });

  let round = await currentRound(strapi, initiative.id);
  if (action === 'recognize' && from.level) await guardCriteria(strapi, initiative, from.level, round);

  const next = result.next;
  const levelOf = (code: string | null) => chain.find((level) => level.code === code) ?? null;
  const nextVersion = initiative.version + 1;
  const recognisedNow = action === 'recognize';
  const path = nextPath(initiative, from, result, levelOf(next.level)?.id ?? null);
  // Through the query engine (not raw SQL) so its lifecycles see the change: the statistics cube follows every transition.
  const { count: updated } = await strapi.db.query(INITIATIVE).updateMany({
    where: { id: initiative.id, version: initiative.version },
    data: {
      reviewState: next.state,
      version: nextVersion,
      reviewPath: path,
      updatedAt: new Date(),
      ...(recognisedNow ? { recognizedAt: options.recognizedAt ?? new Date() } : {}),
    },
  });
  if (Number(updated) !== 1) throw conflict(messages.staleVersion);

  const relationChanges: Record<string, number | null> = {};
  if (next.level !== from.level) relationChanges.reviewLevel = levelOf(next.level)?.id ?? null;
  if (next.recognitionLevel !== from.recognitionLevel) relationChanges.recognitionLevel = levelOf(next.recognitionLevel)?.id ?? null;
  if (Object.keys(relationChanges).length > 0) {
    await strapi.db.query(INITIATIVE).update({ where: { id: initiative.id }, data: relationChanges });
  }

  if (result.entersLevel && next.level) {
    round += 1;
    await snapshotCriteria(strapi, initiative, next.level, round);
  }

  const eventLevel = levelOf(next.level) ?? levelOf(from.level);
  const event = (await strapi.db.query(EVENT).create({
    data: {
      initiative: initiative.id,
      initiativeDocumentId: initiative.documentId,
      initiativeTitle: initiative.title,
      action,
      fromState: from.state,
      toState: next.state,
      levelCode: eventLevel?.code ?? null,
      levelName: eventLevel?.name ?? null,
      round,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      actorUnitName: actor.unitName,
      reason,
      decision: options.decisionId ?? null,
      version: nextVersion,
      recorded: Boolean(options.onBehalf),
    },
  })) as { id: number };

  // Who must hear of it, in this transaction: the notifications exist exactly when the decision does.
  // A batch writes its own (one decision), and a registration recorded from paper tells no one.
  if (!options.onBehalf && options.decisionId == null) {
    const decidedAt = action === 'recognize' ? levelOf(next.recognitionLevel) : eventLevel;
    await notificationsOf(strapi).onTransition(trx, {
      eventId: event.id,
      action,
      initiative,
      actorUnitName: actor.unitName,
      reason,
      level: decidedAt ? { code: decidedAt.code, name: decidedAt.name } : null,
    });
  }

  return {
    documentId: initiative.documentId,
    action,
    fromState: from.state,
    state: next.state,
    version: nextVersion,
    level: next.level,
    recognitionLevel: next.recognitionLevel,
  };
}

/**
 * Tells other modules (the public API cache) about committed transitions, and
 * waits for them: the answer to a decision is sent only once the public pages
 * it changes are invalidated. Their failure is logged, never turned into a
 * failed decision: the transaction has already committed.
 */
export async function announce(strapi: Core.Strapi, outcomes: TransitionOutcome[]): Promise<void> {
  try {
    await strapi.eventHub.emit(TRANSITION_EVENT, { outcomes });
  } catch (error) {
    strapi.log.error(`After a committed review decision: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export type BatchInput = {
  number: string;
  date: string;
  signer: string;
  note?: string | null;
  signedFile?: number | null;
  items: Array<{ documentId: string; version: number }>;
};

export type BatchItemError = { documentId: string; status: number; message: string; details: Record<string, unknown> };

const engine = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** One decision on one initiative, all-or-nothing. */
  async decide(documentId: string, actor: Actor, input: DecisionInput): Promise<TransitionOutcome> {
    const outcome = await strapi.db.transaction(({ trx }) => apply(strapi, trx as unknown as Knex, documentId, actor, input));
    await announce(strapi, [outcome]);
    return outcome;
  },

  /**
   * A leadership meeting's batch decision: one decision record recognising
   * every listed initiative at the top level, each checked against every
   * rule. Any refusal rolls back the whole batch and lists every failure.
   */
  async batchRecognize(actor: Actor, input: BatchInput): Promise<{ decisionId: number; outcomes: TransitionOutcome[] }> {
    // Models are recognised on the day the leadership signed, not the day the decision was entered
    // (a province digitising 2022's decisions in 2026): the start of that day in Vietnam.
    const decisionDay = new Date(`${input.date}T00:00:00+07:00`);
    const result = await strapi.db.transaction(async ({ trx }) => {
      const decision = (await strapi.db.query(DECISION).create({
        data: {
          number: input.number,
          date: input.date,
          signer: input.signer,
          note: input.note ?? null,
          signedFile: input.signedFile ?? null,
          levelCode: actor.levelCode,
          initiatives: [],
        },
      })) as { id: number };

      const outcomes: TransitionOutcome[] = [];
      const recognisedIds: number[] = [];
      const recognised: Array<{ documentId: string; title: string; ownerUnitId: number | null }> = [];
      const failures: BatchItemError[] = [];
      for (const item of input.items) {
        try {
          const initiative = await loadInitiative(strapi, { documentId: item.documentId });
          const chain = initiative ? chainOf(initiative) : [];
          if (initiative && chain[chain.length - 1]?.code !== actor.levelCode) throw badRequest(messages.batchNotTopLevel);
          let version = item.version;
          if (initiative?.reviewState === 'proposed' || initiative?.reviewState === 'submitted') {
            const started = await apply(strapi, trx as unknown as Knex, item.documentId, actor, { action: 'start_review', version }, { decisionId: decision.id });
            version = started.version;
          }
          outcomes.push(
            await apply(strapi, trx as unknown as Knex, item.documentId, actor, { action: 'recognize', version }, { decisionId: decision.id, recognizedAt: decisionDay })
          );
          if (initiative) {
            recognisedIds.push(initiative.id);
            recognised.push({ documentId: initiative.documentId, title: initiative.title, ownerUnitId: initiative.ownerUnit?.id ?? null });
          }
        } catch (error) {
          if (!(error instanceof ReviewError)) throw error;
          failures.push({ documentId: item.documentId, status: error.status, message: error.message, details: error.details });
        }
      }
      if (failures.length > 0) throw badRequest(messages.batchItemsFailed, { items: failures });

      await strapi.db.query(DECISION).update({
        where: { id: decision.id },
        data: { initiatives: recognisedIds },
      });
      await notificationsOf(strapi).onBatch(trx as unknown as Knex, {
        decisionId: decision.id,
        number: input.number,
        date: input.date,
        signer: input.signer,
        models: recognised,
      });
      return { decisionId: decision.id, outcomes };
    });
    await announce(strapi, result.outcomes);
    return result;
  },
});

export default engine;
export type Engine = ReturnType<typeof engine>;
