/**
 * `npm run seed:demo`: loads the invented province of Sơn Hà (organisation,
 * periods and criteria, ~80 models, news sites with ~40 published articles and
 * a few generated images). Idempotent: every record is looked up by its
 * unique key first and only created when missing; nothing existing is changed.
 *
 * Data tables live in ./data; this file holds the small find-or-create helpers
 * and the orchestration in dependency order.
 */
import slugify from 'slugify';

import type { Core, UID } from '@strapi/strapi';

import { COMMENTS } from './data/comments';
import { INITIATIVES, type InitiativeSeed, type ReviewState } from './data/initiatives';
import { ARTICLES, ATTACHMENT_PDF, CATEGORIES, COMMENDATIONS, IMAGES, PDFS, SITES, TAGS, type ArticleSeed } from './data/news';
import { CRITERIA_SETS, FIELDS, PERIODS, UNIT_KINDS, UNITS, type FieldCode, type LevelCode } from './data/organisation';
import { markdownToArticleHtml } from '../domain/article-html';
import { seedAccounts } from './accounts';
import { ensureMedia, type StoredFile } from './media';

export type SeedSummary = Record<string, number>;

const COMMENT = 'api::comment.comment';

const UIDS = {
  unitKind: 'api::unit-kind.unit-kind',
  unit: 'api::unit.unit',
  field: 'api::field.field',
  criteriaSet: 'api::criteria-set.criteria-set',
  period: 'api::period.period',
  initiative: 'api::initiative.initiative',
  commendation: 'api::commendation.commendation',
  site: 'api::site.site',
  category: 'api::category.category',
  tag: 'api::tag.tag',
  article: 'api::article.article',
} as const satisfies Record<string, UID.ContentType>;

type Doc = { id: number; documentId: string };

const isDoc = (value: unknown): value is Doc =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'number' &&
  typeof (value as { documentId?: unknown }).documentId === 'string';

/** ASCII slug: diacritics dropped, đ → d, lowercase, hyphen-separated. */
export const toAsciiSlug = (text: string): string =>
  slugify(text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D'), {
    lower: true,
    strict: true,
    trim: true,
  });

// ---------------------------------------------------------------------------
// Find-or-create helpers
// ---------------------------------------------------------------------------

type Counter = Map<string, number>;

class Seeder {
  readonly created: Counter = new Map();

  constructor(readonly strapi: Core.Strapi) {}

  async find(uid: UID.ContentType, filters: Record<string, string | number>): Promise<Doc | null> {
    const found: unknown = await this.strapi.documents(uid).findFirst({ filters, fields: ['documentId'] });
    return isDoc(found) ? found : null;
  }

  /** Returns the document matching `filters`, creating it from `data()` when there is none. */
  async ensure(
    uid: UID.ContentType,
    filters: Record<string, string | number>,
    data: () => Record<string, unknown>,
    options: { published?: boolean } = {}
  ): Promise<{ doc: Doc; isNew: boolean }> {
    const existing = await this.find(uid, filters);
    if (existing) return { doc: existing, isNew: false };
    const created: unknown = await this.strapi
      .documents(uid)
      .create({ data: data(), ...(options.published ? { status: 'published' as const } : {}) });
    if (!isDoc(created)) throw new Error(`Creating ${uid} ${JSON.stringify(filters)} returned no document`);
    this.created.set(uid, (this.created.get(uid) ?? 0) + 1);
    return { doc: created, isNew: true };
  }
}

