/**
 * Records for the years a province digitises: provincial staff with the
 * recording permission register a model on a unit's behalf in any period
 * (the registration window does not apply), and, once a period's
 * registration has closed, record the outcome that happened on paper —
 * recognised at a level by a decision (number and date), or not recognised —
 * without replaying every step. Each is one transaction, audited as
 * "recorded" with the person and the reason, and moves the model exactly as
 * a live review would (state, levels, review path), so the statistics and the
 * funnel count it the same way. The XLSX import plans a whole file with the
 * same rules (`planOutcome`, `checkDecision`; see import/bulk.ts).
 */
import type { Core } from '@strapi/strapi';

import { windowState, vietnamDay } from '../../../shared/registration-window';
import { higherLevel, type State } from '../../../shared/workflow';
import { badRequest, conflict, notFound } from '../errors';
import { messages } from '../messages';
import { announce, apply, ownerChain, parsePath, type TransitionOutcome } from './engine';
import { currentRound, DECISION, EVENT, INITIATIVE, loadInitiative, type Level, type LoadedInitiative } from './model';
import type { Actor } from './scope';

type Knex = Core.Strapi['db']['connection'];

/** An outcome on paper: recognised at a level by a decision, or not recognised there. */
export type RecordedOutcome = {
  result: 'recognized' | 'not_recognized';
  /** The unit kind code of the level that decided. */
  level: string;
  decisionNumber?: string | null;
  /** YYYY-MM-DD: the day the decision was signed. */
  decisionDate?: string | null;
  signer?: string | null;
  reason: string;
};

/** A model as the paper records give it; relations by documentId. */
export type RecordedModel = {
  ownerUnit: string;
  period: string;
  title: string;
  summary?: string | null;
  content?: string | null;
  results?: string | null;
  field?: string | null;
  localityUnit?: string | null;
  subjectType?: 'collective' | 'individual';
  personName?: string | null;
  personPosition?: string | null;
  origin?: 'new' | 'replicated' | 'continuing';
  replicatedFrom?: string | null;
  replicatedSourceName?: string | null;
  replicatedSourceUnit?: string | null;
  continuedFrom?: string | null;
  indicators?: Array<{ label: string; value: number; unit?: string | null }>;
};

export type RecordedRegistration = RecordedModel & { reason: string; outcome?: Omit<RecordedOutcome, 'reason'> & { reason?: string | null } };

export type RecordResult = { documentId: string; state: string; version: number; level: string | null; recognitionLevel: string | null };

/** Paper outcomes are recorded once the period's registration has closed (or, with no closing date, after its year). */
function periodClosed(initiative: LoadedInitiative, at: Date): boolean {
  const period = initiative.period;
  if (!period) return false;
  if (period.registrationEnd) return windowState(period, at) === 'closed';
  return period.year < Number(vietnamDay(at).slice(0, 4));
}

const REGISTERED: ReadonlySet<State> = new Set(['submitted', 'under_review', 'returned', 'recognized', 'not_recognized', 'proposed']);

/** A decision as stored: the day it was signed and the level that issued it. */
export type StoredDecision = { id: number; date: unknown; levelCode: string | null };

/** A stored date column as YYYY-MM-DD, whichever form the database driver returns. */
const dayOf = (stored: unknown): string =>
  stored instanceof Date
    ? `${stored.getFullYear()}-${String(stored.getMonth() + 1).padStart(2, '0')}-${String(stored.getDate()).padStart(2, '0')}`
    : String(stored).slice(0, 10);

/** A paper outcome naming a decision already recorded must give its day and level: 409 otherwise. */
export function checkDecision(existing: StoredDecision, outcome: RecordedOutcome, level: Level): void {
  const number = outcome.decisionNumber?.trim() ?? '';
  if (dayOf(existing.date) !== outcome.decisionDate || (existing.levelCode && existing.levelCode !== level.code)) {
    throw conflict(messages.recordDecisionMismatch(number), { decisionNumber: number });
  }
}

/** What a new decision recorded from paper holds. */
export const paperDecision = (outcome: RecordedOutcome, level: Level) => ({
  number: outcome.decisionNumber?.trim() ?? '',
  date: outcome.decisionDate as string,
  signer: outcome.signer?.trim() || messages.recordUnknownSigner,
  levelCode: level.code,
  note: messages.recordDecisionNote,
});

