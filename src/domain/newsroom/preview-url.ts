/**
 * Where the admin's Preview (Strapi 5 Preview, config/admin.ts) opens a document:
 * the demo news page (public/index.html), the way readers will see it.
 * - an article's draft, and a model (recognised or not): through a signed,
 *   short-lived token read by the public API's preview routes;
 * - an article's published version and a category (categories have no drafts):
 *   their public pages.
 * Other types have no preview (no button).
 */
import type { Core } from '@strapi/strapi';

import { signPreviewToken } from './preview-token';

type PreviewParams = { documentId?: string; locale?: string; status?: 'draft' | 'published' | string };

const demoPage = (site: string | null | undefined, hash: string) => {
  const base = (process.env.PUBLIC_URL ?? '').replace(/\/$/, '');
  return `${base}/index.html${site ? `?site=${encodeURIComponent(site)}` : ''}#${hash}`;
};

export async function previewUrl(strapi: Core.Strapi, uid: string, { documentId, status }: PreviewParams): Promise<string | null> {
  if (!documentId) return null;
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