/** Looks a key up in a map filled earlier in the seed; a miss is a bug in the data tables. */
function lookup<K, T>(map: Map<K, T>, key: K, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown ${what} "${String(key)}"`);
  return value;
}

/**
 * `initiative.indicator.value` is a Strapi `decimal`, created as DECIMAL(10,2):
 * PostgreSQL refuses values of 10^8 or more (SQLite stores them anyway). Money
 * is therefore given in "triệu đồng" (million VND) in the data tables.
 */
const INDICATOR_MAX = 99_999_999.99;

function assertIndicatorsFit(seeds: InitiativeSeed[]): void {
  for (const seed of seeds) {
    for (const [label, value] of seed.indicators) {
      if (Math.abs(value) > INDICATOR_MAX) {
        throw new Error(`Indicator "${label}" of "${seed.title}" (${value}) does not fit DECIMAL(10,2)`);
      }
    }
  }
}

function assertUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new Error(`Demo data has a duplicate ${what}: "${value}"`);
    seen.add(value);
  }
}

// ---------------------------------------------------------------------------
// Review fields: owned by the review workflow, so never written through the
// document service. Isolated here so the seed has a single place to change.
// ---------------------------------------------------------------------------

export type ReviewFields = {
  reviewState: ReviewState;
  /** unit-kind id of the level the model is at (or was decided at). */
  reviewLevel: number | null;
  /** unit-kind id of the level that recognised the model. */
  recognitionLevel: number | null;
  recognizedAt: string | null;
  version: number;
  /** The levels (unit-kind ids) the model entered, in order, comma-separated: what the funnel counts. */
  reviewPath: string | null;
};

/**
 * Writes the review fields of one initiative straight to the database,
 * bypassing the document service (and so its middlewares).
 *
 * `updateMany` only writes columns: `reviewLevel` and `recognitionLevel` are
 * stored in link tables, which `updateMany` silently skips. So the rows of the
 * document are updated one by one with `update`, which writes relations too
 * (initiatives have no draft/publish: one row per document).
 */
export async function applyReviewFields(strapi: Core.Strapi, documentId: string, fields: ReviewFields): Promise<void> {
  const query = strapi.db.query(UIDS.initiative);
  const rows = (await query.findMany({ where: { documentId }, select: ['id'] })) as Array<{ id: number }>;
  if (rows.length === 0) throw new Error(`No initiative with documentId ${documentId}`);
  for (const row of rows) {
    await query.update({ where: { id: row.id }, data: { ...fields } });
  }
}

/** View counts are counted by the site, not edited: written directly to every row (draft and published). */
async function applyViewCount(strapi: Core.Strapi, documentId: string, viewCount: number): Promise<void> {
  await strapi.db.query(UIDS.article).updateMany({ where: { documentId }, data: { viewCount } });
}

const RECOGNITION_DAY: Record<LevelCode, string> = {
  commune: '09-20T09:00:00+07:00',
  district: '10-25T09:00:00+07:00',
  province: '11-28T15:00:00+07:00',
};

/** Workflow transitions a model in that state has gone through (for the optimistic-lock `version`). */
const STATE_STEPS: Record<ReviewState, number> = {
  draft: 0,
  submitted: 1,
  under_review: 2,
  withdrawn: 2,
  returned: 3,
  recognized: 3,
  not_recognized: 3,
  proposed: 3,
};

const unitByCode = new Map(UNITS.map((unit) => [unit.code, unit]));

/** The kinds of the units above `code` (the owner itself excluded), as the review engine reads the owner's chain. */
function ancestorKinds(code: string): Set<string> {
  const kinds = new Set<string>();
  for (let unit = unitByCode.get(code)?.parent; unit; unit = unitByCode.get(unit)?.parent) {
    const found = unitByCode.get(unit);
    if (found) kinds.add(found.kind);
  }
  return kinds;
}

/** The levels a model at `level` entered: its owner's chain (the period's levels with a unit above the owner) up to `level`. */
function reviewPathOf(seed: InitiativeSeed, kindIds: Map<string, number>, chain: LevelCode[]): string | null {
  const [state, level] = seed.review;
  if (state === 'draft' || !level) return null;
  const above = ancestorKinds(seed.owner);
  const ownerChain = chain.filter((code) => above.has(code));
  const reached = ownerChain.indexOf(level);
  const path = reached >= 0 ? ownerChain.slice(0, reached + 1) : [level];
  return path.map((code) => lookup(kindIds, code, 'unit kind')).join(',');
}

function reviewFieldsOf(seed: InitiativeSeed, kindIds: Map<string, number>, chain: LevelCode[]): ReviewFields {
  const [state, level] = seed.review;
  const levelId = level ? lookup(kindIds, level, 'unit kind') : null;
  const recognized = state === 'recognized' && level !== undefined;
  const depth = level ? Math.max(0, chain.indexOf(level)) : 0;
  // A model at a higher level got there by being recognised at the level below, and keeps that recognition.
  const recognisedLevel: LevelCode | null = recognized && level ? level : depth > 0 ? chain[depth - 1] : null;
  return {
    reviewState: state,
    reviewLevel: levelId,
    recognitionLevel: recognisedLevel ? lookup(kindIds, recognisedLevel, 'unit kind') : null,
    recognizedAt: recognisedLevel ? new Date(`${seed.year}-${RECOGNITION_DAY[recognisedLevel]}`).toISOString() : null,
    version: STATE_STEPS[state] + depth * 2,
    reviewPath: reviewPathOf(seed, kindIds, chain),
  };
}

// ---------------------------------------------------------------------------
// Text builders
// ---------------------------------------------------------------------------

const formatNumber = (value: number) => value.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

function initiativeContent(seed: InitiativeSeed): string {
  const steps = seed.steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
  return `## Cách làm\n\n${steps}\n\n## Ý nghĩa\n\n${seed.summary}`;
}

