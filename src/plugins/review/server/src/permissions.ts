/**
 * Admin actions, the scope condition and the roles of the review, created at
 * start-up. Roles are created once; an administrator's later changes to them
 * are kept.
 */
import type { Core } from '@strapi/strapi';

import { reviewerActor, scopeWhere, type AdminUserLike } from './services/scope';
import { ReviewError } from './errors';

export const ACTIONS = {
  /** Read the queue, a model with its checklist and history, and its evidence in scope. */
  review: 'plugin::review.review',
  /** Record criterion results (the checklist). */
  assess: 'plugin::review.assess',
  /** Take decisions: start, recognise, return, decline, propose. */
  decide: 'plugin::review.decide',
  /** See the review statistics (the dashboard's funnel). */
  readStatistics: 'plugin::review.read-statistics',
  decideBatch: 'plugin::review.decide-batch',
  readAllEvidence: 'plugin::review.read-all-evidence',
  record: 'plugin::review.record',
  /** Moderate readers' comments: approve, reject, mark as spam, delete, reply as "Ban biên tập", close an article. */
  moderateComments: 'plugin::review.moderate-comments',
  /** Generate the year-end report draft (an article with the statistics workbook). */
  createReport: 'plugin::review.create-report',
  /** See e-mails given up after the retry limit, and queue them again. */
  manageNotifications: 'plugin::review.manage-notifications',
} as const;

export const SCOPE_CONDITION = 'plugin::review.in-review-scope';

export const ROLES = {
  editor: { code: 'dvk-editor', name: 'Biên tập viên', description: 'Viết, biên tập và xuất bản tin bài.' },
  reporter: {
    code: 'dvk-reporter',
    name: 'Phóng viên',
    description: 'Viết và sửa bản nháp tin bài; không xuất bản, không hẹn giờ đăng, không ghim hay đặt tin nổi bật.',
  },
  reviewer: { code: 'dvk-reviewer', name: 'Cán bộ xét duyệt', description: 'Xét duyệt mô hình của các đơn vị thuộc phạm vi.' },
  leadership: {
    code: 'dvk-leadership',
    name: 'Lãnh đạo cấp tỉnh',
    description: 'Xét duyệt và ra quyết định công nhận mô hình theo lô ở cấp tỉnh.',
  },
  recorder: {
    code: 'dvk-recorder',
    name: 'Cán bộ số hóa hồ sơ',
    description: 'Đăng ký mô hình thay đơn vị ở mọi đợt và ghi nhận kết quả xét duyệt từ hồ sơ giấy của các năm đã qua.',
  },
} as const;

export const OFFICER_ROLE = { type: 'officer', name: 'Cán bộ đơn vị', description: 'Đăng ký và theo dõi mô hình của đơn vị.' };

export async function registerActions(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Xem hồ sơ cần xét (hàng đợi, hồ sơ, lịch sử)', uid: 'review', pluginName: 'review' },
    { section: 'plugins', displayName: 'Đánh giá tiêu chí', uid: 'assess', pluginName: 'review' },
    { section: 'plugins', displayName: 'Quyết định xét duyệt (công nhận, trả lại, không công nhận, đề nghị)', uid: 'decide', pluginName: 'review' },
    { section: 'plugins', displayName: 'Xem thống kê xét duyệt', uid: 'read-statistics', pluginName: 'review' },
    { section: 'plugins', displayName: 'Quyết định công nhận theo lô', uid: 'decide-batch', pluginName: 'review' },
    { section: 'plugins', displayName: 'Xem minh chứng của mọi đơn vị', uid: 'read-all-evidence', pluginName: 'review' },
    {
      section: 'plugins',
      displayName: 'Đăng ký thay đơn vị và ghi nhận kết quả từ hồ sơ giấy (mọi đợt)',
      uid: 'record',
      pluginName: 'review',
    },
    { section: 'plugins', displayName: 'Kiểm duyệt bình luận của bạn đọc', uid: 'moderate-comments', pluginName: 'review' },
    { section: 'plugins', displayName: 'Tạo báo cáo tổng kết (bản nháp tin bài)', uid: 'create-report', pluginName: 'review' },
    { section: 'plugins', displayName: 'Xem và gửi lại email thông báo gửi lỗi', uid: 'manage-notifications', pluginName: 'review' },
  ]);
}

export async function registerScopeCondition(strapi: Core.Strapi): Promise<void> {
  await strapi.service('admin::permission').conditionProvider.register({
    displayName: 'Trong phạm vi xét duyệt của đơn vị',
    name: 'in-review-scope',
    plugin: 'review',
    category: 'Xét duyệt',
    async handler(user: AdminUserLike) {
      try {
        return await scopeWhere(strapi, await reviewerActor(strapi, user));
      } catch (error) {
        if (error instanceof ReviewError) return false;
        throw error;
      }
    },
  });
}

type Permission = { action: string; subject?: string | null; properties?: { fields?: string[] }; conditions?: string[] };

const CM = (verb: string) => `plugin::content-manager.explorer.${verb}`;

