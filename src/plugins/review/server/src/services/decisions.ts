/**
 * Issued batch decisions are immutable (guards.ts refuses every write through
 * the document service). A mistake in one — a mistyped number, the wrong
 * signer, a missing signed file — is corrected by an amendment: one
 * transaction that changes the decision and appends what changed, why and by
 * whom. The public model page shows the decision as amended.
 */
import type { Core } from '@strapi/strapi';

import { badRequest, conflict, notFound } from '../errors';
import { messages } from '../messages';
import { announce } from './engine';
import { AMENDMENT, DECISION } from './model';

export type AmendmentInput = {
  number?: string;
  date?: string;
  signer?: string;
  note?: string | null;
  signedFile?: number | null;
  reason: string;
};

export type AmendmentActor = { id: number; name: string };

type DecisionRow = {
  id: number;
  number: string;
  date: string;
  signer: string;
  note: string | null;
  signedFile: { id: number } | null;
};

const AMENDABLE = ['number', 'date', 'signer', 'note', 'signedFile'] as const;
type Amendable = (typeof AMENDABLE)[number];

const currentValue = (decision: DecisionRow, field: Amendable) => (field === 'signedFile' ? decision.signedFile?.id ?? null : decision[field] ?? null);

const decisions = ({ strapi }: { strapi: Core.Strapi }) => {
  const load = (id: number) =>
    strapi.db.query(DECISION).findOne({
      where: { id },
      populate: { signedFile: { select: ['id', 'name', 'url', 'mime', 'size'] }, initiatives: { select: ['documentId', 'title'] } },
    }) as Promise<(DecisionRow & Record<string, unknown>) | null>;

  return {
    /** A decision with its models and every amendment, oldest first. */
    async findOne(id: number) {
      const decision = await load(id);
      if (!decision) throw notFound(messages.decisionNotFound);
      const amendments = await strapi.db.query(AMENDMENT).findMany({
        where: { decision: { id } },
        select: ['changes', 'reason', 'actorName', 'createdAt'],
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return { ...decision, amendments };
    },

    async amend(id: number, actor: AmendmentActor, input: AmendmentInput) {
      await strapi.db.transaction(async () => {
        const decision = await load(id);
        if (!decision) throw notFound(messages.decisionNotFound);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of AMENDABLE) {
          if (input[field] === undefined) continue;
          const from = currentValue(decision, field);
          const to = input[field] ?? null;
          if (from !== to) changes[field] = { from, to };
        }
        if (Object.keys(changes).length === 0) throw badRequest(messages.amendmentEmpty);
        if (changes.number) {
          const taken = await strapi.db.query(DECISION).count({ where: { number: input.number, id: { $ne: id } } });
          if (taken > 0) throw conflict(messages.amendmentNumberTaken(String(input.number)), { field: 'number' });
        }
        const data = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to]));
        await strapi.db.query(DECISION).update({ where: { id }, data });
        await strapi.db.query(AMENDMENT).create({
          data: { decision: id, changes, reason: input.reason.trim(), actorId: actor.id, actorName: actor.name },
        });
      });
      // Committed: the public model pages show the decision, so their cache goes.
      await announce(strapi, []);
      return this.findOne(id);
    },
  };
};

export default decisions;
export type Decisions = ReturnType<typeof decisions>;