function initiativeResults(seed: InitiativeSeed): string {
  const figures = seed.indicators.map(([label, value, unit]) => `- **${label}:** ${formatNumber(value)} ${unit}`).join('\n');
  return `${seed.outcomes.join(' ')}\n\n${figures}`;
}

function articleBody(seed: ArticleSeed, image: StoredFile, alt: string): string {
  const [first, second, ...rest] = seed.paragraphs;
  const figure = `![${alt}](${image.url})\n*Ảnh minh họa: ${seed.photographer}/${seed.sourceAgency}*`;
  // Written as Markdown for readability, stored as the visual editor's HTML.
  return markdownToArticleHtml([first, second, figure, ...rest].filter((part): part is string => Boolean(part)).join('\n\n'));
}

const FIELD_COVER: Record<FieldCode, string> = {
  economy: 'dvk-anh-nong-thon.png',
  'culture-society': 'dvk-anh-vung-cao.png',
  'defence-security': 'dvk-anh-an-ninh.png',
  'political-system': 'dvk-anh-hoi-nghi.png',
  'new-rural-urban': 'dvk-anh-do-thi.png',
  other: 'dvk-anh-nong-thon.png',
};

// ---------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------

async function countAll(strapi: Core.Strapi): Promise<SeedSummary> {
  const count = (uid: UID.ContentType, params: Record<string, unknown> = {}) => strapi.documents(uid).count(params);
  return {
    unitKinds: await count(UIDS.unitKind),
    units: await count(UIDS.unit),
    fields: await count(UIDS.field),
    criteriaSets: await count(UIDS.criteriaSet),
    periods: await count(UIDS.period),
    initiatives: await count(UIDS.initiative),
    commendations: await count(UIDS.commendation),
    sites: await count(UIDS.site),
    categories: await count(UIDS.category),
    tags: await count(UIDS.tag),
    articles: await count(UIDS.article, { status: 'published' }),
    comments: await strapi.db.query(COMMENT).count(),
    mediaFiles: await strapi.db.query('plugin::upload.file').count({
      where: { name: { $in: [...IMAGES, ...PDFS].map((file) => file.name) } },
    }),
  };
}

