/**
 * Article cards in one read-only SQL query (article, category and cover
 * joined), because the public list is the hottest path of the news sites:
 * the document service would issue one query per populated relation.
 * Table and column names come from Strapi's metadata, never hard-coded.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

import { tableOf } from '../../../domain/sql';
import { commentQueries } from './comment-query';
import type { StoredArticle, StoredFile } from './dto';
import { vietnamDayBounds } from './time';

const ARTICLE = 'api::article.article';

export type CardFilter = {
  site?: string;
  categorySlugs?: string[];
  tag?: string;
  featured?: boolean;
  pinned?: boolean;
  from?: string;
  to?: string;
  excludeSlug?: string;
  /** Strictly before / after this instant (ISO), for prev/next. */
  before?: string;
  after?: string;
};

type Row = Record<string, unknown>;
type CardPage = { limit: number; offset?: number; oldestFirst?: boolean };

/** A stored date as ISO (PostgreSQL returns Date objects, SQLite epoch milliseconds or text). */
export const isoOf = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const epoch = (value: unknown): number => (value === null || value === undefined ? 0 : new Date(value as string).getTime());

export const parseJson = (value: unknown): Record<string, { url: string; width?: number; height?: number }> | null => {
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

/** The image selected with `imageFiles(...).columns(alias)`, or null. */
export const imageOf = (row: Row, alias: string): StoredFile | null =>
  row[`${alias}Url`]
    ? {
        url: row[`${alias}Url`] as string,
        alternativeText: row[`${alias}Alt`] as string | null,
        width: row[`${alias}Width`] as number | null,
        height: row[`${alias}Height`] as number | null,
        formats: parseJson(row[`${alias}Formats`]),
      }
    : null;

/** A card from a row selected with the card's columns. */
export const toCard = (row: Row): StoredArticle => ({
  documentId: row.documentId as string,
  title: row.title as string,
  slug: row.slug as string,
  sapo: row.sapo as string | null,
  coverCaption: row.coverCaption as string | null,
  featured: Boolean(row.featured),
  featuredUntil: isoOf(row.featuredUntil),
  pinnedUntil: isoOf(row.pinnedUntil),
  displayAt: isoOf(row.displayAt),
  publishedAt: isoOf(row.publishedAt),
  viewCount: Number(row.viewCount ?? 0),
  commentCount: Number(row.commentCount ?? 0),
  category: row.categorySlug ? { name: row.categoryName as string, slug: row.categorySlug as string } : null,
  cover: imageOf(row, 'f'),
});

type MorphTable = { name: string; joinColumn: { name: string }; morphColumn: { idColumn: { name: string }; typeColumn: { name: string } } };

/** The upload plugin's morph table, linking files to whatever holds them (with `field` and `order` columns). */
export const morphTable = (strapi: Core.Strapi): MorphTable =>
  (strapi.db.metadata.get('plugin::upload.file' as never) as unknown as { attributes: { related: { joinTable: MorphTable } } }).attributes.related
    .joinTable;

/**
 * The one image a media attribute holds (a cover, a share image):
 * `join` left-joins it as `alias` through the upload plugin's morph table
 * (as `alias` + "m"; use with `query.modify(join, { alias, owner, type, field })`),
 * `columns` selects what `imageOf(row, alias)` reads back.
 */
export function imageFiles(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const file = tableOf(strapi, 'plugin::upload.file');
  const morph = morphTable(strapi);
  return {
    join(query: Knex.QueryBuilder, { alias, owner, type, field }: { alias: string; owner: string; type: string; field: string }) {
      const link = `${alias}m`;
      query
        .leftJoin({ [link]: morph.name }, (join) => {
          join
            .on(`${link}.${morph.morphColumn.idColumn.name}`, '=', owner)
            .andOn(`${link}.${morph.morphColumn.typeColumn.name}`, '=', knex.raw('?', [type]))
            .andOn(`${link}.field`, '=', knex.raw('?', [field]));
        })
        .leftJoin({ [alias]: file.name }, `${alias}.id`, `${link}.${morph.joinColumn.name}`);
    },
    columns: (alias: string): Record<string, string> => ({
      [`${alias}Url`]: `${alias}.${file.column('url')}`,
      [`${alias}Alt`]: `${alias}.${file.column('alternativeText')}`,
      [`${alias}Width`]: `${alias}.${file.column('width')}`,
      [`${alias}Height`]: `${alias}.${file.column('height')}`,
      [`${alias}Formats`]: `${alias}.${file.column('formats')}`,
    }),
  };
}

export function cardQueries(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const article = tableOf(strapi, ARTICLE);
  const category = tableOf(strapi, 'api::category.category');
  const site = tableOf(strapi, 'api::site.site');
  const tag = tableOf(strapi, 'api::tag.tag');
  const categoryLink = article.link('category');
  const sitesLink = article.link('sites');
  const tagsLink = article.link('tags');
  const images = imageFiles(strapi);
  const comments = commentQueries(strapi);
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
    if (filter.featured === true) {
      query.where(col('featured'), true).where((q) => q.whereNull(col('featuredUntil')).orWhere(col('featuredUntil'), '>', new Date()));
    } else if (filter.featured === false) {
      query.where((q) => q.where(col('featured'), false).orWhere(col('featuredUntil'), '<=', new Date()));
    }
    if (filter.pinned === true) query.where(col('pinnedUntil'), '>', new Date());
    else if (filter.pinned === false) query.where((q) => q.whereNull(col('pinnedUntil')).orWhere(col('pinnedUntil'), '<=', new Date()));
    if (filter.from) query.whereRaw(`${at} >= ?`, [vietnamDayBounds(filter.from).start]);
    if (filter.to) query.whereRaw(`${at} < ?`, [vietnamDayBounds(filter.to).end]);
    if (filter.before) query.whereRaw(`${at} < ?`, [new Date(filter.before)]);
    if (filter.after) query.whereRaw(`${at} > ?`, [new Date(filter.after)]);
    if (filter.excludeSlug) query.whereNot(col('slug'), filter.excludeSlug);
    return query;
  };

  /** Category and cover joined, the card's columns selected, onto a query over `a` (articles). */
  const withCardColumns = (query: Knex.QueryBuilder) =>
    query
      .leftJoin({ cl: categoryLink.table }, `cl.${categoryLink.owner}`, 'a.id')
      .leftJoin({ c: category.name }, 'c.id', `cl.${categoryLink.target}`)
      .modify(images.join, { alias: 'f', owner: 'a.id', type: ARTICLE, field: 'cover' })
      .select({
        id: 'a.id',
        documentId: col('documentId'),
        title: col('title'),
        slug: col('slug'),
        sapo: col('sapo'),
        coverCaption: col('coverCaption'),
        featured: col('featured'),
        featuredUntil: col('featuredUntil'),
        pinnedUntil: col('pinnedUntil'),
        displayAt: col('displayAt'),
        publishedAt: col('publishedAt'),
        viewCount: col('viewCount'),
        categoryName: `c.${category.column('name')}`,
        categorySlug: `c.${category.column('slug')}`,
        ...images.columns('f'),
      })
      // Approved readers' comments, counted per card (an index probe each).
      .select(knex.raw(`${comments.countColumn(col('documentId')).toQuery()} as ??`, ['commentCount']));

  const cardQuery = (filter: CardFilter, { limit, offset = 0, oldestFirst = false }: CardPage) => {
    const direction = oldestFirst ? 'asc' : 'desc';
    return withCardColumns(where(filter))
      .orderByRaw(`${at} ${direction}, a.id ${direction}`)
      .limit(limit)
      .offset(offset);
  };

  return {
    /** Published articles matching the filter with the card's columns (`toCard` reads them), unordered: to add to. */
    cardRows: (filter: CardFilter) => withCardColumns(where(filter)),

    async cards(filter: CardFilter, page: CardPage) {
      return ((await cardQuery(filter, page)) as Row[]).map(toCard);
    },

    /**
     * Several card lists in one statement (UNION ALL of the limited lists,
     * each tagged with its position), for an article page's related
     * articles, "more in this category" and prev/next. `related` lists the
     * published articles an article links to, in the editor's order.
     */
    async cardSets(sets: Array<{ filter: CardFilter } & CardPage>, related?: { articleId: number }) {
      const parts = sets.map(({ filter, ...page }, index) =>
        cardQuery(filter, page).select(knex.raw(`${index} as part`), knex.raw('0 as ord'))
      );
      if (related) {
        const link = article.link('relatedArticles');
        parts.push(
          withCardColumns(knex({ a: article.name }).join({ rl: link.table }, `rl.${link.target}`, 'a.id'))
            .where(`rl.${link.owner}`, related.articleId)
            .whereNotNull(col('publishedAt'))
            .select(knex.raw(`${sets.length} as part`), { ord: `rl.${link.order ?? link.target}` })
        );
      }
      // SQLite accepts neither parentheses nor ORDER BY/LIMIT in a compound's members, only in subqueries of FROM.
      const [first, ...rest] = parts.map((part, index) => knex.select('*').from(part.as(`p${index}`)));
      const rows = (await (rest.length ? first.unionAll(rest) : first)) as Row[];
      const result = parts.map(() => [] as Row[]);
      for (const row of rows) result[Number(row.part)].push(row);
      // A union keeps no order: restore each list's own.
      return result.map((list, index) => {
        const oldestFirst = sets[index]?.oldestFirst ?? false;
        const byDate = (x: Row, y: Row) => (epoch(x.displayAt) - epoch(y.displayAt) || Number(x.id) - Number(y.id)) * (oldestFirst ? 1 : -1);
        const byOrder = (x: Row, y: Row) => Number(x.ord) - Number(y.ord) || Number(x.id) - Number(y.id);
        return list.sort(index < sets.length ? byDate : byOrder).map(toCard);
      });
    },

    async count(filter: CardFilter): Promise<number> {
      const [{ n }] = (await where(filter).count({ n: '*' })) as Array<{ n: number | string }>;
      return Number(n);
    },
  };
}
