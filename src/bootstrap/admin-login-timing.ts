/**
 * Admin login (`POST /admin/login` → passport → `admin::auth`.checkCredentials)
 * answers an unknown email after the same bcrypt work as a wrong password
 * (src/domain/login-timing.ts). The answer itself was already the same
 * ("Invalid credentials", 400).
 */
import type { Core } from '@strapi/strapi';

import { createDummyCompare } from '../domain/login-timing';

type Credentials = { email: string; password: string };

type AdminAuthService = {
  checkCredentials(credentials: Credentials): Promise<unknown>;
  validatePassword(password: string, hash: string): Promise<boolean>;
  hashPassword(password: string): Promise<string>;
};

export async function equaliseAdminLoginTiming(strapi: Core.Strapi): Promise<void> {
  const auth = () => strapi.service('admin::auth') as unknown as AdminAuthService;
  const dummy = createDummyCompare((password) => auth().hashPassword(password));
  strapi.get('services').extend('admin::auth', (current: AdminAuthService): AdminAuthService => ({
    ...current,
    async checkCredentials(credentials) {
      // The same lookup Strapi makes next, so both paths cost two indexed reads and one compare.
      const user = (await strapi.db
        .query('admin::user')
        .findOne({ where: { email: credentials.email }, select: ['id', 'password'] })) as { password?: string | null } | null;
      // Through the service (not a captured function), so a test can observe the compare.
      if (!user?.password) await dummy.run(credentials.password, (password, hash) => auth().validatePassword(password, hash));
      return current.checkCredentials(credentials);
    },
  }));
  await dummy.prime();
}
