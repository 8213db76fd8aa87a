/**
 * Users-permissions, as unit officers use it:
 * - an officer is a user linked to the unit they act for;
 * - `POST /api/auth/local` answers an unknown identifier after the same
 *   bcrypt work as a wrong password (src/domain/login-timing.ts).
 * Limits on these routes are in src/middlewares/login-guard.ts.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';

import { createDummyCompare } from '../../domain/login-timing';

type Handler = (ctx: Context) => Promise<unknown>;
type AuthController = Record<string, unknown> & { callback: Handler };
type AuthControllerFactory = (deps: { strapi: Core.Strapi }) => AuthController;

type UserService = {
  validatePassword(password: string, hash: string): Promise<boolean>;
  ensureHashedPasswords(values: { password: string }): Promise<{ password: string }>;
};

type PluginWithUser = {
  contentTypes: { user: { schema: { attributes: Record<string, unknown> } } };
  controllers: { auth: AuthControllerFactory } & Record<string, unknown>;
};

const bodyOf = (ctx: Context): Record<string, unknown> => {
  const body = (ctx.request as { body?: unknown }).body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
};

const officerAuth = (strapi: Core.Strapi, controller: AuthController): AuthController => {
  const users = () => strapi.plugin('users-permissions').service('user') as unknown as UserService;
  // ensureHashedPasswords hashes with the user model's configured bcrypt cost, as real passwords are.
  const dummy = createDummyCompare(async (password) => (await users().ensureHashedPasswords({ password })).password);
  void dummy.prime().catch((error: unknown) => strapi.log.error(`Could not prepare the officer login dummy hash: ${String(error)}`));

  return {
    ...controller,
    async callback(ctx) {
      const { identifier, password } = bodyOf(ctx);
      const provider = (ctx.params as { provider?: string } | undefined)?.provider ?? 'local';
      if (provider === 'local' && typeof identifier === 'string' && identifier && typeof password === 'string' && password) {
        // The same lookup Strapi makes next, so both paths cost two indexed reads and one compare.
        const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
          select: ['id', 'password'],
          where: { provider, $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
        })) as { password?: string | null } | null;
        if (!user?.password) await dummy.run(password, (candidate, hash) => users().validatePassword(candidate, hash));
      }
      return controller.callback(ctx);
    },
  };
};

export default (plugin: PluginWithUser) => {
  plugin.contentTypes.user.schema.attributes.unit = {
    type: 'relation',
    relation: 'manyToOne',
    target: 'api::unit.unit',
  };

  const authController = plugin.controllers.auth;
  plugin.controllers.auth = (deps) => officerAuth(deps.strapi, authController(deps));

  return plugin;
};
