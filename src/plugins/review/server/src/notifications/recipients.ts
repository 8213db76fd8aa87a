/**
 * Who receives a notification. Read inside the caller's transaction (the
 * query engine joins it), so the recipients are those of the committed state.
 */
import type { Core } from '@strapi/strapi';

import { ROLES } from '../permissions';
import { REVIEWER } from '../services/model';
import { unitService } from '../services/scope';
import type { RecipientType } from './templates';

export type Recipient = { type: RecipientType; id: number; email: string | null; name: string };

type AdminUserRow = { id: number; email: string | null; firstname: string | null; lastname: string | null; isActive: boolean | null; blocked: boolean | null };

const adminRecipient = (user: AdminUserRow): Recipient => ({
  type: 'admin',
  id: user.id,
  email: user.email,
  name: [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || `#${user.id}`,
});

const activeAdmin = (user: AdminUserRow | null | undefined): user is AdminUserRow => Boolean(user && user.isActive !== false && user.blocked !== true);

const USER_FIELDS = ['id', 'email', 'firstname', 'lastname', 'isActive', 'blocked'];

/** The reviewers of the unit that reviews an owner's models at a level: the owner's nearest ancestor of that kind. */
export async function reviewersAt(strapi: Core.Strapi, ownerUnitId: number, levelCode: string): Promise<Recipient[]> {
  const unit = (await unitService(strapi).ancestorsOf(ownerUnitId)).find((candidate) => candidate.kindCode === levelCode);
  if (!unit) return [];
  return reviewersOfUnit(strapi, unit.id);
}

export async function reviewersOfUnit(strapi: Core.Strapi, unitId: number): Promise<Recipient[]> {
  const rows = (await strapi.db.query(REVIEWER).findMany({
    where: { unit: { id: unitId }, active: true },
    populate: { user: { select: USER_FIELDS } },
  })) as Array<{ user: AdminUserRow | null }>;
  return unique(rows.map((row) => row.user).filter(activeAdmin).map(adminRecipient));
}

/** The unit's officers (users-permissions users linked to it), not blocked. */
export async function officersOf(strapi: Core.Strapi, unitId: number): Promise<Recipient[]> {
  const rows = (await strapi.db.query('plugin::users-permissions.user').findMany({
    where: { unit: { id: unitId }, blocked: { $ne: true } },
    select: ['id', 'email', 'username'],
  })) as Array<{ id: number; email: string | null; username: string | null }>;
  return rows.map((row) => ({ type: 'officer', id: row.id, email: row.email, name: row.username || row.email || `#${row.id}` }));
}

/** Active admin users holding the leadership role. */
export async function leadership(strapi: Core.Strapi): Promise<Recipient[]> {
  const rows = (await strapi.db.query('admin::user').findMany({
    where: { roles: { code: ROLES.leadership.code } },
    select: USER_FIELDS,
  })) as AdminUserRow[];
  return unique(rows.filter(activeAdmin).map(adminRecipient));
}

export const unique = (recipients: Recipient[]): Recipient[] => {
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    const key = `${recipient.type}:${recipient.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
