import type { Core } from '@strapi/strapi';

import { messages } from '../messages';
import { toSlug } from '../text';
import { invalid } from '../validation';
import type { DocumentMiddleware } from './types';

/** Content types with a slug, and the field it is made from. */
export const SLUG_SOURCES: Record<string, string> = {
  'api::article.article': 'title',
  'api::initiative.initiative': 'title',
  'api::category.category': 'name',
  'api::tag.tag': 'name',
};

/** Content types whose slug is frozen once published (links to them are out in the world). */
const LOCKED_AFTER_PUBLISH = new Set(['api::article.article']);

const FALLBACK_SLUG = 'bai-viet';

type SlugRow = { slug: string | null };

/** The first of `base`, `base-2`, `base-3` ... not used by another document. */
async function uniqueSlug(strapi: Core.Strapi, uid: string, base: string, documentId?: string): Promise<string> {
  const rows = (await strapi.db.query(uid).findMany({
    where: {
      slug: { $startsWith: base },
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
    select: ['slug'],
  })) as SlugRow[];
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The next free slug of `base`, as `uniqueSlug` picks it, among `taken` (which it then joins). */
function nextFree(taken: Set<string>, base: string): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Slugs for many new documents (a bulk import), from their source texts:
 * the stored slugs are read once, then each call gives the slug the
 * middleware would give a document created after all the others.
 */
export async function slugAllocator(strapi: Core.Strapi, uid: string): Promise<(source: string) => string> {
  const table = strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const column = table.attributes.slug?.columnName ?? 'slug';
  const taken = new Set<string>();
  // In the caller's transaction, if any: the slugs it wrote count too.
  const stored = (await strapi.db.transaction(({ trx }) => trx(table.tableName).whereNotNull(column).select({ slug: column }))) as SlugRow[];
  for (const row of stored) if (row.slug) taken.add(row.slug);
  return (source) => nextFree(taken, toSlug(source) || FALLBACK_SLUG);
}

/**
 * Fills and normalises slugs: made from the title (Vietnamese diacritics
 * dropped, đ → d) when empty, made unique with a numeric suffix, and kept as
 * they are when the title changes later. A published article's slug cannot
 * be changed.
 */
export const slugMiddleware =
  (strapi: Core.Strapi): DocumentMiddleware =>
  async (ctx, next) => {
    const source = SLUG_SOURCES[ctx.uid];
    if (source && ctx.action === 'clone' && ctx.params.documentId) {
      // A copy gets its own slug (from its new title if given), never the original's.
      const original = (await strapi.db.query(ctx.uid).findOne({ where: { documentId: ctx.params.documentId }, select: [source] })) as Record<string, string | null> | null;
      const data = (ctx.params.data ??= {});
      const title = typeof data[source] === 'string' ? (data[source] as string) : original?.[source] ?? '';
      data.slug = await uniqueSlug(strapi, ctx.uid, toSlug(typeof data.slug === 'string' ? data.slug : title) || FALLBACK_SLUG);
      return next();
    }
    const data = ctx.params.data;
    if (!source || !data || (ctx.action !== 'create' && ctx.action !== 'update')) return next();

    const documentId = ctx.action === 'update' ? ctx.params.documentId : undefined;
    const current = documentId
      ? ((await strapi.db.query(ctx.uid).findOne({ where: { documentId }, select: ['slug', source] })) as Record<
          string,
          string | null
        > | null)
      : null;

    const given = typeof data.slug === 'string' ? toSlug(data.slug) : '';
    const sourceText = typeof data[source] === 'string' ? (data[source] as string) : current?.[source] ?? '';

    let wanted: string;
    if (given) wanted = given;
    else if (ctx.action === 'update' && !('slug' in data) && current?.slug) return next();
    else wanted = toSlug(sourceText) || FALLBACK_SLUG;

    if (documentId && current?.slug && wanted !== current.slug && LOCKED_AFTER_PUBLISH.has(ctx.uid)) {
      const published = await strapi.db.query(ctx.uid).count({ where: { documentId, publishedAt: { $notNull: true } } });
      if (published > 0) throw invalid('slug', messages.slugLockedAfterPublish);
    }

    data.slug = wanted === current?.slug ? wanted : await uniqueSlug(strapi, ctx.uid, wanted, documentId);
    return next();
  };