/** The decision a paper outcome refers to: the one with that number, or a new one. */
async function decisionFor(strapi: Core.Strapi, outcome: RecordedOutcome, level: Level): Promise<number | null> {
  const number = outcome.decisionNumber?.trim();
  if (!number || !outcome.decisionDate) return null;
  const existing = (await strapi.db.query(DECISION).findOne({ where: { number }, select: ['id', 'date', 'levelCode'] })) as StoredDecision | null;
  if (existing) {
    checkDecision(existing, outcome, level);
    return existing.id;
  }
  const created = (await strapi.db.query(DECISION).create({ data: { ...paperDecision(outcome, level), initiatives: [] } })) as { id: number };
  return created.id;
}

/** Where a paper outcome takes a registered model: checked against every rule, computed without writing. */
export type OutcomePlan = {
  state: State;
  /** The deciding level. */
  level: Level;
  recognitionLevel: Level | null;
  /** The levels entered, as the stored review path. */
  path: string;
  /** The start of the decision's day in Vietnam, when recognised. */
  recognizedAt: Date | null;
};

/**
 * The paper outcome's effect on a registered model of a closed period, given
 * the owner's chain; throws the refusal (a ReviewError) when a rule forbids it.
 * The records path applies it to one model; the XLSX import plans a whole file with it.
 */
export function planOutcome(initiative: LoadedInitiative, chain: Level[], outcome: RecordedOutcome, at: Date): OutcomePlan {
  if (!REGISTERED.has(initiative.reviewState)) throw conflict(messages.recordNotRegistered, { state: initiative.reviewState });
  if (!periodClosed(initiative, at)) throw conflict(messages.recordPeriodOpen);

  const target = chain.findIndex((level) => level.code === outcome.level);
  if (target < 0) throw badRequest(messages.recordLevelNotInChain(outcome.level), { field: 'level' });
  const level = chain[target];
  const currentIndex = initiative.reviewLevel ? chain.findIndex((entry) => entry.id === initiative.reviewLevel?.id) : 0;
  // The records add what happened later on paper; they never take back what the system recorded.
  if (target < currentIndex) throw conflict(messages.recordBelowCurrent);
  if (target === currentIndex && (initiative.reviewState === 'recognized' || initiative.reviewState === 'not_recognized')) {
    throw conflict(messages.recordAlreadyDecided);
  }
  if (outcome.result === 'recognized' && (!outcome.decisionNumber?.trim() || !outcome.decisionDate)) {
    throw badRequest(messages.recordDecisionRequired, { field: 'decisionNumber' });
  }

  // The levels entered: those already recorded, then every level of the owner's chain up to the deciding one.
  const path = parsePath(initiative.reviewPath);
  const entered = path.length > 0 ? path : [chain[0].id];
  const from = chain.findIndex((entry) => entry.id === entered[entered.length - 1]);
  const nextPath = [...entered, ...chain.slice(Math.max(from, 0) + 1, target + 1).map((entry) => entry.id)];
  // A level left for a higher one recognised the model first; the deciding level recognises it or not.
  const passedBelow = target > 0 ? chain[target - 1].code : null;
  const codes = chain.map((entry) => entry.code);
  let recognition = higherLevel(codes, initiative.recognitionLevel?.code ?? null, target > Math.max(currentIndex, 0) ? passedBelow : null);
  if (outcome.result === 'recognized') recognition = higherLevel(codes, recognition, level.code);
  return {
    state: outcome.result === 'recognized' ? 'recognized' : 'not_recognized',
    level,
    recognitionLevel: chain.find((entry) => entry.code === recognition) ?? initiative.recognitionLevel,
    path: nextPath.join(','),
    // Recognised on the day the decision was signed, as a batch decision is (start of that day in Vietnam).
    recognizedAt: outcome.result === 'recognized' ? new Date(`${outcome.decisionDate}T00:00:00+07:00`) : null,
  };
}

