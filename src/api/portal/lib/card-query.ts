/**
 * Article cards in one read-only SQL query (article, category and cover
 * joined), because the public list is the hottest path of the news sites:
 * the document service would issue one query per populated relation.
 * Table and column names come from Strapi's metadata, never hard-coded.
 */
import type { Core } from '@strapi/strapi';

import { tableOf } from '../../../domain/sql';
import type { StoredArticle, StoredFile } from './dto';
import { vietnamDayBounds } from './time';

const ARTICLE = 'api::article.article';

export type CardFilter = {
  site?: string;
  categorySlugs?: string[];
  tag?: string;
  featured?: boolean;
  from?: string;
  to?: string;
  excludeSlug?: string;
  /** Strictly before / after this instant (ISO), for prev/next. */
  before?: string;
  after?: string;
};

type Row = Record<string, unknown>;

const parseJson = (value: unknown): Record<string, { url: string; width?: number; height?: number }> | null => {
  if (!value) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  }
  return value as Record<string, { url: string }>;
};

export function cardQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const article = tableOf(strapi, ARTICLE);
  const category = tableOf(strapi, 'api::category.category');
  const site = tableOf(strapi, 'api::site.site');
  const tag = tableOf(strapi, 'api::tag.tag');
  const file = tableOf(strapi, 'plugin::upload.file');
  const categoryLink = article.link('category');
  const sitesLink = article.link('sites');
  const tagsLink = article.link('tags');
  const morph = (strapi.db.metadata.get('plugin::upload.file' as never) as unknown as {
    attributes: { related: { joinTable: { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } } } };
  }).attributes.related.joinTable;
  const col = (name: string) => `a.${article.column(name)}`;
  // Every article gets a display date when created, so lists sort on the indexed column itself.
  const at = col('displayAt');

  /** The WHERE of a card list; joins only what the filters need. */
  const where = (filter: CardFilter) => {
    const query = knex({ a: article.name }).whereNotNull(col('publishedAt'));
    if (filter.site) {
      query.whereExists(
        knex({ sl: sitesLink.table })
          .join({ s: site.name }, 's.id', `sl.${sitesLink.target}`)
          .whereRaw(`sl.${sitesLink.owner} = a.id`)
          .where(`s.${site.column('code')}`, filter.site)
      );
    }
    if (filter.categorySlugs) {
      query.whereExists(
        knex({ cl: categoryLink.table })
          .join({ c2: category.name }, 'c2.id', `cl.${categoryLink.target}`)
          .whereRaw(`cl.${categoryLink.owner} = a.id`)
          .whereIn(`c2.${category.column('slug')}`, filter.categorySlugs)
      );
    }
    if (filter.tag) {
      query.whereExists(
        knex({ tl: tagsLink.table })
          .join({ t: tag.name }, 't.id', `tl.${tagsLink.target}`)
          .whereRaw(`tl.${tagsLink.owner} = a.id`)
          .where(`t.${tag.column('slug')}`, filter.tag)
      );
    }
    if (filter.featured !== undefined) query.where(col('featured'), filter.featured);
    if (filter.from) query.whereRaw(`${at} >= ?`, [vietnamDayBounds(filter.from).start]);
    if (filter.to) query.whereRaw(`${at} < ?`, [vietnamDayBounds(filter.to).end]);
    if (filter.before) query.whereRaw(`${at} < ?`, [new Date(filter.before)]);
    if (filter.after) query.whereRaw(`${at} > ?`, [new Date(filter.after)]);
    if (filter.excludeSlug) query.whereNot(col('slug'), filter.excludeSlug);
    return query;
  };

  return {
    async cards(filter: CardFilter, { limit, offset = 0, oldestFirst = false }: { limit: number; offset?: number; oldestFirst?: boolean }) {
      const direction = oldestFirst ? 'asc' : 'desc';
      const rows = (await where(filter)
        .leftJoin({ cl: categoryLink.table }, `cl.${categoryLink.owner}`, 'a.id')
        .leftJoin({ c: category.name }, 'c.id', `cl.${categoryLink.target}`)
        .leftJoin({ fm: morph.name }, (join) => {
          join
            .on(`fm.${morph.morphColumn.idColumn.name}`, '=', 'a.id')
            .andOn(`fm.${morph.morphColumn.typeColumn.name}`, '=', knex.raw('?', [ARTICLE]))
            .andOn('fm.field', '=', knex.raw('?', ['cover']));
        })
        .leftJoin({ f: file.name }, 'f.id', `fm.${morph.joinColumn.name}`)
        .select({
          documentId: col('documentId'),
          title: col('title'),
          slug: col('slug'),
          sapo: col('sapo'),
          coverCaption: col('coverCaption'),
          featured: col('featured'),
          displayAt: col('displayAt'),
          publishedAt: col('publishedAt'),
          viewCount: col('viewCount'),
          categoryName: `c.${category.column('name')}`,
          categorySlug: `c.${category.column('slug')}`,
          fileUrl: `f.${file.column('url')}`,
          fileAlt: `f.${file.column('alternativeText')}`,
          fileWidth: `f.${file.column('width')}`,
          fileHeight: `f.${file.column('height')}`,
          fileFormats: `f.${file.column('formats')}`,
        })
        .orderByRaw(`${at} ${direction}, a.id ${direction}`)
        .limit(limit)
        .offset(offset)) as Row[];
      return rows.map(
        (row): StoredArticle => ({
          documentId: row.documentId as string,
          title: row.title as string,
          slug: row.slug as string,
          sapo: row.sapo as string | null,
          coverCaption: row.coverCaption as string | null,
          featured: Boolean(row.featured),
          displayAt: row.displayAt ? new Date(row.displayAt as string).toISOString() : null,
          publishedAt: row.publishedAt ? new Date(row.publishedAt as string).toISOString() : null,
          viewCount: Number(row.viewCount ?? 0),
          category: row.categorySlug ? { name: row.categoryName as string, slug: row.categorySlug as string } : null,
          cover: row.fileUrl
            ? ({
                url: row.fileUrl as string,
                alternativeText: row.fileAlt as string | null,
                width: row.fileWidth as number | null,
                height: row.fileHeight as number | null,
                formats: parseJson(row.fileFormats),
              } as StoredFile)
            : null,
        })
      );
    },

    async count(filter: CardFilter): Promise<number> {
      const [{ n }] = (await where(filter).count({ n: '*' })) as Array<{ n: number | string }>;
      return Number(n);
    },
  };
}
