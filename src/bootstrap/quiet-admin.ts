import type { Core } from '@strapi/strapi';

const MARKETPLACE = 'admin::marketplace.read';

/**
 * A quiet admin for this deployment: no marketplace (plugins come through code
 * review, never from the admin). Strapi's admin registers the action and gives it
 * to the Super Admin role at each start, before this runs; removing both hides the
 * menu link and the settings entry. (Tour, release notices and cloud upsells are
 * turned off in src/admin/app.tsx and config/admin.ts.)
 */
export async function quietAdmin(strapi: Core.Strapi): Promise<void> {
  const permissions = strapi.service('admin::permission') as unknown as { actionProvider: { delete(key: string): Promise<unknown> } };
  await permissions.actionProvider.delete(MARKETPLACE);
  await strapi.db.query('admin::permission').deleteMany({ where: { action: MARKETPLACE } });
}
