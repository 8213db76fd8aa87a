/**
 * "Tạo báo cáo tổng kết" (permission `plugin::review.create-report`): the
 * choices of the form, and the generation of the year-end report draft
 * (the app's `api::article.year-report` service writes the article).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import type { YearReportResult } from '../../../shared/imports';
import { fullName, type AdminUserLike } from '../services/scope';
import { parse, yearReportBody } from '../validation';
import { respond } from './respond';

type YearReportService = { generate(input: { year: number; unit?: string | null; category: string; author?: string | null }): Promise<YearReportResult> };

export type ReportOptions = {
  years: number[];
  categories: Array<{ documentId: string; name: string }>;
  units: Array<{ code: string; name: string; kind: string | null }>;
};

const reportsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  async options(ctx: Context) {
    await respond(ctx, async (): Promise<ReportOptions> => {
      const [periods, categories, units] = (await Promise.all([
        strapi.db.query('api::period.period').findMany({ select: ['year'], orderBy: { year: 'desc' } }),
        strapi.db.query('api::category.category').findMany({ select: ['documentId', 'name'], orderBy: [{ order: 'asc' }, { name: 'asc' }] }),
        // Units that review (province, districts, communes): the scopes a report is written for.
        strapi.db.query('api::unit.unit').findMany({
          select: ['code', 'name'],
          where: { code: { $notNull: true }, kind: { canReview: true } },
          populate: { kind: { select: ['name', 'tier'] } },
          orderBy: { name: 'asc' },
        }),
      ])) as [Array<{ year: number }>, Array<{ documentId: string; name: string }>, Array<{ code: string; name: string; kind: { name: string; tier: number | null } | null }>];
      return {
        years: periods.map((period) => period.year),
        categories,
        units: units
          .sort((a, b) => (a.kind?.tier ?? 99) - (b.kind?.tier ?? 99) || a.name.localeCompare(b.name, 'vi'))
          .map((unit) => ({ code: unit.code, name: unit.name, kind: unit.kind?.name ?? null })),
      };
    });
  },

  async create(ctx: Context) {
    await respond(ctx, async () => {
      const body = parse(yearReportBody, ctx.request.body);
      const service = strapi.service('api::article.year-report') as unknown as YearReportService;
      return service.generate({ ...body, author: fullName(ctx.state.user as AdminUserLike) });
    });
  },
});

export default reportsController;
