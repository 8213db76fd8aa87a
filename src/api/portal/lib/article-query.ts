/**
 * An article page in a handful of read-only SQL statements: the published
 * article (its card's columns, as in the lists, plus body, author and SEO)
 * in one statement, then its tags
 * and attachments (related models: initiative-query.ts; related articles and
 * neighbours: card-query.ts). Through the document service the same page
 * took a transaction and one statement per populated relation (13 to 20),
 * and an article page is what a news site's readers open most. Table and
 * column names come from Strapi's metadata, never hard-coded.
 */
import type { Core } from '@strapi/strapi';

import { tableOf } from '../../../domain/sql';
import { cardQueries, imageFiles, imageOf, isoOf, morphTable, toCard } from './card-query';
import type { StoredArticle, StoredFile } from './dto';

const ARTICLE = 'api::article.article';
const SEO = 'shared.seo';

type Row = Record<string, unknown>;

export type StoredArticlePage = StoredArticle & { id: number };

export function articlePageQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const article = tableOf(strapi, ARTICLE);
  const tag = tableOf(strapi, 'api::tag.tag');
  const file = tableOf(strapi, 'plugin::upload.file');
  const seo = tableOf(strapi, SEO);
  const cards = cardQueries(strapi);
  const images = imageFiles(strapi);
  const col = (name: string) => `a.${article.column(name)}`;

  /** Order by a link table's order column, then by id (Strapi's own order for populated relations). */
  const linkOrder = (alias: string, link: { order?: string }, id: string) => [
    ...(link.order ? [{ column: `${alias}.${link.order}`, order: 'asc' as const }] : []),
    { column: id, order: 'asc' as const },
  ];

  return {
    /** The published article with this slug (on this site, if given), or null: its card's columns plus the page's. */
    async article(slug: string, siteCode?: string): Promise<StoredArticlePage | null> {
      const seoLink = article.link('seo');
      const [row] = (await cards
        .cardRows({ site: siteCode })
        .where(col('slug'), slug)
        .leftJoin({ sl: seoLink.table }, (join) => {
          join.on(`sl.${seoLink.owner}`, '=', 'a.id').andOn('sl.field', '=', knex.raw('?', ['seo']));
        })
        .leftJoin({ s: seo.name }, 's.id', `sl.${seoLink.target}`)
        .modify(images.join, { alias: 'share', owner: 's.id', type: SEO, field: 'shareImage' })
        .select({
          body: col('body'),
          coverCredit: col('coverCredit'),
          authorName: col('authorName'),
          authorTitle: col('authorTitle'),
          sourceAgency: col('sourceAgency'),
          updatedAt: col('updatedAt'),
          commentsClosed: col('commentsClosed'),
          seoId: 's.id',
          metaTitle: `s.${seo.column('metaTitle')}`,
          metaDescription: `s.${seo.column('metaDescription')}`,
          ...images.columns('share'),
        })
        .orderBy('a.id', 'asc')
        .limit(1)) as Row[];
      if (!row) return null;
      return {
        ...toCard(row),
        id: Number(row.id),
        body: row.body as string | null,
        coverCredit: row.coverCredit as string | null,
        authorName: row.authorName as string | null,
        authorTitle: row.authorTitle as string | null,
        sourceAgency: row.sourceAgency as string | null,
        updatedAt: isoOf(row.updatedAt),
        commentsClosed: Boolean(row.commentsClosed),
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
