/**
 * The XLSX import's registrations, planned and written in bulk rather than
 * row by row through the records path (about 70 statements a row there; a
 * few dozen per 500 rows here).
 *
 * Both work a chunk of rows at a time (the file is never held whole), with
 * the state a file needs kept between chunks: periods, owners' chains and
 * decision numbers for the planner; slugs, decision ids and their order for
 * the writer.
 *
 * - Planning decides, without writing, what the records path would do with
 *   each row — the same rules, guard, workflow transition, outcome plan and
 *   decision check (imported from the engine and the records path, not
 *   re-implemented) — and collects every refusal by row. A dry run stops there.
 * - Writing inserts the planned rows with set-based SQL inside the caller's
 *   transaction: the models in their final state, their relation links, the
 *   criteria snapshots, the audit events (import, registration, outcome, in
 *   that order), the paper decisions and their links, and the import
 *   references. Then the statistics counts and the public versions follow,
 *   as the query-engine lifecycles would have made them.
 *
 * tests/integration/review-import-parity.test.ts imports a file and
 * registers the same models through the records path, and compares every
 * row each one wrote.
 */
import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';

import { transition, type Position, type State } from '../../../../shared/workflow';
import { badRequest, ReviewError } from '../../errors';
import { criteriaSetFor, guardSubmission, nextPath, ownerChain, refusal, type TransitionOutcome } from '../engine';
import { ASSESSMENT, DECISION, EVENT, INITIATIVE, loadPeriods, type Criterion, type Level, type LoadedInitiative, type LoadedPeriod } from '../model';
import { checkDecision, paperDecision, planOutcome, type OutcomePlan, type RecordedOutcome, type RecordedRegistration, type StoredDecision } from '../records';
import type { Actor } from '../scope';

type Knex = Core.Strapi['db']['connection'];

/** Created by database/migrations/2026.12.02T00.00.05.import-rows.ts. */
export const IMPORT_ROWS = 'dvk_import_rows';

/** Rows planned and written per round of statements: bounds the memory a 50,000-row file needs. */
export const CHUNK = 500;
/** Bound parameters per INSERT statement (SQLite allows 32,766, PostgreSQL 65,535). */
const MAX_PARAMETERS = 16_000;
/** Rows per INSERT statement: knex writes SQLite's as one compound SELECT, limited to 500 terms. */
const MAX_ROWS_PER_INSERT = 500;

/** A row of the file that passed the cell checks. */
export type Candidate = {
  row: number;
  reference: string;
  draft: boolean;
  unit: { id: number; documentId: string; name: string; validFrom: string | null; validTo: string | null };
  periodId: number;
  field: { id: number; name: string } | null;
  registration: Omit<RecordedRegistration, 'reason'>;
  /** The audit reason: the file, the row and the person. */
  reason: string;
};

/** The registration a row gets (none for a draft). */
type SubmitPlan = {
  state: State;
  level: Level | null;
  recognitionLevel: Level | null;
  path: string | null;
  /** The review round it starts (0: none). */
  round: number;
  eventLevel: Level | null;
  snapshot: { name: string; guidelineNumber: string | null; criteria: Criterion[] } | null;
};

/** A paper decision by its number: stored already (id), or new in this file. */
type DecisionRef = { number: string; id: number | null };

export type PlannedModel = {
  candidate: Candidate;
  submit: SubmitPlan | null;
  outcome: (OutcomePlan & { decision: DecisionRef | null; paper: RecordedOutcome }) | null;
};

export type Refusal = { candidate: Candidate; error: ReviewError };

/** What the app's model rules read of a new model (see src/domain/middlewares/initiative-rules.ts). */
type RuleInput = Pick<LoadedInitiative, 'documentId' | 'subjectType' | 'personName'> &
  Pick<RecordedRegistration, 'replicatedSourceName' | 'replicatedSourceUnit'> & {
    origin: NonNullable<RecordedRegistration['origin']>;
    period: { year: number };
    ownerUnit: Pick<Candidate['unit'], 'name' | 'validFrom' | 'validTo'>;
    continuedFrom: null;
    replicatedFrom: null;
  };

/** The texts of a new model that its slug and search text are made from. */
type Texts = { title: string; summary: string | null; content: string | null; results: string | null; subjectType: 'collective' | 'individual'; personName: string | null };

/** The app's initiative service: the model rules, texts and counts a bulk write needs. */
type InitiativeService = {
  ruleViolation(input: RuleInput): { field: string; message: string } | null;
  slugAllocator(): Promise<(title: string) => string>;
  searchTextOf(texts: Texts): string;
  afterBulkInsert(ids: number[], recognisedIds: number[]): Promise<void>;
};

