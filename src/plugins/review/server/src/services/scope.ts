/**
 * Who acts, and on what. A reviewer acts for a unit of a reviewing kind, on
 * the initiatives below that unit whose current step is that unit's level.
 * An officer acts for their own unit only.
 */
import type { Core } from '@strapi/strapi';

import { forbidden } from '../errors';
import { messages } from '../messages';
import { REVIEWER, type LoadedInitiative } from './model';

export type Actor = {
  type: 'admin' | 'officer';
  id: number;
  name: string;
  unitId: number;
  unitName: string;
  /** Reviewers: the kind (level) of their unit. */
  levelCode: string | null;
  levelId: number | null;
};

type UnitNode = { id: number; kindCode: string | null; validTo: string | null; name: string };

type UnitService = {
  subtreeIds(unitId: number): Promise<number[]>;
  ancestorsOf(unitId: number): Promise<UnitNode[]>;
  isValidOn(unitId: number, day: Date): Promise<boolean>;
};

export const unitService = (strapi: Core.Strapi) => strapi.service('api::unit.unit') as unknown as UnitService;

type ReviewerRow = {
  unit: { id: number; name: string; kind: { id: number; code: string; canReview: boolean | null } | null } | null;
};

export type AdminUserLike = { id: number; firstname?: string | null; lastname?: string | null; email?: string | null };

export const fullName = (user: AdminUserLike) =>
  [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `#${user.id}`;

/** The reviewer profile of an admin user, or a 403 when they review for no unit. */
export async function reviewerActor(strapi: Core.Strapi, user: AdminUserLike): Promise<Actor> {
  const row = (await strapi.db.query(REVIEWER).findOne({
    where: { user: { id: user.id }, active: true },
    populate: { unit: { select: ['id', 'name'], populate: { kind: { select: ['id', 'code', 'canReview'] } } } },
  })) as ReviewerRow | null;
  const unit = row?.unit;
  if (!unit || !unit.kind?.canReview) throw forbidden(messages.notReviewer);
  if (!(await unitService(strapi).isValidOn(unit.id, new Date()))) throw forbidden(messages.reviewerUnitDissolved);
  return {
    type: 'admin',
    id: user.id,
    name: fullName(user),
    unitId: unit.id,
    unitName: unit.name,
    levelCode: unit.kind.code,
    levelId: unit.kind.id,
  };
}

export type OfficerLike = { id: number; username?: string | null; email?: string | null };

/** The unit officer behind a users-permissions user, or a 403 when they have no unit. */
export async function officerActor(strapi: Core.Strapi, user: OfficerLike): Promise<Actor> {
  const row = (await strapi.db.query('plugin::users-permissions.user').findOne({
    where: { id: user.id },
    select: ['id', 'username', 'email'],
    populate: { unit: { select: ['id', 'name'] } },
  })) as { unit: { id: number; name: string } | null } | null;
  if (!row?.unit) throw forbidden(messages.notOfficer);
  return {
    type: 'officer',
    id: user.id,
    name: user.username || user.email || `#${user.id}`,
    unitId: row.unit.id,
    unitName: row.unit.name,
    levelCode: null,
    levelId: null,
  };
}

/**
 * The one scope rule, as a where-filter with dotted paths: what an actor may
 * act on. Used by the queue (expanded for the query engine) and registered
 * as the admin RBAC condition, so the Content Manager lists the same set.
 */
export async function scopeWhere(strapi: Core.Strapi, actor: Actor): Promise<Record<string, unknown>> {
  if (actor.type === 'officer') return { 'ownerUnit.id': actor.unitId };
  const below = (await unitService(strapi).subtreeIds(actor.unitId)).filter((id) => id !== actor.unitId);
  return { 'ownerUnit.id': { $in: below }, 'reviewLevel.id': actor.levelId };
}

/** `{ 'a.b': x }` → `{ a: { b: x } }`, the query engine's filter shape. */
export function expandDotted(where: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(where)) {
    const keys = path.split('.');
    let node = result;
    keys.slice(0, -1).forEach((key) => {
      node[key] = (node[key] as Record<string, unknown>) ?? {};
      node = node[key] as Record<string, unknown>;
    });
    node[keys[keys.length - 1]] = value;
  }
  return result;
}

/** The owner's ancestors in today's tree, nearest first. */
export const ownerAncestors = async (strapi: Core.Strapi, initiative: LoadedInitiative) =>
  initiative.ownerUnit ? unitService(strapi).ancestorsOf(initiative.ownerUnit.id) : [];

/** A reviewer may act when the current step is their level and their unit is the owner's nearest unit of that level. */
export async function reviewerMayAct(strapi: Core.Strapi, actor: Actor, initiative: LoadedInitiative): Promise<boolean> {
  if (actor.type !== 'admin' || !initiative.reviewLevel || initiative.reviewLevel.code !== actor.levelCode) return false;
  const nearest = (await ownerAncestors(strapi, initiative)).find((unit) => unit.kindCode === actor.levelCode);
  return nearest?.id === actor.unitId;
}

/** A reviewer may read what lies below their unit; an officer, their unit's own models. */
export async function mayRead(strapi: Core.Strapi, actor: Actor, initiative: LoadedInitiative): Promise<boolean> {
  const owner = initiative.ownerUnit?.id;
  if (owner === undefined) return false;
  if (actor.type === 'officer') return owner === actor.unitId;
  if (owner === actor.unitId) return true;
  return (await ownerAncestors(strapi, initiative)).some((unit) => unit.id === actor.unitId);
}
