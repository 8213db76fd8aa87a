/**
 * Users-permissions, as unit officers use it:
 * - an officer is a user linked to the unit they act for;
 * - `POST /api/auth/local` answers an unknown identifier after the same
 *   bcrypt work as a wrong password (src/domain/login-timing.ts);
 * - `POST /api/auth/forgot-password` answers `{ ok: true }` at once, whether
 *   or not the email exists and whether or not the mail can be sent (a
 *   failure is logged), instead of a 500 that told which emails have accounts.
 * Limits on these routes are in src/middlewares/login-guard.ts.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';

import { createDummyCompare } from '../../domain/login-timing';
import { invalid } from '../../domain/validation';

type Handler = (ctx: Context) => Promise<unknown>;
type AuthController = Record<string, unknown> & { callback: Handler; forgotPassword: Handler };
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

// As strict as Strapi's schema for this body ({ email }, nothing else).
const forgotPasswordBody = z.object({ email: z.email() }).strict();

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
    async forgotPassword(ctx) {
      // Strapi's own check, made first: a malformed email is the caller's mistake and says nothing about accounts.
      if (!forgotPasswordBody.safeParse(bodyOf(ctx)).success) throw invalid('email', 'Địa chỉ email không hợp lệ.');
      // Strapi's handler looks the user up, stores a reset token and sends the mail only when the
      // email exists: awaited, that work made a known email slower, and a mail failure a 500.
      // It starts once the answer has been written (setImmediate runs after Koa's response,
      // which is therefore the same for every email); its late `ctx.send` is ignored by Koa.
      setImmediate(() => {
        controller.forgotPassword(ctx).catch((error: unknown) => {
          strapi.log.error(`Password reset email not sent: ${error instanceof Error ? error.message : String(error)}`);
        });
      });
      ctx.status = 200;
      ctx.body = { ok: true };
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