const initiatives = (strapi: Core.Strapi) => strapi.service('api::initiative.initiative') as unknown as InitiativeService;

const chunks = <T>(items: T[], size: number): T[][] => {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
};

/** The model a row becomes, as the engine loads one, before it is written. */
function draftOf(candidate: Candidate, period: LoadedPeriod): LoadedInitiative {
  const { registration } = candidate;
  return {
    id: 0,
    documentId: '',
    title: registration.title,
    summary: registration.summary ?? null,
    version: 0,
    reviewState: 'draft',
    subjectType: registration.subjectType ?? 'collective',
    personName: registration.personName ?? null,
    recognizedAt: null,
    reviewPath: null,
    ownerUnit: { id: candidate.unit.id, name: candidate.unit.name },
    field: candidate.field,
    period,
    reviewLevel: null,
    recognitionLevel: null,
  };
}

/**
 * What the records path would do with each row, without writing: every row
 * planned or refused (with the records path's own error). Rows are planned
 * in file order, chunk after chunk, so a decision number first met on a row
 * is checked on the later ones.
 */
export function createPlanner(strapi: Core.Strapi, at: Date) {
  const periods = new Map<number, LoadedPeriod>();
  const chains = new Map<string, Level[]>();
  const chainFor = async (initiative: LoadedInitiative): Promise<Level[]> => {
    const key = `${initiative.ownerUnit?.id}:${initiative.period?.id}`;
    let chain = chains.get(key);
    if (!chain) {
      chain = await ownerChain(strapi, initiative);
      chains.set(key, chain);
    }
    return chain;
  };
  /** Decision numbers looked up, and what each stands for: a stored decision, or (id -1) one new in this file. */
  const decisions = new Map<string, StoredDecision>();
  const looked = new Set<string>();
  const rules = initiatives(strapi);

  async function plan(candidates: Candidate[]): Promise<{ planned: PlannedModel[]; refused: Refusal[] }> {
    const unknownPeriods = [...new Set(candidates.map((candidate) => candidate.periodId))].filter((id) => !periods.has(id));
    for (const period of await loadPeriods(strapi, unknownPeriods)) periods.set(period.id, period);
    const numbers = [...new Set(candidates.flatMap((candidate) => (candidate.registration.outcome?.decisionNumber?.trim() ? [candidate.registration.outcome.decisionNumber.trim()] : [])))].filter(
      (number) => !looked.has(number)
    );
    for (const part of chunks(numbers, CHUNK)) {
      const rows = (await strapi.db.query(DECISION).findMany({ where: { number: { $in: part } }, select: ['id', 'number', 'date', 'levelCode'] })) as Array<StoredDecision & { number: string }>;
      for (const row of rows) decisions.set(row.number, row);
      for (const number of part) looked.add(number);
    }

    const planned: PlannedModel[] = [];
    const refused: Refusal[] = [];
    for (const candidate of candidates) {
      try {
        planned.push(await planOne(candidate));
      } catch (error) {
        if (!(error instanceof ReviewError)) throw error;
        refused.push({ candidate, error });
      }
    }
    return { planned, refused };
  }

  async function planOne(candidate: Candidate): Promise<PlannedModel> {
    const period = periods.get(candidate.periodId) as LoadedPeriod;
    const { registration } = candidate;
    const initiative = draftOf(candidate, period);
    // The rules the document service checks on every stored model.
    const broken = rules.ruleViolation({
      documentId: '',
      subjectType: initiative.subjectType,
      personName: initiative.personName,
      origin: registration.origin ?? 'new',
      replicatedSourceName: registration.replicatedSourceName ?? null,
      replicatedSourceUnit: registration.replicatedSourceUnit ?? null,
      period: { year: period.year },
      continuedFrom: null,
      ownerUnit: { name: candidate.unit.name, validFrom: candidate.unit.validFrom, validTo: candidate.unit.validTo },
      replicatedFrom: null,
    });
    if (broken) throw badRequest(broken.message, { field: broken.field });
    if (candidate.draft) return { candidate, submit: null, outcome: null };

    // The registration, as the engine applies `submit` on a unit's behalf.
    guardSubmission(initiative, true, { anyPeriod: true });
    const chain = await chainFor(initiative);
    const from: Position = { state: 'draft', level: null, recognitionLevel: null };
    const result = transition(
      chain.map((level) => level.code),
      from,
      'submit'
    );
    if (!result.ok) throw refusal(initiative, result.code, 'submit', from.state);
    const levelOf = (code: string | null) => chain.find((level) => level.code === code) ?? null;
    const next = result.next;
    const set = criteriaSetFor(initiative);
    const enters = result.entersLevel && next.level !== null;
    const submit: SubmitPlan = {
      state: next.state,
      level: levelOf(next.level),
      recognitionLevel: levelOf(next.recognitionLevel),
      path: nextPath(initiative, from, result, levelOf(next.level)?.id ?? null),
      round: enters ? 1 : 0,
      eventLevel: levelOf(next.level) ?? levelOf(from.level),
      snapshot: enters && set ? { name: set.name, guidelineNumber: set.guidelineNumber, criteria: set.criteria ?? [] } : null,
    };
    if (!registration.outcome) return { candidate, submit, outcome: null };

    // The paper outcome, as the records path records it after the registration.
    const paper = { ...registration.outcome, reason: registration.outcome.reason?.trim() || candidate.reason };
    const registered: LoadedInitiative = {
      ...initiative,
      reviewState: submit.state,
      version: 1,
      reviewPath: submit.path,
      reviewLevel: submit.level,
      recognitionLevel: submit.recognitionLevel,
    };
    const outcome = planOutcome(registered, chain, paper, at);
    const number = paper.decisionNumber?.trim();
    let decision: DecisionRef | null = null;
    if (number && paper.decisionDate) {
      const known = decisions.get(number);
      if (known) checkDecision(known, paper, outcome.level);
      else decisions.set(number, { id: -1, date: paper.decisionDate, levelCode: outcome.level.code });
      decision = { number, id: known && known.id > 0 ? known.id : null };
    }
    return { candidate, submit, outcome: { ...outcome, decision, paper } };
  }

  return { plan };
}

