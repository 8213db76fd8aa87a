/**
 * Where the admin's Preview (Strapi 5 Preview, config/admin.ts) opens a document:
 * the demo news page (public/index.html), the way readers will see it.
 * - an article's draft, and a model (recognised or not): through a signed,
 *   short-lived token read by the public API's preview routes;
 * - an article's published version and a category (categories have no drafts):
 *   their public pages.
 * Other types have no preview (no button). Strapi's preview route checks only that
 * the caller is an admin (its controller leaves permissions as a TODO), so the
 * link is given only to those the Content Manager lets read that very document,
 * its conditions (e.g. a reviewer's scope) included.
 */
import type { Core } from '@strapi/strapi';

import { signPreviewToken } from './preview-token';

type PreviewParams = { documentId?: string; locale?: string; status?: 'draft' | 'published' | string };

const PREVIEWED = new Set(['api::article.article', 'api::initiative.initiative', 'api::category.category']);

const demoPage = (site: string | null | undefined, hash: string) => {
  const base = (process.env.PUBLIC_URL ?? '').replace(/\/$/, '');
  return `${base}/index.html${site ? `?site=${encodeURIComponent(site)}` : ''}#${hash}`;
};

type PermissionChecker = { cannot: { read(entity?: unknown): boolean } };

/** Whether the admin user of the current request may read this document in the Content Manager. */
async function mayRead(strapi: Core.Strapi, uid: string, documentId: string, status: 'draft' | 'published'): Promise<boolean> {
  const ctx = strapi.requestContext.get() as { state?: { userAbility?: unknown } } | undefined;
  const userAbility = ctx?.state?.userAbility;
  if (!userAbility) return false;
  const checker = (
    strapi.plugin('content-manager').service('permission-checker') as unknown as { create(options: { userAbility: unknown; model: string }): PermissionChecker }
  ).create({ userAbility, model: uid });
  if (checker.cannot.read()) return false;
  // Conditions read the document's own fields and its relations one level deep (e.g. ownerUnit.id).
  const attributes = (strapi.contentType(uid as never) as unknown as { attributes: Record<string, { type: string }> }).attributes;
  const populate = Object.fromEntries(
    Object.entries(attributes)
      .filter(([, attribute]) => attribute.type === 'relation')
      .map(([name]) => [name, { fields: ['documentId'] }])
  );
  const entity = await strapi.documents(uid as never).findOne({ documentId, status, populate } as never);
  return Boolean(entity) && !checker.cannot.read(entity);
}

export async function previewUrl(strapi: Core.Strapi, uid: string, { documentId, status }: PreviewParams): Promise<string | null> {
  if (!documentId) return null;
  if (!PREVIEWED.has(uid) || !(await mayRead(strapi, uid, documentId, status === 'published' ? 'published' : 'draft'))) return null;
  if (uid === 'api::article.article') {
    const article = (await strapi.documents(uid).findOne({
      documentId,
      status: status === 'published' ? 'published' : 'draft',
      fields: ['slug'],
      populate: { sites: { fields: ['code'] } },
    })) as unknown as { slug: string | null; sites?: Array<{ code: string }> } | null;
    if (!article) return null;
    const site = article.sites?.[0]?.code;
    if (status === 'published' && article.slug) return demoPage(site, `/bai-viet/${encodeURIComponent(article.slug)}`);
    const token = await signPreviewToken({ kind: 'article', documentId });
    return demoPage(site, `/xem-truoc/bai-viet?token=${token}`);
  }
  if (uid === 'api::initiative.initiative') {
    const token = await signPreviewToken({ kind: 'initiative', documentId });
    return demoPage(null, `/xem-truoc/mo-hinh?token=${token}`);
  }
  if (uid === 'api::category.category') {
    const category = (await strapi.documents(uid).findOne({
      documentId,
      fields: ['slug'],
      populate: { site: { fields: ['code'] } },
    })) as unknown as { slug: string | null; site?: { code: string } | null } | null;
    if (!category?.slug) return null;
    return demoPage(category.site?.code, `/chuyen-muc/${encodeURIComponent(category.slug)}`);
  }
  return null;
}