const contentPermissions = (strapi: Core.Strapi, uid: string, verbs: string[], conditions: string[] = [], withheld: string[] = []): Permission[] => {
  const fields = (
    strapi.service('admin::content-type').getNestedFields(strapi.contentTypes[uid as never], {
      components: strapi.components,
    }) as string[]
  ).filter((field) => !withheld.includes(field));
  return verbs.map((verb) => ({
    action: CM(verb),
    subject: uid,
    properties: ['create', 'read', 'update'].includes(verb) ? { fields } : {},
    conditions,
  }));
};

/** Article fields that publish or promote it: editors set them, reporters do not. */
export const EDITORS_ONLY_FIELDS = ['publishAt', 'featured', 'featuredUntil', 'pinnedUntil'];

const NEWS = ['api::article.article', 'api::category.category', 'api::tag.tag'];
const REFERENCE = ['api::unit.unit', 'api::unit-kind.unit-kind', 'api::field.field', 'api::period.period', 'api::criteria-set.criteria-set'];
const MEDIA = ['plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update', 'plugin::upload.assets.download', 'plugin::upload.assets.copy-link'];

function rolePermissions(strapi: Core.Strapi, role: keyof typeof ROLES): Permission[] {
  const media = MEDIA.map((action) => ({ action }));
  if (role === 'editor') {
    return [
      ...NEWS.flatMap((uid) => contentPermissions(strapi, uid, uid === 'api::article.article' ? ['create', 'read', 'update', 'delete', 'publish'] : ['create', 'read', 'update', 'delete'])),
      ...contentPermissions(strapi, 'api::site.site', ['read']),
      ...media,
      { action: ACTIONS.moderateComments },
    ];
  }
  if (role === 'reporter') {
    // Drafts only: no publish action, and the fields that publish or promote an article
    // (the schedule, pinning, featuring) are read-only for them.
    return [
      ...contentPermissions(strapi, 'api::article.article', ['create', 'update'], [], EDITORS_ONLY_FIELDS),
      ...contentPermissions(strapi, 'api::article.article', ['read']),
      ...['api::category.category', 'api::tag.tag', 'api::site.site'].flatMap((uid) => contentPermissions(strapi, uid, ['read'])),
      ...media,
    ];
  }
  if (role === 'recorder') {
    return [
      { action: ACTIONS.record },
      { action: ACTIONS.createReport },
      ...contentPermissions(strapi, 'api::initiative.initiative', ['read']),
      ...REFERENCE.flatMap((uid) => contentPermissions(strapi, uid, ['read'])),
    ];
  }
  const review = [
    ...REVIEWER_ACTIONS,
    ...contentPermissions(strapi, 'api::initiative.initiative', ['read'], [SCOPE_CONDITION]),
    ...REFERENCE.flatMap((uid) => contentPermissions(strapi, uid, ['read'])),
    { action: 'plugin::upload.read' },
  ];
  return role === 'leadership' ? [...review, ...LEADERSHIP_EXTRA] : review;
}

/** What every reviewer (and the leadership) may do in the review workspace. */
const REVIEWER_ACTIONS: Permission[] = [ACTIONS.review, ACTIONS.assess, ACTIONS.decide, ACTIONS.readStatistics].map((action) => ({ action }));

/** The leadership signs batch decisions and uploads the signed file with them. */
const LEADERSHIP_EXTRA: Permission[] = [{ action: ACTIONS.decideBatch }, { action: 'plugin::upload.assets.create' }, { action: ACTIONS.createReport }];

/**
 * Permissions added to a role after it was first created, applied once per
 * installation (recorded in the core store), so a later removal by an
 * administrator is respected.
 */
const ROLE_UPGRADES: Array<{ id: string; role: keyof typeof ROLES; permissions: Permission[] }> = [
  { id: '2026-12-leadership-upload', role: 'leadership', permissions: [{ action: 'plugin::upload.assets.create' }] },
  { id: '2026-12-review-workspace-reviewer', role: 'reviewer', permissions: REVIEWER_ACTIONS },
  { id: '2026-12-review-workspace-leadership', role: 'leadership', permissions: REVIEWER_ACTIONS },
  { id: '2026-12-comment-moderation', role: 'editor', permissions: [{ action: ACTIONS.moderateComments }] },
  { id: '2026-12-year-report-leadership', role: 'leadership', permissions: [{ action: ACTIONS.createReport }] },
  { id: '2026-12-year-report-recorder', role: 'recorder', permissions: [{ action: ACTIONS.createReport }] },
];

/**
 * Fields added to the article after the editor role was created (the schedule, the featured
 * end): the editor's article create/update permissions get them once per installation.
 */
const EDITOR_FIELD_UPGRADES: Array<{ id: string; fields: string[] }> = [{ id: '2026-12-newsroom-editor-fields', fields: ['publishAt', 'featuredUntil'] }];

