import { factories } from '@strapi/strapi';

import { countInserted } from '../../../domain/initiative-cube';
import { ruleViolation, type RuleInput } from '../../../domain/middlewares/initiative-rules';
import { searchTextOf } from '../../../domain/middlewares/search-text';
import { slugAllocator } from '../../../domain/middlewares/slug';
import { takePublicVersions } from '../../../domain/public-version';
import { initiativeStatistics, statisticsWithFunnel, topOwnerUnits, type StatisticsScope } from '../../../domain/statistics';

export default factories.createCoreService('api::initiative.initiative', ({ strapi }) => ({
  /** Counts for a year or span of years, province-wide or for a unit's subtree, some unit kinds or all (see domain/statistics). */
  async statistics(options: StatisticsScope) {
    return initiativeStatistics(strapi, options);
  },

  /** The first rule of a stored model that these values break, or null (see domain/middlewares/initiative-rules). */
  ruleViolation(input: RuleInput): { field: string; message: string } | null {
    return ruleViolation(input);
  },

  /**
   * Gives new models' slugs as the document service would give them one by
   * one: the stored slugs are read once, then each call takes the next free one.
   */
  async slugAllocator(): Promise<(title: string) => string> {
    return slugAllocator(strapi, 'api::initiative.initiative');
  },

  /** A new model's search text, as the document service stores it. */
  searchTextOf(texts: Record<string, string | null>): string {
    return searchTextOf('api::initiative.initiative', texts);
  },

  /**
   * Models a bulk import inserted with SQL inside the caller's transaction:
   * counted in the statistics, and those with a recognition given their public version.
   */
  async afterBulkInsert(ids: number[], recognisedIds: number[]): Promise<void> {
    await countInserted(strapi, ids);
    for (let start = 0; start < recognisedIds.length; start += 1000) await takePublicVersions(strapi, recognisedIds.slice(start, start + 1000));
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
