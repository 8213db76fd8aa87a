import type { Core } from '@strapi/strapi';

/** Password of every demo account (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'DanVan@2025';

type AdminAccount = { email: string; firstname: string; lastname: string; role: string; reviewsFor?: string };

/** Admin-panel accounts, one per role, acting for units of the demo province (by unit code). */
const ADMIN_ACCOUNTS: AdminAccount[] = [
  { email: 'bientap@danvan.local', firstname: 'Lê Thu', lastname: 'Hà', role: 'dvk-editor' },
  { email: 'phongvien@danvan.local', firstname: 'Đỗ Minh', lastname: 'Khoa', role: 'dvk-reporter' },
  { email: 'xetduyet.tinh@danvan.local', firstname: 'Trần Văn', lastname: 'Bình', role: 'dvk-reviewer', reviewsFor: 'SH' },
  { email: 'lanhdao@danvan.local', firstname: 'Nguyễn Thị', lastname: 'Mai', role: 'dvk-leadership', reviewsFor: 'SH' },
];

/** A unit officer (users-permissions) of a commune: its models go straight to the province. */
const OFFICER = { email: 'canbo.anthinh@danvan.local', username: 'canbo.anthinh', unitCode: 'SH-X103' };

const unitId = async (strapi: Core.Strapi, code: string) => {
  const unit = (await strapi.db.query('api::unit.unit').findOne({ where: { code }, select: ['id'] })) as { id: number } | null;
  if (!unit) throw new Error(`Demo accounts: no unit with code ${code}`);
  return unit.id;
};

/** Creates the demo accounts that do not exist yet; returns how many demo accounts exist. */
export async function seedAccounts(strapi: Core.Strapi): Promise<number> {
  for (const account of ADMIN_ACCOUNTS) {
    const existing = await strapi.db.query('admin::user').findOne({ where: { email: account.email } });
    if (existing) continue;
    const role = (await strapi.db.query('admin::role').findOne({ where: { code: account.role } })) as { id: number } | null;
    if (!role) throw new Error(`Demo accounts: role ${account.role} is missing`);
    const user = (await strapi.service('admin::user').create({
      email: account.email,
      firstname: account.firstname,
      lastname: account.lastname,
      password: DEMO_PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
      preferedLanguage: 'vi',
    })) as { id: number };
    if (account.reviewsFor) {
      await strapi.db.query('plugin::review.reviewer').create({
        data: { user: user.id, unit: await unitId(strapi, account.reviewsFor), active: true },
      });
    }
  }

  const officer = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: OFFICER.email } });
  if (!officer) {
    const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'officer' } })) as { id: number };
    await strapi.plugin('users-permissions').service('user').add({
      username: OFFICER.username,
      email: OFFICER.email,
      password: DEMO_PASSWORD,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
      unit: await unitId(strapi, OFFICER.unitCode),
    });
  }
  return ADMIN_ACCOUNTS.length + 1;
}
