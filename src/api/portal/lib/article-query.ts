/**
 * An article page in a handful of read-only SQL statements: the published
 * article with its category, cover and SEO (one statement), then its tags
 * and attachments (related models: initiative-query.ts; related articles and
 * neighbours: card-query.ts). Through the document service the same page
 * took a transaction and one statement per populated relation (13 to 20),
 * and an article page is what a news site's readers open most. Table and
 * column names come from Strapi's metadata, never hard-coded.
 */
import type { Core } from '@strapi/strapi';

import { tableOf } from '../../../domain/sql';
import { fileJoin, isoOf, morphTable, parseJson } from './card-query';
import type { StoredArticle, StoredFile } from './dto';

const ARTICLE = 'api::article.article';
const SEO = 'shared.seo';

type Row = Record<string, unknown>;

export type StoredArticlePage = StoredArticle & { id: number };

export function articlePageQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const article = tableOf(strapi, ARTICLE);
  const category = tableOf(strapi, 'api::category.category');
  const site = tableOf(strapi, 'api::site.site');
  const tag = tableOf(strapi, 'api::tag.tag');
  const file = tableOf(strapi, 'plugin::upload.file');
  const seo = tableOf(strapi, SEO);
  const withFile = fileJoin(strapi);
  const col = (name: string) => `a.${article.column(name)}`;

  /** The image columns of a file joined as `alias`, named `<alias>Url` etc. */
  const imageColumns = (alias: string) => ({
    [`${alias}Url`]: `${alias}.${file.column('url')}`,
    [`${alias}Alt`]: `${alias}.${file.column('alternativeText')}`,
    [`${alias}Width`]: `${alias}.${file.column('width')}`,
    [`${alias}Height`]: `${alias}.${file.column('height')}`,
    [`${alias}Formats`]: `${alias}.${file.column('formats')}`,
  });
  const imageOf = (row: Row, alias: string): StoredFile | null =>
    row[`${alias}Url`]
      ? {
          url: row[`${alias}Url`] as string,
          alternativeText: row[`${alias}Alt`] as string | null,
          width: row[`${alias}Width`] as number | null,
          height: row[`${alias}Height`] as number | null,
          formats: parseJson(row[`${alias}Formats`]),
        }
      : null;

  /** Order by a link table's order column, then by id (Strapi's own order for populated relations). */
  const linkOrder = (alias: string, link: { order?: string }, id: string) => [
    ...(link.order ? [{ column: `${alias}.${link.order}`, order: 'asc' as const }] : []),
    { column: id, order: 'asc' as const },
  ];

  return {
    /** The published article with this slug (on this site, if given), or null. */
    async article(slug: string, siteCode?: string): Promise<StoredArticlePage | null> {
      const categoryLink = article.link('category');
      const seoLink = article.link('seo');
      const query = knex({ a: article.name })
        .where(col('slug'), slug)
        .whereNotNull(col('publishedAt'))
        .leftJoin({ cl: categoryLink.table }, `cl.${categoryLink.owner}`, 'a.id')
        .leftJoin({ c: category.name }, 'c.id', `cl.${categoryLink.target}`)
        .modify(withFile, { alias: 'cover', owner: 'a.id', type: ARTICLE, field: 'cover' })
        .leftJoin({ sl: seoLink.table }, (join) => {
          join.on(`sl.${seoLink.owner}`, '=', 'a.id').andOn('sl.field', '=', knex.raw('?', ['seo']));
        })
        .leftJoin({ s: seo.name }, 's.id', `sl.${seoLink.target}`)
        .modify(withFile, { alias: 'share', owner: 's.id', type: SEO, field: 'shareImage' })
        .select({
          id: 'a.id',
          documentId: col('documentId'),
          title: col('title'),
          slug: col('slug'),
          sapo: col('sapo'),
          body: col('body'),
          coverCaption: col('coverCaption'),
          coverCredit: col('coverCredit'),
          authorName: col('authorName'),
          authorTitle: col('authorTitle'),
          sourceAgency: col('sourceAgency'),
          featured: col('featured'),
          displayAt: col('displayAt'),
          publishedAt: col('publishedAt'),
          updatedAt: col('updatedAt'),
          viewCount: col('viewCount'),
          categoryName: `c.${category.column('name')}`,
          categorySlug: `c.${category.column('slug')}`,
          seoId: 's.id',
          metaTitle: `s.${seo.column('metaTitle')}`,
          metaDescription: `s.${seo.column('metaDescription')}`,
          ...imageColumns('cover'),
          ...imageColumns('share'),
        })
        .orderBy('a.id', 'asc')
        .limit(1);
      if (siteCode) {
        const sitesLink = article.link('sites');
        query.whereExists(
          knex({ sj: sitesLink.table })
            .join({ st: site.name }, 'st.id', `sj.${sitesLink.target}`)
            .whereRaw(`sj.${sitesLink.owner} = a.id`)
            .where(`st.${site.column('code')}`, siteCode)
        );
      }
      const [row] = (await query) as Row[];
      if (!row) return null;
      return {
        id: Number(row.id),
        documentId: row.documentId as string,
        title: row.title as string,
        slug: row.slug as string,
        sapo: row.sapo as string | null,
        body: row.body as string | null,
        coverCaption: row.coverCaption as string | null,
        coverCredit: row.coverCredit as string | null,
        authorName: row.authorName as string | null,
        authorTitle: row.authorTitle as string | null,
        sourceAgency: row.sourceAgency as string | null,
        featured: Boolean(row.featured),
        displayAt: isoOf(row.displayAt),
        publishedAt: isoOf(row.publishedAt),
        updatedAt: isoOf(row.updatedAt),
        viewCount: Number(row.viewCount ?? 0),
        category: row.categorySlug ? { name: row.categoryName as string, slug: row.categorySlug as string } : null,
        cover: imageOf(row, 'cover'),
        seo: row.seoId
          ? { metaTitle: row.metaTitle as string | null, metaDescription: row.metaDescription as string | null, shareImage: imageOf(row, 'share') }
          : null,
      };
    },

    async tags(articleId: number): Promise<Array<{ name: string; slug: string }>> {
      const link = article.link('tags');
      return (await knex({ t: tag.name })
        .join({ tl: link.table }, `tl.${link.target}`, 't.id')
        .where(`tl.${link.owner}`, articleId)
        .select({ name: `t.${tag.column('name')}`, slug: `t.${tag.column('slug')}` })
        .orderBy(linkOrder('tl', link, 't.id'))) as Array<{ name: string; slug: string }>;
    },

    async attachments(articleId: number): Promise<StoredFile[]> {
      const morph = morphTable(strapi);
      const rows = (await knex({ f: file.name })
        .join({ m: morph.name }, `m.${morph.joinColumn.name}`, 'f.id')
        .where(`m.${morph.morphColumn.idColumn.name}`, articleId)
        .where(`m.${morph.morphColumn.typeColumn.name}`, ARTICLE)
        .where('m.field', 'attachments')
        .select({
          url: `f.${file.column('url')}`,
          name: `f.${file.column('name')}`,
          size: `f.${file.column('size')}`,
          mime: `f.${file.column('mime')}`,
          ext: `f.${file.column('ext')}`,
        })
        .orderBy([
          { column: 'm.order', order: 'asc' },
          { column: 'f.id', order: 'asc' },
        ])) as Row[];
      return rows.map((row) => ({
        url: row.url as string,
        name: row.name as string | null,
        size: row.size === null ? null : Number(row.size),
        mime: row.mime as string | null,
        ext: row.ext as string | null,
      }));
    },
  };
}
