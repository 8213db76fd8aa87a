import { factories } from '@strapi/strapi';

import { initiativeStatistics } from '../../../domain/statistics';

export default factories.createCoreService('api::initiative.initiative', ({ strapi }) => ({
  /** Counts for a year, province-wide or for a unit's subtree (see domain/statistics). */
  async statistics(options: { year: number; unitId?: number | null }) {
    return initiativeStatistics(strapi, options);
  },
}));