async function upgradeEditorFields(strapi: Core.Strapi, applied: Set<string>): Promise<void> {
  const role = (await strapi.service('admin::role').findOne({ code: ROLES.editor.code })) as { id: number } | null;
  for (const upgrade of EDITOR_FIELD_UPGRADES) {
    if (applied.has(upgrade.id)) continue;
    if (role) {
      const permissions = (await strapi.db.query('admin::permission').findMany({
        where: { role: { id: role.id }, subject: 'api::article.article', action: { $in: [CM('create'), CM('update'), CM('read')] } },
      })) as Array<{ id: number; properties?: { fields?: string[] } | null }>;
      for (const permission of permissions) {
        const fields = permission.properties?.fields;
        if (!fields) continue;
        const missing = upgrade.fields.filter((field) => !fields.includes(field));
        if (missing.length) {
          await strapi.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { ...permission.properties, fields: [...fields, ...missing] } } });
        }
      }
    }
    applied.add(upgrade.id);
  }
}

async function upgradeAdminRoles(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'review', key: 'role-upgrades' });
  const applied = new Set(((await store.get()) as string[] | null) ?? []);
  const roles = strapi.service('admin::role');
  for (const upgrade of ROLE_UPGRADES) {
    if (applied.has(upgrade.id)) continue;
    const role = (await roles.findOne({ code: ROLES[upgrade.role].code })) as { id: number } | null;
    if (role) {
      const existing = (await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } }, select: ['action'] })) as Array<{ action: string }>;
      const missing = upgrade.permissions.filter((permission) => !existing.some((row) => row.action === permission.action));
      for (const permission of missing) {
        await strapi.db.query('admin::permission').create({ data: { ...permission, properties: {}, conditions: [], role: role.id } });
      }
    }
    applied.add(upgrade.id);
  }
  await upgradeEditorFields(strapi, applied);
  await store.set({ value: [...applied] });
}

/** Creates the admin roles that do not exist yet, with their permissions. */
export async function ensureAdminRoles(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role');
  for (const key of Object.keys(ROLES) as Array<keyof typeof ROLES>) {
    const { code, name, description } = ROLES[key];
    const existing = await roles.findOne({ code });
    if (existing) continue;
    const role = (await roles.create({ name, code, description })) as { id: number };
    await roles.assignPermissions(role.id, rolePermissions(strapi, key));
  }
  await upgradeAdminRoles(strapi);
}

/** The officer's own inbox and preferences (controller `notifications`). */
const NOTIFICATION_HANDLERS = ['inbox', 'unread', 'markRead', 'preferences', 'setPreferences'];
const NOTIFICATION_ACTIONS = NOTIFICATION_HANDLERS.map((handler) => `plugin::review.notifications.${handler}`);

const OFFICER_ACTIONS = [
  'me',
  'replicationSources',
  'find',
  'findOne',
  'create',
  'update',
  'uploadEvidence',
  'downloadEvidence',
  'removeEvidence',
  'evidencePolicy',
  'uploadImage',
  'removeImage',
  'submit',
  'withdraw',
  'history',
].map(
  (handler) => `plugin::review.officer.${handler}`
).concat(['plugin::users-permissions.auth.changePassword'], NOTIFICATION_ACTIONS);

/**
 * Officer permissions added after the role was first created, applied once
 * per installation (recorded in the core store), so a later removal by an
 * administrator is respected.
 */
const OFFICER_UPGRADES: Array<{ id: string; actions: string[] }> = [
  {
    id: '2026-12-officer-portal',
    actions: ['plugin::review.officer.me', 'plugin::review.officer.replicationSources', 'plugin::users-permissions.auth.changePassword'],
  },
  {
    id: '2026-12-officer-images',
    actions: ['plugin::review.officer.uploadImage', 'plugin::review.officer.removeImage'],
  },
  { id: '2026-12-officer-notifications', actions: NOTIFICATION_ACTIONS },
];

async function upgradeOfficerRole(strapi: Core.Strapi, roleId: number): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'review', key: 'officer-upgrades' });
  const applied = new Set(((await store.get()) as string[] | null) ?? []);
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const upgrade of OFFICER_UPGRADES) {
    if (applied.has(upgrade.id)) continue;
    const existing = (await permissions.findMany({ where: { role: { id: roleId } }, select: ['action'] })) as Array<{ action: string }>;
    for (const action of upgrade.actions.filter((candidate) => !existing.some((row) => row.action === candidate))) {
      await permissions.create({ data: { action, role: roleId } });
    }
    applied.add(upgrade.id);
  }
  await store.set({ value: [...applied] });
}

/** The users-permissions role of unit officers, and no self-registration (officers are created by administrators). */
export async function ensureOfficerRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.db.query('plugin::users-permissions.role');
  let role = (await roles.findOne({ where: { type: OFFICER_ROLE.type } })) as { id: number } | null;
  if (!role) {
    role = (await roles.create({ data: OFFICER_ROLE })) as { id: number };
    for (const action of OFFICER_ACTIONS) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  }
  await upgradeOfficerRole(strapi, role.id);
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) await store.set({ value: { ...advanced, allow_register: false } });
}