/** Moves a registered model to the paper outcome inside the caller's transaction. */
async function applyOutcome(strapi: Core.Strapi, trx: Knex, documentId: string, actor: Actor, outcome: RecordedOutcome): Promise<TransitionOutcome> {
  if (strapi.db.dialect.client === 'postgres') {
    // Serialise with any live decision on the same model.
    const table = (strapi.db.metadata.get(INITIATIVE as never) as unknown as { tableName: string }).tableName;
    await trx(table).where({ document_id: documentId }).forUpdate().select('id');
  }
  const initiative = await loadInitiative(strapi, { documentId });
  if (!initiative) throw notFound(messages.notFound);
  const plan = planOutcome(initiative, await ownerChain(strapi, initiative), outcome, new Date());
  const { state, level, recognitionLevel } = plan;
  const decisionId = await decisionFor(strapi, outcome, level);
  const nextVersion = initiative.version + 1;
  const { count } = await strapi.db.query(INITIATIVE).updateMany({
    where: { id: initiative.id, version: initiative.version },
    data: {
      reviewState: state,
      version: nextVersion,
      reviewPath: plan.path,
      updatedAt: new Date(),
      ...(plan.recognizedAt ? { recognizedAt: plan.recognizedAt } : {}),
    },
  });
  if (Number(count) !== 1) throw conflict(messages.staleVersion);
  await strapi.db.query(INITIATIVE).update({
    where: { id: initiative.id },
    data: { reviewLevel: level.id, recognitionLevel: recognitionLevel?.id ?? null },
  });
  if (decisionId !== null && outcome.result === 'recognized') {
    await strapi.db.query(DECISION).update({ where: { id: decisionId }, data: { initiatives: { connect: [initiative.id] } } });
  }
  await strapi.db.query(EVENT).create({
    data: {
      initiative: initiative.id,
      initiativeDocumentId: initiative.documentId,
      initiativeTitle: initiative.title,
      action: outcome.result === 'recognized' ? 'recognize' : 'decline',
      fromState: initiative.reviewState,
      toState: state,
      levelCode: level.code,
      levelName: level.name,
      round: await currentRound(strapi, initiative.id),
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      actorUnitName: actor.unitName,
      reason: outcome.reason,
      decision: decisionId,
      version: nextVersion,
      recorded: true,
    },
  });
  return {
    documentId: initiative.documentId,
    action: outcome.result === 'recognized' ? 'recognize' : 'decline',
    fromState: initiative.reviewState,
    state,
    version: nextVersion,
    level: level.code,
    recognitionLevel: recognitionLevel?.code ?? null,
  };
}

const resultOf = (outcome: TransitionOutcome): RecordResult => ({
  documentId: outcome.documentId,
  state: outcome.state,
  version: outcome.version,
  level: outcome.level,
  recognitionLevel: outcome.recognitionLevel,
});

/**
 * Registers a model on a unit's behalf inside the caller's transaction and
 * returns the transitions made, for the caller to announce after its commit.
 */
async function registerWithin(strapi: Core.Strapi, trx: Knex, actor: Actor, input: RecordedRegistration): Promise<{ documentId: string; outcomes: TransitionOutcome[] }> {
  const { reason, outcome, ...model } = input;
  const unit = (await strapi.db.query('api::unit.unit').findOne({ where: { documentId: model.ownerUnit }, select: ['id'] })) as { id: number } | null;
  if (!unit) throw badRequest(messages.recordUnitNotFound, { field: 'ownerUnit' });
  const created = (await strapi.documents(INITIATIVE).create({ data: model as never })) as unknown as { id: number; documentId: string };
  const outcomes: TransitionOutcome[] = [];
  outcomes.push(await apply(strapi, trx, created.documentId, actor, { action: 'submit', version: 0, reason }, { onBehalf: true }));
  if (outcome) {
    outcomes.push(await applyOutcome(strapi, trx, created.documentId, actor, { ...outcome, reason: outcome.reason?.trim() || reason }));
  }
  return { documentId: created.documentId, outcomes };
}

const records = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Registers a model on a unit's behalf in any period, and records its
   * paper outcome when given: all of it or nothing.
   */
  async register(actor: Actor, input: RecordedRegistration): Promise<RecordResult> {
    const { outcomes } = await strapi.db.transaction(({ trx }) => registerWithin(strapi, trx as unknown as Knex, actor, input));
    await announce(strapi, outcomes);
    return resultOf(outcomes[outcomes.length - 1]);
  },

  /** Records the paper outcome of a registered model of a closed period. */
  async recordOutcome(actor: Actor, documentId: string, outcome: RecordedOutcome): Promise<RecordResult> {
    const result = await strapi.db.transaction(({ trx }) => applyOutcome(strapi, trx as unknown as Knex, documentId, actor, outcome));
    await announce(strapi, [result]);
    return resultOf(result);
  },
});

export default records;
export type Records = ReturnType<typeof records>;
