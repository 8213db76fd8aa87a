import type { Core } from '@strapi/strapi';

export const DEFAULT_DEMO_ADMIN = {
  email: 'admin@danvan.local',
  password: 'DanVan@2025',
} as const;

type SuperAdminRole = { id: number };

/**
 * Outside production, create a Super Admin with documented credentials when
 * no admin exists yet, so a newcomer can open /admin right after the demo
 * command. Disabled with DEMO_ADMIN=false and never active in production.
 */
export async function ensureDemoAdmin(strapi: Core.Strapi): Promise<boolean> {
  if (process.env.NODE_ENV === 'production' || process.env.DEMO_ADMIN === 'false') return false;

  const email = process.env.DEMO_ADMIN_EMAIL || DEFAULT_DEMO_ADMIN.email;
  const password = process.env.DEMO_ADMIN_PASSWORD || DEFAULT_DEMO_ADMIN.password;
  const existing = await strapi.db.query('admin::user').count();
  if (existing > 0) {
    if (await strapi.db.query('admin::user').count({ where: { email } })) {
      strapi.log.info(`Demo login: ${email} / ${password} (see README for the other demo accounts)`);
    }
    return false;
  }

  const superAdmin = (await strapi.service('admin::role').getSuperAdmin()) as SuperAdminRole | null;
  if (!superAdmin) return false;

  await strapi.service('admin::user').create({
    email,
    firstname: 'Quản trị',
    lastname: 'Demo',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Demo admin created: ${email} / ${password} (set DEMO_ADMIN=false to disable)`);
  return true;
}
