/**
 * The public contract: explicit shapes built field by field from stored
 * documents, so nothing private (contact data, evidence, reviewer notes,
 * search index, drafts) can reach a news site by accident.
 */
import { isPublicInitiative } from '../../../domain/public-initiative';
import { absoluteUrl, articleExcerpt, excerpt, renderArticleHtml, renderRichText } from './html';
import { toVietnamIso } from './time';

type Format = { url: string; width?: number | null; height?: number | null };
export type StoredFile = {
  url: string;
  name?: string | null;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  size?: number | null;
  mime?: string | null;
  ext?: string | null;
  formats?: Record<string, Format> | null;
};

export type ImageDto = {
  url: string;
  alt: string;
  width: number | null;
  height: number | null;
  formats: Record<string, { url: string; width: number | null; height: number | null }>;
};

export const IMAGE_FIELDS = ['url', 'alternativeText', 'caption', 'width', 'height', 'formats'];

export function image(file: StoredFile | null | undefined): ImageDto | null {
  if (!file?.url) return null;
  const formats: ImageDto['formats'] = {};
  for (const [name, format] of Object.entries(file.formats ?? {})) {
    formats[name] = { url: absoluteUrl(format.url), width: format.width ?? null, height: format.height ?? null };
  }
  return { url: absoluteUrl(file.url), alt: file.alternativeText ?? '', width: file.width ?? null, height: file.height ?? null, formats };
}

export const attachment = (file: StoredFile) => ({
  name: file.name ?? '',
  url: absoluteUrl(file.url),
  // Strapi stores sizes in kilobytes.
  sizeBytes: Math.round((file.size ?? 0) * 1024),
  mime: file.mime ?? '',
  ext: (file.ext ?? '').replace(/^\./, ''),
});

type Named = { name: string; slug?: string | null; code?: string | null } | null | undefined;
const ref = (item: Named) => (item ? { name: item.name, slug: item.slug ?? undefined, code: item.code ?? undefined } : null);

export type StoredArticle = {
  documentId: string;
  title: string;
  slug: string;
  sapo?: string | null;
  body?: string | null;
  coverCaption?: string | null;
  coverCredit?: string | null;
  authorName?: string | null;
  authorTitle?: string | null;
  sourceAgency?: string | null;
  featured?: boolean | null;
  featuredUntil?: string | null;
  pinnedUntil?: string | null;
  displayAt?: string | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
  viewCount?: number | null;
  /** Approved readers' comments. */
  commentCount?: number | null;
  commentsClosed?: boolean | null;
  cover?: StoredFile | null;
  category?: { name: string; slug: string } | null;
  tags?: Array<{ name: string; slug: string }> | null;
  attachments?: StoredFile[] | null;
  seo?: { metaTitle?: string | null; metaDescription?: string | null; shareImage?: StoredFile | null } | null;
};

export const ARTICLE_CARD_FIELDS = ['documentId', 'title', 'slug', 'sapo', 'coverCaption', 'featured', 'featuredUntil', 'pinnedUntil', 'displayAt', 'publishedAt', 'viewCount'];

/** Whether an "until" time is still ahead: featured and pinned flags end by themselves. */
const ahead = (until: string | null | undefined): boolean => Boolean(until) && Date.parse(until as string) > Date.now();

export const articleCard = (article: StoredArticle) => ({
  slug: article.slug,
  title: article.title,
  sapo: article.sapo ?? '',
  cover: image(article.cover),
  coverCaption: article.coverCaption ?? '',
  category: ref(article.category),
  displayAt: toVietnamIso(article.displayAt ?? article.publishedAt),
  viewCount: article.viewCount ?? 0,
  commentCount: article.commentCount ?? 0,
  featured: Boolean(article.featured) && (!article.featuredUntil || ahead(article.featuredUntil)),
  pinned: ahead(article.pinnedUntil),
});

