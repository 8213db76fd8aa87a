/**
 * "Thống kê phong trào" in the admin: the figures of the dashboard and the
 * XLSX/CSV exports (statistics tables, the directory of recognised models
 * with their decisions, the review queue under any filter). Every check runs
 * before a file starts streaming, so a refusal is a clean 4xx.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import {
  DIRECTORY_EXPORT_COLUMNS,
  QUEUE_EXPORT_COLUMNS,
  STATISTICS_TABLE_KEYS,
  STATISTICS_TABLES,
  spanLabel,
  statisticsTable,
  type TableRow,
} from '../../../shared/statistics-tables';
import { badRequest } from '../errors';
import { messages } from '../messages';
import type { Dashboard } from '../services/dashboard';
import type { Queue, QueueQuery } from '../services/queue';
import { reviewerActor, type AdminUserLike } from '../services/scope';
import { sendTable, type Sheet } from '../services/table-writer';
import { directoryExportQuery, parse, queueExportQuery, statisticsExportQuery, statisticsQuery } from '../validation';
import { respond } from './respond';

const dashboardController = ({ strapi }: { strapi: Core.Strapi }) => {
  const dashboard = () => strapi.plugin('review').service('dashboard') as Dashboard;
  const queues = () => strapi.plugin('review').service('queue') as Queue;
  const userOf = (ctx: Context) => ctx.state.user as AdminUserLike;
  const onError = (what: string) => (error: unknown) => strapi.log.error(`[review] export ${what} failed: ${error instanceof Error ? error.stack : String(error)}`);

  return {
    async statistics(ctx: Context) {
      await respond(ctx, async () => dashboard().report(userOf(ctx), parse(statisticsQuery, ctx.query)));
    },

    async statisticsOptions(ctx: Context) {
      await respond(ctx, async () => dashboard().options(userOf(ctx)));
    },

    /** The dashboard's tables: all as sheets of one workbook, or one table (XLSX or CSV). */
    async exportStatistics(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const query = parse(statisticsExportQuery, ctx.query);
          const table = query.table === undefined ? undefined : statisticsTable(query.table);
          if (query.table !== undefined && !table) throw badRequest(messages.statisticsTableUnknown(STATISTICS_TABLE_KEYS.join(', ')));
          if (query.format === 'csv' && !table) throw badRequest(messages.csvOneTable);
          const report = await dashboard().report(userOf(ctx), query);
          const tables = table ? [table] : STATISTICS_TABLES;
          const where = report.scope.name ? ` - ${report.scope.name}` : '';
          sendTable(ctx, {
            format: query.format,
            filename: `Thống kê phong trào ${spanLabel(report.from, report.to)}${table ? ` - ${table.title}` : ''}${where}`,
            sheets: tables.map((entry) => ({ name: entry.title, columns: entry.columns, rows: entry.rows(report) })),
            onError: onError('statistics'),
          });
          return undefined;
        },
        200,
        { raw: true }
      );
    },

    /** Recognised models of a year or span in the scope, with their latest decision. */
    async exportDirectory(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const query = parse(directoryExportQuery, ctx.query);
          const { owners } = await dashboard().directoryScope(userOf(ctx), query);
          const sheet: Sheet = {
            name: 'Mô hình được công nhận',
            columns: DIRECTORY_EXPORT_COLUMNS,
            rows: dashboard().directoryRows({ owners, from: query.from, to: query.to, field: query.field, level: query.level }),
          };
          sendTable(ctx, { format: query.format, filename: `Mô hình được công nhận ${spanLabel(query.from, query.to)}`, sheets: [sheet], onError: onError('directory') });
          return undefined;
        },
        200,
        { raw: true }
      );
    },

    /** The reviewer's queue under the same tab, filters and order as the screen, every page. */
    async exportQueue(ctx: Context) {
      await respond(
        ctx,
        async () => {
          const { format, ...query } = parse(queueExportQuery, ctx.query);
          const actor = await reviewerActor(strapi, userOf(ctx));
          const pages = queues().exportPages(actor, query as Omit<QueueQuery, 'page' | 'pageSize'>);
          const service = dashboard();
          async function* rows(): AsyncGenerator<TableRow> {
            let next = 1;
            for await (const page of pages) {
              yield* service.queueRows(page, next);
              next += page.length;
            }
          }
          sendTable(ctx, { format, filename: `Hồ sơ cần xét - ${actor.unitName}`, sheets: [{ name: 'Hồ sơ cần xét', columns: QUEUE_EXPORT_COLUMNS, rows: rows() }], onError: onError('queue') });
          return undefined;
        },
        200,
        { raw: true }
      );
    },
  };
};

export default dashboardController;
