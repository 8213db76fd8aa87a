import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

import { htmlToPlainText, isEditorHtml, markdownToArticleHtml } from '../../../domain/article-html';

const markdown = new MarkdownIt({ html: true, linkify: true, breaks: false });

/**
 * Uploaded files are stored with paths like /uploads/x.png; news sites on
 * other hosts need absolute URLs, made from PUBLIC_URL when it is set.
 */
export function absoluteUrl(url: string): string {
  const base = (process.env.PUBLIC_URL ?? '').replace(/\/$/, '');
  return base && url.startsWith('/') && !url.startsWith('//') ? `${base}${url}` : url;
}

/** What survives in rich text sent to the news sites: formatting, links, images, tables; no script, no handlers. */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'figure',
    'figcaption',
    'caption',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, ...(attribs.href ? { href: absoluteUrl(attribs.href) } : {}), rel: 'noopener noreferrer' },
    }),
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, ...(attribs.src ? { src: absoluteUrl(attribs.src) } : {}), loading: 'lazy' },
    }),
  },
};

/** Markdown (Strapi's rich text) to HTML that is safe to insert into a page as it is. */
export function renderRichText(source: string | null | undefined): string {
  if (!source) return '';
  return sanitizeHtml(markdown.render(source), POLICY);
}

/** Plain-text excerpt of rich text, for search results and feeds. */
export function excerpt(source: string | null | undefined, length = 200): string {
  if (!source) return '';
  const text = sanitizeHtml(markdown.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length / 2)).trim()}…`;
}

/**
 * Article bodies: HTML from the visual editor (figures with captions, tables).
 * No iframe of any origin, no style, no class but the editor's figure kinds.
 */
const ARTICLE_POLICY: sanitizeHtml.IOptions = {
  ...POLICY,
  allowedTags: [...(POLICY.allowedTags as string[]), 'colgroup', 'col', 's', 'u', 'sub', 'sup'],
  allowedAttributes: {
    ...(POLICY.allowedAttributes as Record<string, string[]>),
    th: ['colspan', 'rowspan', 'scope'],
    figure: ['class'],
  },
  allowedClasses: { figure: ['image', 'table', 'image-style-side', 'image-style-align-left', 'image-style-align-right', 'image-style-align-center'] },
  allowedSchemesByTag: { img: ['http', 'https'] },
};

/** An article body as the news sites receive it: the editor's HTML (or a Markdown body not converted yet), sanitised. */
export function renderArticleHtml(source: string | null | undefined): string {
  if (!source) return '';
  return sanitizeHtml(isEditorHtml(source) ? source : markdownToArticleHtml(source), ARTICLE_POLICY);
}

/** Plain-text excerpt of an article body or lead. */
export function articleExcerpt(source: string | null | undefined, length = 200): string {
  if (!source) return '';
  if (!isEditorHtml(source)) return excerpt(source, length);
  const text = htmlToPlainText(source);
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length / 2)).trim()}…`;
}
