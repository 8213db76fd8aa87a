/**
 * Reading and assessing models for reviewers and officers: the queue, one
 * model with its checklist and history, and recording criterion results.
 */
import type { Core } from '@strapi/strapi';

import { AT_LEVEL_STATES, availableActions, type Action, type State } from '../../../shared/workflow';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { messages } from '../messages';
import { ASSESSMENT, chainOf, currentRound, EVENT, INITIATIVE, loadInitiative, type LoadedInitiative } from './model';
import type { Evidence } from './evidence';
import { expandDotted, mayRead, ownerAncestors, reviewerMayAct, scopeWhere, type Actor } from './scope';

/**
 * One criterion's result. `note` is the reviewers' private note; `publicRemark`
 * ("Nhận xét gửi đơn vị") is what the unit's officers are shown. A remark left
 * out of the request is kept as it was.
 */
export type AssessmentItem = {
  code: string;
  result: 'met' | 'not_met' | 'not_applicable' | null;
  note?: string | null;
  publicRemark?: string | null;
  score?: number | null;
};

type AssessmentRow = {
  id: number;
  round: number;
  levelCode: string;
  criteriaSetName: string | null;
  code: string;
  text: string;
  required: boolean;
  maxScore: number | null;
  result: string | null;
  score: number | null;
  note: string | null;
  publicRemark: string | null;
  assessedByName: string | null;
  assessedAt: string | null;
};

const LIST_FIELDS = ['documentId', 'title', 'slug', 'subjectType', 'origin', 'reviewState', 'version', 'recognizedAt', 'updatedAt'];

const summaryOf = (initiative: LoadedInitiative) => ({
  documentId: initiative.documentId,
  title: initiative.title,
  reviewState: initiative.reviewState,
  version: initiative.version,
  subjectType: initiative.subjectType,
  ownerUnit: initiative.ownerUnit,
  field: initiative.field,
  period: initiative.period ? { year: initiative.period.year, name: initiative.period.name } : null,
  reviewLevel: initiative.reviewLevel,
  recognitionLevel: initiative.recognitionLevel,
  recognizedAt: initiative.recognizedAt,
  chain: chainOf(initiative),
});

const MEDIA = { select: ['id', 'name', 'url', 'mime', 'alternativeText', 'width', 'height', 'formats'] };

/** Everything the unit submitted, beyond the summary: texts, indicators, the person and their (private) contact, origin, images. */
async function submission(strapi: Core.Strapi, initiative: LoadedInitiative) {
  const row = (await strapi.db.query(INITIATIVE).findOne({
    where: { id: initiative.id },
    select: ['summary', 'content', 'results', 'personName', 'personPosition', 'origin', 'createdAt', 'updatedAt'],
    populate: {
      personContact: true,
      indicators: true,
      localityUnit: { select: ['id', 'name'] },
      replicatedFrom: { select: ['documentId', 'title'], populate: { ownerUnit: { select: ['name'] } } },
      cover: MEDIA,
      gallery: MEDIA,
    },
  })) as Record<string, unknown> | null;
  const ancestors = await ownerAncestors(strapi, initiative);
  // The owner unit's path from the top of the tree down to it.
  const ownerPath = [...ancestors.map((unit) => unit.name).reverse(), ...(initiative.ownerUnit ? [initiative.ownerUnit.name] : [])];
  return { ...row, ownerPath };
}

