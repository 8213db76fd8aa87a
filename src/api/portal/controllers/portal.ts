import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { checkHealth } from '../lib/health';

const portalController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/portal/health — for load balancers: 200 when the database answers, 503 otherwise. */
  async health(ctx: Context) {
    const report = await checkHealth(strapi);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = report.status === 'ok' ? 200 : 503;
    ctx.body = report;
  },
});

export default portalController;