export const articleDetail = (article: StoredArticle) => ({
  ...articleCard(article),
  body: renderArticleHtml(article.body),
  coverCredit: article.coverCredit ?? '',
  author: { name: article.authorName ?? '', title: article.authorTitle ?? '' },
  sourceAgency: article.sourceAgency ?? '',
  tags: (article.tags ?? []).map((tag) => ({ name: tag.name, slug: tag.slug })),
  attachments: (article.attachments ?? []).map(attachment),
  publishedAt: toVietnamIso(article.publishedAt),
  updatedAt: toVietnamIso(article.updatedAt),
  commentsClosed: Boolean(article.commentsClosed),
  seo: {
    title: article.seo?.metaTitle || article.title,
    description: article.seo?.metaDescription || (article.sapo ? excerpt(article.sapo, 160) : articleExcerpt(article.body, 160)),
    image: image(article.seo?.shareImage ?? article.cover),
  },
});

export type StoredInitiative = {
  documentId: string;
  title: string;
  slug: string;
  summary?: string | null;
  content?: string | null;
  results?: string | null;
  subjectType: string;
  origin: string;
  personName?: string | null;
  personPosition?: string | null;
  recognizedAt?: string | null;
  cover?: StoredFile | null;
  gallery?: StoredFile[] | null;
  field?: { name: string; code: string } | null;
  period?: { year: number; name: string } | null;
  ownerUnit?: { name: string; code?: string | null } | null;
  localityUnit?: { name: string; code?: string | null } | null;
  recognitionLevel?: { name: string; code: string } | null;
  indicators?: Array<{ label: string; value: number; unit?: string | null }> | null;
  replicatedFrom?: { title: string; slug: string; reviewState?: string | null; recognitionLevel?: unknown } | null;
  /** A replicated model's source outside the system (historic data): its name and unit. */
  replicatedSourceName?: string | null;
  replicatedSourceUnit?: string | null;
  /** A continuing model's earlier model. */
  continuedFrom?: { title: string; slug: string; reviewState?: string | null; recognitionLevel?: unknown } | null;
};

/** A linked model, shown only while it is public itself. */
const publicLink = (model: StoredInitiative['replicatedFrom']) => (model && isPublicInitiative(model) ? { slug: model.slug, title: model.title } : null);

export const INITIATIVE_CARD_FIELDS = ['documentId', 'title', 'slug', 'summary', 'subjectType', 'origin', 'personName', 'recognizedAt'];

export const initiativeCard = (initiative: StoredInitiative) => ({
  slug: initiative.slug,
  title: initiative.title,
  summary: initiative.summary ?? '',
  subjectType: initiative.subjectType,
  origin: initiative.origin,
  // The name of an exemplary person is public; their contact data never is.
  personName: initiative.subjectType === 'individual' ? initiative.personName ?? '' : null,
  year: initiative.period?.year ?? null,
  field: initiative.field ? { code: initiative.field.code, name: initiative.field.name } : null,
  ownerUnit: initiative.ownerUnit ? { code: initiative.ownerUnit.code ?? null, name: initiative.ownerUnit.name } : null,
  recognitionLevel: initiative.recognitionLevel ? { code: initiative.recognitionLevel.code, name: initiative.recognitionLevel.name } : null,
  recognizedAt: toVietnamIso(initiative.recognizedAt),
  cover: image(initiative.cover),
});

export const initiativeDetail = (initiative: StoredInitiative) => ({
  ...initiativeCard(initiative),
  personPosition: initiative.subjectType === 'individual' ? initiative.personPosition ?? '' : null,
  content: renderRichText(initiative.content),
  results: renderRichText(initiative.results),
  localityUnit: initiative.localityUnit ? { code: initiative.localityUnit.code ?? null, name: initiative.localityUnit.name } : null,
  indicators: (initiative.indicators ?? []).map((indicator) => ({ label: indicator.label, value: indicator.value, unit: indicator.unit ?? '' })),
  gallery: (initiative.gallery ?? []).flatMap((file) => image(file) ?? []),
  replicatedFrom: initiative.origin === 'replicated' ? publicLink(initiative.replicatedFrom) : null,
  // Named only when the source is not a model of the system (else `replicatedFrom` links it, or it is not public).
  replicatedSource:
    initiative.origin === 'replicated' && !initiative.replicatedFrom && initiative.replicatedSourceName
      ? { name: initiative.replicatedSourceName, unit: initiative.replicatedSourceUnit ?? '' }
      : null,
  continuedFrom: initiative.origin === 'continuing' ? publicLink(initiative.continuedFrom) : null,
});