/** The audit trail of a model, oldest first. */
async function history(strapi: Core.Strapi, documentId: string, actor: Actor) {
  const initiative = await loadInitiative(strapi, { documentId });
  if (!initiative || !(await mayRead(strapi, actor, initiative))) throw notFound(messages.notFound);
  return strapi.db.query(EVENT).findMany({
    where: { initiativeDocumentId: documentId },
    // `recorded`: entered by provincial staff from paper records (a registration on the unit's behalf, an outcome).
    select: ['action', 'fromState', 'toState', 'levelCode', 'levelName', 'round', 'actorType', 'actorName', 'actorUnitName', 'reason', 'version', 'recorded', 'createdAt'],
    // A batch recognition shows the decision it was taken in (as amended), with its signed file.
    populate: { decision: { select: ['id', 'number', 'date', 'signer'], populate: { signedFile: { select: ['name', 'url', 'mime'] } } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

const review = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** In-scope models, newest first, paginated. */
  async queue(actor: Actor, { state, page, pageSize }: { state?: State; page: number; pageSize: number }) {
    const filters = { ...expandDotted(await scopeWhere(strapi, actor)), ...(state ? { reviewState: state } : {}) };
    const documents = strapi.documents(INITIATIVE);
    const [results, total] = await Promise.all([
      documents.findMany({
        filters,
        fields: LIST_FIELDS as never,
        populate: {
          ownerUnit: { fields: ['name'] },
          field: { fields: ['name'] },
          period: { fields: ['year', 'name'] },
          reviewLevel: { fields: ['code', 'name'] },
          recognitionLevel: { fields: ['code', 'name'] },
        },
        sort: [{ updatedAt: 'desc' }, { id: 'desc' }] as never,
        start: (page - 1) * pageSize,
        limit: pageSize,
      }),
      documents.count({ filters }),
    ]);
    return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  },

  /** One model with the current round's checklist, its history and what the actor may do now. */
  async detail(documentId: string, actor: Actor) {
    const initiative = await loadInitiative(strapi, { documentId });
    if (!initiative || !(await mayRead(strapi, actor, initiative))) throw notFound(messages.notFound);
    const round = await currentRound(strapi, initiative.id);
    const assessments = (await strapi.db.query(ASSESSMENT).findMany({
      where: { initiative: { id: initiative.id }, round },
      orderBy: { order: 'asc' },
    })) as AssessmentRow[];
    const canAct = actor.type === 'officer' || (initiative.ownerUnit?.id !== actor.unitId && (await reviewerMayAct(strapi, actor, initiative)));
    const chain = chainOf(initiative).map((level) => level.code);
    const position = {
      state: initiative.reviewState,
      level: initiative.reviewLevel?.code ?? null,
      recognitionLevel: initiative.recognitionLevel?.code ?? null,
    };
    const actions: Action[] = canAct ? availableActions(chain, position, actor.type === 'officer' ? 'officer' : 'reviewer') : [];
    return {
      ...summaryOf(initiative),
      submission: await submission(strapi, initiative),
      round,
      // Officers see the checklist's criteria, results and public remarks, never reviewers' private notes or names.
      assessments: assessments.map((row) => (actor.type === 'officer' ? { ...row, note: null, assessedByName: null } : row)),
      history: await history(strapi, documentId, actor),
      evidence: await (strapi.plugin('review').service('evidence') as Evidence).list(initiative.id),
      actions,
    };
  },

  history: (documentId: string, actor: Actor) => history(strapi, documentId, actor),

  /** Records criterion results for the current round at the reviewer's level. */
  async assess(documentId: string, actor: Actor, items: AssessmentItem[]) {
    return strapi.db.transaction(async () => {
      const initiative = await loadInitiative(strapi, { documentId });
      if (!initiative) throw notFound(messages.notFound);
      if (initiative.ownerUnit?.id === actor.unitId) throw forbidden(messages.conflictOfInterest);
      if (!(await reviewerMayAct(strapi, actor, initiative))) throw notFound(messages.notFound);
      if (!AT_LEVEL_STATES.has(initiative.reviewState)) throw conflict(messages.notAssessable);

      const round = await currentRound(strapi, initiative.id);
      const rows = (await strapi.db.query(ASSESSMENT).findMany({
        where: { initiative: { id: initiative.id }, round, levelCode: initiative.reviewLevel?.code },
      })) as AssessmentRow[];
      for (const item of items) {
        const row = rows.find((candidate) => candidate.code === item.code);
        if (!row) throw badRequest(messages.unknownCriterion(item.code), { code: item.code });
        if (item.score != null && row.maxScore != null && item.score > row.maxScore) {
          throw badRequest(`Điểm của tiêu chí ${row.code} vượt quá ${row.maxScore}.`, { code: item.code });
        }
        await strapi.db.query(ASSESSMENT).update({
          where: { id: row.id },
          data: {
            result: item.result,
            note: item.note ?? null,
            ...(item.publicRemark !== undefined ? { publicRemark: item.publicRemark?.trim() || null } : {}),
            score: item.score ?? null,
            assessedById: actor.id,
            assessedByName: actor.name,
            assessedAt: new Date(),
          },
        });
      }
      return strapi.db.query(ASSESSMENT).findMany({
        where: { initiative: { id: initiative.id }, round },
        orderBy: { order: 'asc' },
      });
    });
  },
});

export default review;
