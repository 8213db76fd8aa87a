import type { Core } from '@strapi/strapi';

import contentTypes from './content-types';
import controllers from './controllers';
import { protectAuditTrail, registerGuards } from './guards';
import { registerActions, registerScopeCondition } from './permissions';
import routes from './routes';
import services from './services';

/**
 * Server side of the review plugin: the workflow engine, criteria
 * checklists, decisions and the audit trail of the "Dân vận khéo" review.
 */
export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    registerGuards(strapi);
    await registerActions(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    protectAuditTrail(strapi);
    await registerScopeCondition(strapi);
  },
  destroy() {},
  config: {
    default: {},
    validator() {},
  },
  contentTypes,
  controllers,
  services,
  policies: {},
  middlewares: {},
  routes,
};
