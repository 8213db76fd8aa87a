/**
 * Document-service middlewares that keep the review honest:
 * - only the engine changes the review fields of an initiative;
 * - a model under review is frozen (edits only while draft or returned);
 * - the audit trail is append-only.
 */
import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { EDITABLE_STATES, type State } from '../../shared/workflow';
import { messages } from './messages';
import { AMENDMENT, ASSESSMENT, DECISION, EVENT, INITIATIVE } from './services/model';

type Ctx = { uid: string; action: string; params: { data?: Record<string, unknown>; documentId?: string } };
type Next = () => Promise<unknown>;

const SCALAR_REVIEW_FIELDS = ['reviewState', 'version', 'recognizedAt', 'reviewPath'] as const;
const RELATION_REVIEW_FIELDS = ['reviewLevel', 'recognitionLevel'] as const;
const DEFAULTS: Record<string, unknown> = { reviewState: 'draft', version: 0, recognizedAt: null, reviewPath: null };

type Target = { id?: number; documentId?: string };
type Stored = {
  reviewState: State;
  version: number;
  recognizedAt: string | null;
  reviewPath: string | null;
  reviewLevel: { id: number; documentId: string } | null;
  recognitionLevel: { id: number; documentId: string } | null;
};

/** Reads a relation input (documentId, id, object, connect/disconnect/set) as: unchanged, or the target it asks for. */
function relationInput(value: unknown): 'unchanged' | Target | null {
  if (value === undefined) return 'unchanged';
  if (value === null) return null;
  if (typeof value === 'string') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length === 0 ? null : relationInput(value[0]);
  if (typeof value === 'object') {
    const input = value as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown[]; id?: number; documentId?: string };
    if (input.set) return relationInput(input.set);
    if (input.connect || input.disconnect) {
      if ((input.connect ?? []).length === 0 && (input.disconnect ?? []).length === 0) return 'unchanged';
      return (input.connect ?? []).length > 0 ? relationInput(input.connect?.[0]) : null;
    }
    return { id: input.id, documentId: input.documentId };
  }
  return { documentId: String(value) };
}

const sameTarget = (input: Target | null, stored: { id: number; documentId: string } | null) => {
  if (input === null || stored === null) return input === stored;
  return input.id === stored.id || input.documentId === stored.documentId;
};

const sameInstant = (a: unknown, b: unknown) => {
  if (a == null || b == null) return a == b;
  return new Date(String(a)).getTime() === new Date(String(b)).getTime();
};

const refuseReviewWrite = (field: string) =>
  new errors.PolicyError(messages.reviewFieldsOwned, { errors: [{ path: [field], message: messages.reviewFieldsOwned }] });

const loadStored = (strapi: Core.Strapi, documentId: string) =>
  strapi.db.query(INITIATIVE).findOne({
    where: { documentId },
    select: ['reviewState', 'version', 'recognizedAt', 'reviewPath'],
    populate: { reviewLevel: { select: ['id', 'documentId'] }, recognitionLevel: { select: ['id', 'documentId'] } },
  }) as Promise<Stored | null>;

/** Document-service actions that only read. Every other action writes, including ones added by later Strapi versions. */
const READS = new Set(['findOne', 'findFirst', 'findMany', 'count']);

const REVIEW_RESET = { reviewState: 'draft', version: 0, recognizedAt: null, reviewPath: null, reviewLevel: null, recognitionLevel: null } as const;

/** Refuses any review field in a new document's data that is not its default; strips the defaults. */
function refuseReviewFieldsOnCreate(data: Record<string, unknown>): void {
  for (const field of SCALAR_REVIEW_FIELDS) {
    if (field in data && !sameInstant(data[field], DEFAULTS[field]) && data[field] !== DEFAULTS[field]) throw refuseReviewWrite(field);
    delete data[field];
  }
  for (const field of RELATION_REVIEW_FIELDS) {
    const input = relationInput(data[field]);
    if (input !== 'unchanged' && input !== null) throw refuseReviewWrite(field);
    delete data[field];
  }
}

/** The rows of a document (one per document here: initiatives have no draft & publish). */
const rowIds = async (strapi: Core.Strapi, documentId: string) =>
  ((await strapi.db.query(INITIATIVE).findMany({ where: { documentId }, select: ['id'] })) as Array<{ id: number }>).map((row) => row.id);

type EvidencePurge = { purge(initiativeIds: number[]): Promise<void> };

