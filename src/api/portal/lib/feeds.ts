import { Feed } from 'feed';

import { renderArticleHtml } from './html';

export type FeedSite = { code: string; name: string; description: string; baseUrl: string };
export type FeedItem = { slug: string; title: string; sapo: string; body?: string | null; at: string | null; author?: string | null };

export const articleUrl = (site: FeedSite, slug: string) => `${site.baseUrl}/bai-viet/${encodeURIComponent(slug)}`;

/** RSS 2.0 of a site or one of its categories. */
export function rss(site: FeedSite, items: FeedItem[], { title, path }: { title: string; path: string }): string {
  const feed = new Feed({
    title,
    description: site.description || site.name,
    id: `${site.baseUrl}${path}`,
    link: site.baseUrl,
    language: 'vi',
    copyright: site.name,
    updated: items[0]?.at ? new Date(items[0].at) : undefined,
    generator: 'Dân vận khéo',
  });
  for (const item of items) {
    feed.addItem({
      title: item.title,
      id: articleUrl(site, item.slug),
      link: articleUrl(site, item.slug),
      description: item.sapo,
      content: item.body ? renderArticleHtml(item.body) : undefined,
      date: item.at ? new Date(item.at) : new Date(0),
      author: item.author ? [{ name: item.author }] : undefined,
    });
  }
  return feed.rss2();
}

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] as string);

/** sitemap.xml of a site's published articles and categories. */
export function sitemap(site: FeedSite, entries: Array<{ path: string; at: string | null }>): string {
  const urls = entries
    .map(({ path, at }) => `  <url><loc>${escapeXml(`${site.baseUrl}${path}`)}</loc>${at ? `<lastmod>${escapeXml(at)}</lastmod>` : ''}</url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}
