import { factories } from '@strapi/strapi';

import { withDeferredCube } from '../../../domain/initiative-cube';
import { initiativeStatistics, type StatisticsScope } from '../../../domain/statistics';

export default factories.createCoreService('api::initiative.initiative', ({ strapi }) => ({
  /** Counts for a year or span of years, province-wide or for a unit's subtree, some unit kinds or all (see domain/statistics). */
  async statistics(options: StatisticsScope) {
    return initiativeStatistics(strapi, options);
  },

  /** Runs a bulk write inside the caller's transaction with the statistics counts updated once at its end (see domain/initiative-cube). */
  async withDeferredCounts<T>(fn: () => Promise<T>): Promise<T> {
    return withDeferredCube(strapi, fn);
  },
}));