/**
 * Every write to an initiative through the document service, whatever its
 * action, passes here; an action this guard does not know is refused
 * (fail closed), so a new Strapi action cannot become a way around the review.
 * - create: no review field but its default;
 * - clone (Content Manager "duplicate"): the copy starts as a draft with
 *   every review field reset, whatever the original's state;
 * - update: review fields refused unless unchanged, and only while draft or returned;
 * - delete: only while draft, returned or withdrawn; the evidence files go too.
 */
export const initiativeGuard =
  (strapi: Core.Strapi) =>
  async (ctx: Ctx, next: Next): Promise<unknown> => {
    if (ctx.uid !== INITIATIVE || READS.has(ctx.action)) return next();
    const { action } = ctx;
    const data = ctx.params.data;

    if (action === 'create') {
      if (data) refuseReviewFieldsOnCreate(data);
      return next();
    }

    if (action === 'clone') {
      if (data) refuseReviewFieldsOnCreate(data);
      ctx.params.data = { ...(data ?? {}), ...REVIEW_RESET };
      const result = (await next()) as { documentId?: string } | null;
      // The copy must not inherit a position in the review, whatever the clone copied row by row.
      if (result?.documentId) {
        await strapi.db.query(INITIATIVE).updateMany({ where: { documentId: result.documentId }, data: { reviewState: 'draft', version: 0, recognizedAt: null, reviewPath: null } });
        for (const id of await rowIds(strapi, result.documentId)) await strapi.db.query(INITIATIVE).update({ where: { id }, data: { reviewLevel: null, recognitionLevel: null } });
      }
      return result;
    }

    if ((action === 'update' || action === 'delete') && ctx.params.documentId) {
      const stored = await loadStored(strapi, ctx.params.documentId);
      if (!stored) return next();
      const deletable = EDITABLE_STATES.has(stored.reviewState) || stored.reviewState === 'withdrawn';
      if (action === 'delete' ? !deletable : !EDITABLE_STATES.has(stored.reviewState)) {
        throw new errors.PolicyError(messages.frozen, { state: stored.reviewState });
      }
      if (data) {
        for (const field of SCALAR_REVIEW_FIELDS) {
          if (!(field in data)) continue;
          const unchanged = field === 'recognizedAt' ? sameInstant(data[field], stored[field]) : data[field] === stored[field];
          if (!unchanged) throw refuseReviewWrite(field);
          delete data[field];
        }
        for (const field of RELATION_REVIEW_FIELDS) {
          const input = relationInput(data[field]);
          if (input !== 'unchanged' && !sameTarget(input, stored[field])) throw refuseReviewWrite(field);
          delete data[field];
        }
      }
      if (action === 'update') return next();
      const ids = await rowIds(strapi, ctx.params.documentId);
      const result = await next();
      await (strapi.plugin('review').service('evidence') as EvidencePurge).purge(ids);
      return result;
    }
    throw new errors.PolicyError(messages.actionNotAllowed(action));
  };

/**
 * Records the review writes through the query engine only (the engine, the
 * assessment service): through the document service — the Content Manager,
 * REST, any plugin — they are read-only. An issued decision is changed only
 * by an audited amendment (services/decisions.ts).
 */
const READ_ONLY: Record<string, string> = {
  [EVENT]: messages.auditAppendOnly,
  [DECISION]: messages.decisionImmutable,
  [AMENDMENT]: messages.auditAppendOnly,
  [ASSESSMENT]: messages.assessmentThroughReview,
};

export const recordGuard = async (ctx: Ctx, next: Next): Promise<unknown> => {
  const refusal = READ_ONLY[ctx.uid];
  if (refusal && !READS.has(ctx.action)) throw new errors.PolicyError(refusal);
  return next();
};

export function registerGuards(strapi: Core.Strapi): void {
  strapi.documents.use(initiativeGuard(strapi) as unknown as Modules.Documents.Middleware.Middleware);
  strapi.documents.use(recordGuard as unknown as Modules.Documents.Middleware.Middleware);
}

/** Below the document service too: no update or delete of an event or an amendment through the query engine. */
export function protectAuditTrail(strapi: Core.Strapi): void {
  const refuse = () => {
    throw new errors.PolicyError(messages.auditAppendOnly);
  };
  strapi.db.lifecycles.subscribe({
    models: [EVENT, AMENDMENT],
    beforeUpdate: refuse,
    beforeUpdateMany: refuse,
    beforeDelete: refuse,
    beforeDeleteMany: refuse,
  });
}
