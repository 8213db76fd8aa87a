import slugify from 'slugify';

import { htmlToPlainText, isEditorHtml } from './article-html';

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Lowercase, strip Vietnamese diacritics (đ → d) and collapse white space, so
 * "Dân vận khéo" and "dan van kheo" compare equal. Used both when storing
 * `searchText` and when normalising a reader's query.
 */
export function normalizeForSearch(input: string): string {
  return input
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** URL slug from a Vietnamese title: diacritics dropped, đ → d, lowercase, hyphen-separated. */
export function toSlug(input: string, maxLength = 120): string {
  const slug = slugify(input, { lower: true, strict: true, locale: 'vi', trim: true });
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/** Plain text of Markdown (as stored by Strapi's rich-text field), for indexing. */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~>#|-]+/g, ' ');
}

/** Plain text of a rich-text field: the editor's HTML (article bodies) or Markdown. */
export function richTextToPlainText(source: string): string {
  return isEditorHtml(source) ? htmlToPlainText(source) : markdownToPlainText(source);
}

/** Builds the normalised search text from the given parts; rich-text parts (HTML or Markdown) are reduced to text first. */
export function buildSearchText(parts: Array<string | null | undefined>, markdownParts: Array<string | null | undefined> = []): string {
  const text = [...parts, ...markdownParts.map((part) => (part ? richTextToPlainText(part) : part))]
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .join(' ');
  return normalizeForSearch(text);
}
