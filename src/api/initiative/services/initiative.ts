import { factories } from '@strapi/strapi';

import { withDeferredCube } from '../../../domain/initiative-cube';
import { initiativeStatistics, statisticsWithFunnel, topOwnerUnits, type StatisticsScope } from '../../../domain/statistics';

export default factories.createCoreService('api::initiative.initiative', ({ strapi }) => ({
  /** Counts for a year or span of years, province-wide or for a unit's subtree, some unit kinds or all (see domain/statistics). */
  async statistics(options: StatisticsScope) {
    return initiativeStatistics(strapi, options);
  },

  /** Runs a bulk write inside the caller's transaction with the statistics counts updated once at its end (see domain/initiative-cube). */
  async withDeferredCounts<T>(fn: () => Promise<T>): Promise<T> {
    return withDeferredCube(strapi, fn);
  },

  /** The statistics and the review funnel together: what the public statistics endpoint and the admin dashboard show. */
  async statisticsWithFunnel(options: StatisticsScope) {
    return statisticsWithFunnel(strapi, options);
  },

  /** The units that registered the most models in the scope (see domain/statistics). */
  async topUnits(options: StatisticsScope, limit: number) {
    return topOwnerUnits(strapi, options, limit);
  },
}));
