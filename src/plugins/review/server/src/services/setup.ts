import type { Core } from '@strapi/strapi';

import { ensureAdminRoles, ensureOfficerRole } from '../permissions';
import { backfillReviewPaths } from './review-paths';

/**
 * Creates the review's roles. Called from the application's bootstrap, which
 * runs after the admin has created its default roles and content actions
 * (a plugin's bootstrap runs before that).
 */
const setup = ({ strapi }: { strapi: Core.Strapi }) => ({
  async ensureRoles() {
    await ensureAdminRoles(strapi);
    await ensureOfficerRole(strapi);
  },
  /** Review paths of models reviewed before paths were kept, from their audit trail; returns how many were written. */
  backfillReviewPaths() {
    return backfillReviewPaths(strapi);
  },
});

export default setup;
