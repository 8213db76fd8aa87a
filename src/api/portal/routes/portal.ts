/**
 * Public, read-only routes for the provincial news websites: purpose-built
 * (explicit DTOs, capped pages, validated parameters) rather than the stock
 * /api/<type> routes, which stay closed to the public role.
 */
const open = (method: 'GET' | 'POST', path: string, handler: string) => ({
  method,
  path: `/portal${path}`,
  handler: `portal.${handler}`,
  config: { auth: false as const },
});

export const PORTAL_ROUTES = [
  open('GET', '/health', 'health'),
  open('GET', '/openapi.json', 'openapi'),
  open('GET', '/sites/:site', 'site'),
  open('GET', '/sites/:site/categories', 'categories'),
  open('GET', '/sites/:site/tags', 'tags'),
  open('GET', '/sites/:site/articles', 'articles'),
  open('GET', '/sites/:site/rss.xml', 'rss'),
  open('GET', '/sites/:site/categories/:category/rss.xml', 'rss'),
  open('GET', '/sites/:site/sitemap.xml', 'sitemap'),
  open('GET', '/articles/:slug', 'article'),
  open('POST', '/articles/:slug/views', 'view'),
  open('GET', '/articles/:slug/comments', 'comments'),
  open('POST', '/articles/:slug/comments', 'postComment'),
  open('GET', '/articles/:slug/comment-form', 'commentForm'),
  open('GET', '/search', 'search'),
  open('GET', '/initiatives', 'initiatives'),
  open('GET', '/initiatives/:slug', 'initiative'),
  open('GET', '/statistics', 'statistics'),
  open('GET', '/periods', 'periods'),
  open('GET', '/fields', 'fields'),
  open('GET', '/preview/article', 'previewArticle'),
  open('GET', '/preview/initiative', 'previewInitiative'),
];

export default { routes: PORTAL_ROUTES };
