import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';

import { newsroomOverview } from '../domain/newsroom/overview';

type Ability = { can(action: string, subject?: string): boolean };

/**
 * `GET /admin/newsroom/overview`: the newsroom's homepage widgets, for admins
 * who may read articles in the Content Manager (403 for the others).
 */
export function registerNewsroomAdminRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/newsroom/overview',
        handler: async (ctx: Context) => {
          const ability = ctx.state.userAbility as Ability | undefined;
          if (!ability?.can('plugin::content-manager.explorer.read', 'api::article.article')) {
            throw new errors.ForbiddenError('Bạn không có quyền xem tin bài.');
          }
          const user = ctx.state.user as { id: number };
          ctx.set('Cache-Control', 'no-store');
          ctx.body = { data: await newsroomOverview(strapi, user.id) };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
