import { factories } from '@strapi/strapi';

import { countInserted } from '../../../domain/initiative-cube';
import { ruleViolation, type RuleInput } from '../../../domain/middlewares/initiative-rules';
import { searchTextOf } from '../../../domain/middlewares/search-text';
import { newSlugs } from '../../../domain/middlewares/slug';
import { takePublicVersions } from '../../../domain/public-version';
import { initiativeStatistics, statisticsWithFunnel, topOwnerUnits, type StatisticsScope } from '../../../domain/statistics';

/** The texts of a model a bulk import inserts with SQL. */
type BulkTexts = {
  title: string;
  summary: string | null;
  content: string | null;
  results: string | null;
  subjectType: 'collective' | 'individual';
  personName: string | null;
};

export default factories.createCoreService('api::initiative.initiative', ({ strapi }) => ({
  /** Counts for a year or span of years, province-wide or for a unit's subtree, some unit kinds or all (see domain/statistics). */
  async statistics(options: StatisticsScope) {
    return initiativeStatistics(strapi, options);
  },

  /** The first rule of a stored model that these values break, or null (see domain/middlewares/initiative-rules). */
  ruleViolation(input: RuleInput): { field: string; message: string } | null {
    return ruleViolation(input);
  },

  /** The slug and search text each of these new models gets, as the document service would give them one by one. */
  async bulkInsertTexts(rows: BulkTexts[]): Promise<Array<{ slug: string; searchText: string }>> {
    const slugs = await newSlugs(strapi, 'api::initiative.initiative', rows.map((row) => row.title));
    return rows.map((row, index) => ({ slug: slugs[index], searchText: searchTextOf('api::initiative.initiative', row) }));
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