export type Planner = ReturnType<typeof createPlanner>;

/** Column names of a content type's attributes and link tables of its relations, from Strapi's metadata. */
function schemaOf(strapi: Core.Strapi, uid: string) {
  const meta = strapi.db.metadata.get(uid as never) as unknown as {
    tableName: string;
    attributes: Record<string, { columnName?: string; joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName?: string } }>;
  };
  return {
    table: meta.tableName,
    /** A row keyed by column from values keyed by attribute. */
    row(values: Record<string, unknown>): Record<string, unknown> {
      const row: Record<string, unknown> = {};
      for (const [attribute, value] of Object.entries(values)) {
        const column = meta.attributes[attribute]?.columnName;
        if (!column) throw new Error(`${uid}.${attribute} has no column`);
        row[column] = value;
      }
      return row;
    },
    link(attribute: string) {
      const join = meta.attributes[attribute]?.joinTable;
      if (!join) throw new Error(`${uid}.${attribute} has no link table`);
      return { table: join.name, owner: join.joinColumn.name, target: join.inverseJoinColumn.name, order: join.orderColumnName };
    },
  };
}

/** Inserts rows in as few statements as the bound-parameter limit allows; with `returning`, gives each row's id by its document id. */
async function insertRows(trx: Knex, table: string, rows: Array<Record<string, unknown>>, returning = false): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (rows.length === 0) return ids;
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length)));
  for (const part of chunks(rows, perStatement)) {
    if (!returning) {
      await trx(table).insert(part);
      continue;
    }
    const inserted = (await trx(table).insert(part).returning(['id', 'document_id'])) as Array<{ id: number; document_id: string }>;
    for (const row of inserted) ids.set(row.document_id, Number(row.id));
  }
  return ids;
}

export type WriteContext = { actor: Actor; fileName: string; sha256: string };

/**
 * Writes planned models, a chunk at a time, inside the caller's transaction
 * (`trx`); each chunk returns, per file row, the new model's document id, and
 * the transitions made, for the caller to announce after its commit.
 */
