import { factories } from '@strapi/strapi';

import { initiativeStatistics, type StatisticsScope } from '../../../domain/statistics';

export default factories.createCoreService('api::initiative.initiative', ({ strapi }) => ({
  /** Counts for a year or span of years, province-wide or for a unit's subtree, some unit kinds or all (see domain/statistics). */
  async statistics(options: StatisticsScope) {
    return initiativeStatistics(strapi, options);
  },
}));