export async function seedDemo(strapi: Core.Strapi): Promise<SeedSummary> {
  const started = Date.now();
  const seeder = new Seeder(strapi);
  assertUnique(INITIATIVES.map((seed) => toAsciiSlug(seed.title)), 'initiative slug');
  assertUnique(ARTICLES.map((seed) => toAsciiSlug(seed.title)), 'article slug');
  assertIndicatorsFit(INITIATIVES);

  // Media first: covers, banners and attachments refer to it.
  const files = await ensureMedia(strapi, IMAGES, PDFS);
  const fileId = (name: string) => lookup(files, name, 'media file').id;
  const altOf = new Map(IMAGES.map((image) => [image.name, image.alternativeText]));

  // Organisation.
  const kinds = new Map<string, Doc>();
  for (const kind of UNIT_KINDS) {
    const { doc } = await seeder.ensure(UIDS.unitKind, { code: kind.code }, () => ({ ...kind }));
    kinds.set(kind.code, doc);
  }
  const kindIds = new Map([...kinds].map(([code, doc]) => [code, doc.id]));

  const units = new Map<string, Doc>();
  for (const unit of UNITS) {
    const { doc } = await seeder.ensure(UIDS.unit, { code: unit.code }, () => ({
      code: unit.code,
      name: unit.name,
      shortName: unit.shortName,
      kind: lookup(kinds, unit.kind, 'unit kind').documentId,
      parent: unit.parent ? lookup(units, unit.parent, 'unit').documentId : null,
      successor: unit.successor ? lookup(units, unit.successor, 'unit').documentId : null,
      validFrom: unit.validFrom ?? null,
      validTo: unit.validTo ?? null,
      note: unit.note ?? null,
    }));
    units.set(unit.code, doc);
  }

  const fields = new Map<string, Doc>();
  for (const field of FIELDS) {
    const { doc } = await seeder.ensure(UIDS.field, { code: field.code }, () => ({ ...field, active: true }));
    fields.set(field.code, doc);
  }

  const criteriaSets: Doc[] = [];
  for (const set of CRITERIA_SETS) {
    const { doc } = await seeder.ensure(UIDS.criteriaSet, { name: set.name }, () => ({
      ...set,
      criteria: set.criteria.map((criterion) => ({ ...criterion })),
    }));
    criteriaSets.push(doc);
  }

  const periods = new Map<number, Doc>();
  for (const period of PERIODS) {
    const { doc } = await seeder.ensure(UIDS.period, { year: period.year }, () => ({
      ...period,
      reviewChain: period.reviewChain.map((level) => ({ unitKind: lookup(kinds, level, 'unit kind').documentId })),
      criteriaSets: criteriaSets.map((set) => set.documentId),
    }));
    periods.set(period.year, doc);
  }
  const chains = new Map(PERIODS.map((period) => [period.year, period.reviewChain]));

  // Models, oldest first: a replicated model's source is created and recognised before it.
  const initiatives = new Map<string, Doc>();
  for (const seed of INITIATIVES) {
    const slug = toAsciiSlug(seed.title);
    const review = reviewFieldsOf(seed, kindIds, chains.get(seed.year) ?? []);
    const { doc, isNew } = await seeder.ensure(UIDS.initiative, { slug }, () => ({
      title: seed.title,
      slug,
      summary: seed.summary,
      content: initiativeContent(seed),
      results: initiativeResults(seed),
      field: lookup(fields, seed.field, 'field').documentId,
      subjectType: seed.person ? 'individual' : 'collective',
      personName: seed.person?.name ?? null,
      personPosition: seed.person?.position ?? null,
      personContact: seed.person
        ? { phone: seed.person.phone, email: seed.person.email, address: seed.person.address }
        : null,
      ownerUnit: lookup(units, seed.owner, 'unit').documentId,
      localityUnit: seed.locality ? lookup(units, seed.locality, 'unit').documentId : null,
      period: lookup(periods, seed.year, 'period').documentId,
      origin: seed.replicatedFrom ? 'replicated' : 'new',
      replicatedFrom: seed.replicatedFrom ? lookup(initiatives, seed.replicatedFrom, 'initiative').documentId : null,
      indicators: seed.indicators.map(([label, value, unit]) => ({ label, value, unit })),
      cover: review.recognitionLevel ? fileId(FIELD_COVER[seed.field]) : null,
    }));
    if (isNew) await applyReviewFields(strapi, doc.documentId, review);
    initiatives.set(seed.ref, doc);
  }

  const ownerOf = new Map(INITIATIVES.map((seed) => [seed.ref, seed.owner]));
  for (const commendation of COMMENDATIONS) {
    await seeder.ensure(UIDS.commendation, { decisionNumber: commendation.decisionNumber }, () => ({
      decisionNumber: commendation.decisionNumber,
      decisionDate: commendation.decisionDate,
      issuer: commendation.issuer,
      form: commendation.form,
      note: commendation.note,
      recipientInitiative: lookup(initiatives, commendation.initiative, 'initiative').documentId,
      recipientUnit: lookup(units, lookup(ownerOf, commendation.initiative, 'initiative'), 'unit').documentId,
    }));
  }

  // News.
  const sites = new Map<string, Doc>();
  for (const site of SITES) {
    const { doc } = await seeder.ensure(UIDS.site, { code: site.code }, () => ({
      code: site.code,
      name: site.name,
      hostnames: site.hostnames,
      description: site.description,
      banner: fileId(site.banner),
      parent: site.parent ? lookup(sites, site.parent, 'site').documentId : null,
    }));
    sites.set(site.code, doc);
  }

  const categories = new Map<string, Doc>();
  for (const category of CATEGORIES) {
    const { doc } = await seeder.ensure(UIDS.category, { slug: category.slug }, () => ({
      name: category.name,
      slug: category.slug,
      description: category.description,
      order: category.order,
      site: lookup(sites, category.site, 'site').documentId,
      parent: category.parent ? lookup(categories, category.parent, 'category').documentId : null,
    }));
    categories.set(category.slug, doc);
  }

  const tags = new Map<string, Doc>();
  for (const name of TAGS) {
    const { doc } = await seeder.ensure(UIDS.tag, { name }, () => ({ name, slug: toAsciiSlug(name) }));
    tags.set(name, doc);
  }

  const articles = new Map<string, Doc>();
  for (const seed of ARTICLES) {
    const slug = toAsciiSlug(seed.title);
    const cover = lookup(files, seed.cover, 'media file');
    const { doc, isNew } = await seeder.ensure(
      UIDS.article,
      { slug },
      () => ({
        title: seed.title,
        slug,
        sapo: seed.sapo,
        body: articleBody(seed, cover, altOf.get(seed.cover) ?? seed.coverCaption),
        cover: cover.id,
        coverCaption: seed.coverCaption,
        coverCredit: `Ảnh: ${seed.photographer}`,
        authorName: seed.authorName,
        authorTitle: seed.authorTitle ?? null,
        sourceAgency: seed.sourceAgency,
        category: lookup(categories, seed.category, 'category').documentId,
        tags: seed.tags.map((name) => lookup(tags, name, 'tag').documentId),
        sites: seed.sites.map((code) => lookup(sites, code, 'site').documentId),
        featured: seed.featured ?? false,
        displayAt: seed.displayAt,
        attachments: seed.attachPdf ? [fileId(ATTACHMENT_PDF)] : [],
        relatedInitiatives: (seed.initiatives ?? []).map((ref) => lookup(initiatives, ref, 'initiative').documentId),
        relatedArticles: (seed.related ?? []).map((ref) => lookup(articles, ref, 'article').documentId),
      }),
      { published: true }
    );
    if (isNew) await applyViewCount(strapi, doc.documentId, seed.viewCount);
    articles.set(seed.ref, doc);
  }

  // Readers' comments (idempotent: found again by article and text).
  for (const seed of COMMENTS) {
    const article = lookup(articles, seed.article, 'article');
    const replyTo = seed.replyTo ? await seeder.find(COMMENT, { articleDocumentId: article.documentId, text: seed.replyTo }) : null;
    await seeder.ensure(COMMENT, { articleDocumentId: article.documentId, text: seed.text }, () => ({
      articleDocumentId: article.documentId,
      replyTo: replyTo?.documentId ?? null,
      name: seed.name,
      email: seed.email ?? null,
      text: seed.text,
      status: seed.status,
      byEditor: seed.byEditor ?? false,
      moderatedAt: seed.status === 'pending' ? null : new Date(),
    }));
  }

  const accounts = await seedAccounts(strapi);
  const summary = { ...(await countAll(strapi)), demoAccounts: accounts };
  const created = [...seeder.created].map(([uid, count]) => `${uid.split('.').pop()}: ${count}`).join(', ');
  strapi.log.info(`Demo data ready in ${Date.now() - started} ms; created ${created || 'nothing (already seeded)'}.`);
  return summary;
}