export function createWriter(strapi: Core.Strapi, trx: Knex, context: WriteContext) {
  const { actor } = context;
  const initiative = schemaOf(strapi, INITIATIVE);
  const event = schemaOf(strapi, EVENT);
  const assessment = schemaOf(strapi, ASSESSMENT);
  const decision = schemaOf(strapi, DECISION);
  const models = decision.link('initiatives');
  const service = initiatives(strapi);
  let slugOf: ((title: string) => string) | null = null;
  /** Decision ids by number, and the position of the last model on each. */
  const decisionIds = new Map<string, number>();
  const lastPosition = new Map<number, number>();

  async function write(planned: PlannedModel[]): Promise<{ created: Array<[number, string]>; outcomes: TransitionOutcome[] }> {
    const now = new Date();
    const stamps = { createdAt: now, updatedAt: now, publishedAt: now, locale: null };
    slugOf ??= await service.slugAllocator();

    // Paper decisions new in this file, in file order, then where each decision's list of models goes on.
    const fresh = new Map<string, string>();
    const newDecisions: Array<Record<string, unknown>> = [];
    for (const { outcome } of planned) {
      if (!outcome?.decision) continue;
      const { number, id } = outcome.decision;
      if (id !== null) decisionIds.set(number, id);
      else if (!decisionIds.has(number) && !fresh.has(number)) {
        const documentId = createId();
        fresh.set(number, documentId);
        newDecisions.push(decision.row({ documentId, ...paperDecision(outcome.paper, outcome.level), ...stamps }));
      }
    }
    const newIds = await insertRows(trx, decision.table, newDecisions, true);
    for (const [number, documentId] of fresh) {
      decisionIds.set(number, newIds.get(documentId) as number);
      lastPosition.set(newIds.get(documentId) as number, 0);
    }
    const linked = [...new Set(planned.flatMap(({ outcome }) => (outcome?.state === 'recognized' && outcome.decision ? [decisionIds.get(outcome.decision.number) as number] : [])))];
    const unknown = linked.filter((id) => !lastPosition.has(id));
    for (const part of chunks(unknown, CHUNK)) {
      const rows = (await trx(models.table).whereIn(models.owner, part).groupBy(models.owner).select({ id: models.owner }).max({ last: models.order as string })) as Array<{
        id: number;
        last: number | null;
      }>;
      for (const id of part) lastPosition.set(id, 0);
      for (const row of rows) lastPosition.set(Number(row.id), Number(row.last ?? 0));
    }

    const created: Array<[number, string]> = [];
    const outcomes: TransitionOutcome[] = [];
    const ids: number[] = [];
    const recognisedIds: number[] = [];
    const documentIds = planned.map(() => createId());
    const inserted = await insertRows(
      trx,
      initiative.table,
      planned.map(({ candidate: { registration }, submit, outcome }, index) => {
        const texts: Texts = {
          title: registration.title,
          summary: registration.summary ?? null,
          content: registration.content ?? null,
          results: registration.results ?? null,
          subjectType: registration.subjectType ?? 'collective',
          personName: registration.personName ?? null,
        };
        return initiative.row({
          documentId: documentIds[index],
          ...texts,
          slug: (slugOf as (title: string) => string)(registration.title),
          personPosition: registration.personPosition ?? null,
          origin: registration.origin ?? 'new',
          replicatedSourceName: registration.replicatedSourceName ?? null,
          replicatedSourceUnit: registration.replicatedSourceUnit ?? null,
          reviewState: outcome?.state ?? submit?.state ?? 'draft',
          reviewPath: outcome?.path ?? submit?.path ?? null,
          recognizedAt: outcome?.recognizedAt ?? null,
          version: outcome ? 2 : submit ? 1 : 0,
          searchText: service.searchTextOf(texts),
          ...stamps,
        });
      }),
      true
    );

    // Relation links, as the query engine writes a many-to-one: one row per model and relation.
    const links = new Map<string, Array<Record<string, unknown>>>();
    const link = (attribute: string, owner: number, target: number | null | undefined) => {
      if (target === null || target === undefined) return;
      const { table, owner: ownerColumn, target: targetColumn } = initiative.link(attribute);
      const rows = links.get(table) ?? [];
      rows.push({ [ownerColumn]: owner, [targetColumn]: target });
      links.set(table, rows);
    };
    const assessments: Array<Record<string, unknown>> = [];
    const assessed: Array<{ documentId: string; initiative: number }> = [];
    const events: Array<Record<string, unknown>> = [];
    const eventLinks: Array<{ documentId: string; initiative: number; decision: number | null }> = [];
    const decisionLinks: Array<Record<string, unknown>> = [];
    const imports: Array<Record<string, unknown>> = [];
    const auditEvent = (model: number, documentId: string, values: Record<string, unknown>, decisionId: number | null = null) => {
      const eventId = createId();
      events.push(
        event.row({
          documentId: eventId,
          initiativeDocumentId: documentId,
          actorType: actor.type,
          actorId: actor.id,
          actorName: actor.name,
          actorUnitName: actor.unitName,
          recorded: true,
          ...stamps,
          ...values,
        })
      );
      eventLinks.push({ documentId: eventId, initiative: model, decision: decisionId });
    };

    for (const [index, { candidate, submit, outcome }] of planned.entries()) {
      const documentId = documentIds[index];
      const id = inserted.get(documentId) as number;
      const { registration } = candidate;
      ids.push(id);
      created.push([candidate.row, documentId]);
      link('ownerUnit', id, candidate.unit.id);
      link('period', id, candidate.periodId);
      link('field', id, candidate.field?.id);
      link('reviewLevel', id, (outcome?.level ?? submit?.level)?.id);
      link('recognitionLevel', id, (outcome ? outcome.recognitionLevel : submit?.recognitionLevel)?.id);

      const title = registration.title;
      auditEvent(id, documentId, { initiativeTitle: title, action: 'import', fromState: 'draft', toState: 'draft', levelCode: null, levelName: null, round: 0, reason: candidate.reason, version: 0 });
      imports.push({
        reference: candidate.reference,
        initiative_document_id: documentId,
        file_name: context.fileName.slice(0, 255),
        file_sha256: context.sha256,
        row_number: candidate.row,
        actor_id: actor.id,
        actor_name: actor.name.slice(0, 255),
        imported_at: now,
      });
      if (!submit) continue;

      for (const [position, criterion] of (submit.snapshot?.criteria ?? []).entries()) {
        const assessmentId = createId();
        assessments.push(
          assessment.row({
            documentId: assessmentId,
            round: submit.round,
            levelCode: submit.level?.code ?? null,
            criteriaSetName: submit.snapshot?.name ?? null,
            guidelineNumber: submit.snapshot?.guidelineNumber ?? null,
            code: criterion.code,
            text: criterion.text,
            required: criterion.required !== false,
            maxScore: criterion.maxScore ?? null,
            order: position,
            ...stamps,
          })
        );
        assessed.push({ documentId: assessmentId, initiative: id });
      }
      auditEvent(id, documentId, {
        initiativeTitle: title,
        action: 'submit',
        fromState: 'draft',
        toState: submit.state,
        levelCode: submit.eventLevel?.code ?? null,
        levelName: submit.eventLevel?.name ?? null,
        round: submit.round,
        reason: candidate.reason,
        version: 1,
      });
      outcomes.push({ documentId, action: 'submit', fromState: 'draft', state: submit.state, version: 1, level: submit.level?.code ?? null, recognitionLevel: submit.recognitionLevel?.code ?? null });
      if (!outcome) continue;

      const decisionId = outcome.decision ? (decisionIds.get(outcome.decision.number) as number) : null;
      const action = outcome.state === 'recognized' ? 'recognize' : 'decline';
      auditEvent(
        id,
        documentId,
        {
          initiativeTitle: title,
          action,
          fromState: submit.state,
          toState: outcome.state,
          levelCode: outcome.level.code,
          levelName: outcome.level.name,
          round: submit.round,
          reason: outcome.paper.reason,
          version: 2,
        },
        decisionId
      );
      if (decisionId !== null && outcome.state === 'recognized') {
        const position = (lastPosition.get(decisionId) ?? 0) + 1;
        lastPosition.set(decisionId, position);
        decisionLinks.push({ [models.owner]: decisionId, [models.target]: id, ...(models.order ? { [models.order]: position } : {}) });
      }
      if (outcome.state === 'recognized' || outcome.recognitionLevel) recognisedIds.push(id);
      outcomes.push({ documentId, action, fromState: submit.state, state: outcome.state, version: 2, level: outcome.level.code, recognitionLevel: outcome.recognitionLevel?.code ?? null });
    }

    for (const [table, rows] of links) await insertRows(trx, table, rows);
    const assessmentIds = await insertRows(trx, assessment.table, assessments, true);
    const toInitiative = assessment.link('initiative');
    await insertRows(
      trx,
      toInitiative.table,
      assessed.map((row) => ({ [toInitiative.owner]: assessmentIds.get(row.documentId), [toInitiative.target]: row.initiative }))
    );
    const eventIds = await insertRows(trx, event.table, events, true);
    const eventInitiative = event.link('initiative');
    const eventDecision = event.link('decision');
    await insertRows(
      trx,
      eventInitiative.table,
      eventLinks.map((row) => ({ [eventInitiative.owner]: eventIds.get(row.documentId), [eventInitiative.target]: row.initiative }))
    );
    await insertRows(
      trx,
      eventDecision.table,
      eventLinks.flatMap((row) => (row.decision === null ? [] : [{ [eventDecision.owner]: eventIds.get(row.documentId), [eventDecision.target]: row.decision }]))
    );
    await insertRows(trx, models.table, decisionLinks);
    await insertRows(trx, IMPORT_ROWS, imports);
    // A decision that gained models was updated, as connecting them through the query engine marks it.
    for (const part of chunks(linked, CHUNK)) await trx(decision.table).whereIn('id', part).update(decision.row({ updatedAt: now }));
    await service.afterBulkInsert(ids, recognisedIds);
    return { created, outcomes };
  }

  return { write };
}

export type Writer = ReturnType<typeof createWriter>;
