/**
 * The load scenarios of `npm run bench`, in the order they run. Adding one is
 * one entry here (and, for a target, one entry in TARGETS below):
 *
 *   key          stable id, used by targets and in bench/results/*.json
 *   label        the table's row name
 *   instance     which server answers: 'uncached' (PORTAL_CACHE=off),
 *                'cached' (in-memory cache), 'redis' (informational, skipped
 *                without Redis)
 *   path         the request path, or (context) => path; context has
 *                `articleSlug` (newest portal article) and `token` (a
 *                read-only API token)
 *   headers      optional (context) => headers
 *   connections  optional, default --connections (20)
 *   expectCache  optional X-Cache the probe request must carry ('MISS' / 'HIT')
 */
const { SEARCHES } = require('./generate');

const q = (words) => encodeURIComponent(words);

const SCENARIOS = [
  { key: 'list-uncached', label: '(a) portal list, uncached', instance: 'uncached', path: '/api/portal/sites/portal/articles?pageSize=12', expectCache: 'MISS' },
  { key: 'article-uncached', label: '(a) portal article, uncached', instance: 'uncached', path: (c) => `/api/portal/articles/${c.articleSlug}`, expectCache: 'MISS' },
  { key: 'statistics-uncached', label: 'statistics 2025, uncached', instance: 'uncached', path: '/api/portal/statistics?year=2025', expectCache: 'MISS' },
  { key: 'statistics-uncached-1', label: 'statistics 2025, uncached, 1 conn', instance: 'uncached', path: '/api/portal/statistics?year=2025', connections: 1, expectCache: 'MISS' },
  { key: 'statistics-span-uncached-1', label: 'statistics 2023–2025, uncached, 1 conn', instance: 'uncached', path: '/api/portal/statistics?from=2023&to=2025', connections: 1, expectCache: 'MISS' },
  { key: 'statistics-span-kind-uncached-1', label: 'statistics 2023–2025, commune kind, uncached, 1 conn', instance: 'uncached', path: '/api/portal/statistics?from=2023&to=2025&kind=commune', connections: 1, expectCache: 'MISS' },
  { key: 'directory-uncached', label: 'models directory, uncached', instance: 'uncached', path: '/api/portal/initiatives?pageSize=12', expectCache: 'MISS' },
  { key: 'directory-uncached-1', label: 'models directory, uncached, 1 conn', instance: 'uncached', path: '/api/portal/initiatives?pageSize=12', connections: 1, expectCache: 'MISS' },
  { key: 'search-common-uncached-1', label: `search "${SEARCHES.common}", uncached, 1 conn`, instance: 'uncached', path: `/api/portal/search?q=${q(SEARCHES.common)}`, connections: 1, expectCache: 'MISS' },
  { key: 'search-rare-uncached-1', label: `search "${SEARCHES.rare}", uncached, 1 conn`, instance: 'uncached', path: `/api/portal/search?q=${q(SEARCHES.rare)}`, connections: 1, expectCache: 'MISS' },
  { key: 'search-common-deep-uncached-1', label: `search "${SEARCHES.common}" page 500, uncached, 1 conn`, instance: 'uncached', path: `/api/portal/search?q=${q(SEARCHES.common)}&page=500`, connections: 1, expectCache: 'MISS' },
  { key: 'search-common-uncached', label: `search "${SEARCHES.common}", uncached`, instance: 'uncached', path: `/api/portal/search?q=${q(SEARCHES.common)}`, expectCache: 'MISS' },
  { key: 'search-rare-uncached', label: `search "${SEARCHES.rare}", uncached`, instance: 'uncached', path: `/api/portal/search?q=${q(SEARCHES.rare)}`, expectCache: 'MISS' },
  {
    key: 'stock',
    label: '(b) stock REST /api/articles',
    instance: 'uncached',
    path: '/api/articles?pagination[pageSize]=12&populate[0]=cover&populate[1]=category&sort=displayAt:desc&status=published',
    headers: (c) => ({ Authorization: `Bearer ${c.token}` }),
  },
  { key: 'list-cached', label: '(a) portal list, cached', instance: 'cached', path: '/api/portal/sites/portal/articles?pageSize=12', expectCache: 'HIT' },
  { key: 'article-cached', label: '(a) portal article, cached', instance: 'cached', path: (c) => `/api/portal/articles/${c.articleSlug}`, expectCache: 'HIT' },
  { key: 'statistics-cached', label: 'statistics 2025, cached', instance: 'cached', path: '/api/portal/statistics?year=2025', expectCache: 'HIT' },
  { key: 'list-cached-redis', label: '(a) portal list, cached in Redis', instance: 'redis', path: '/api/portal/sites/portal/articles?pageSize=12', expectCache: 'HIT' },
  { key: 'article-cached-redis', label: '(a) portal article, cached in Redis', instance: 'redis', path: (c) => `/api/portal/articles/${c.articleSlug}`, expectCache: 'HIT' },
];

/**
 * Targets checked on every run. `p99Below`: the scenario's p99 (ms) must be
 * below it with no failed request; `ratio`: req/s of `scenario` ÷ req/s of
 * `over` at least `atLeast`. (The SQL-per-list check is computed in run.js.)
 */
const TARGETS = [
  { name: 'portal list uncached ÷ stock Strapi REST (req/s)', ratio: { scenario: 'list-uncached', over: 'stock', atLeast: 3 } },
  { name: 'portal list cached ÷ bare Node (req/s)', ratio: { scenario: 'list-cached', over: 'bare', atLeast: 0.5 }, percent: true },
  { name: 'statistics?year=2025 p99 as served (cache on), 20 connections', p99Below: { scenario: 'statistics-cached', ms: 20 } },
  { name: 'statistics?year=2025 uncached p99, 1 connection (the computation itself)', p99Below: { scenario: 'statistics-uncached-1', ms: 20 } },
  { name: 'statistics 2023–2025 uncached p99, 1 connection', p99Below: { scenario: 'statistics-span-uncached-1', ms: 100 } },
  { name: `search "${SEARCHES.common}" uncached p99, 1 connection`, p99Below: { scenario: 'search-common-uncached-1', ms: 100 } },
  { name: `search "${SEARCHES.rare}" uncached p99, 1 connection`, p99Below: { scenario: 'search-rare-uncached-1', ms: 100 } },
  { name: `search "${SEARCHES.common}" page 500 uncached p99, 1 connection`, p99Below: { scenario: 'search-common-deep-uncached-1', ms: 100 } },
];

module.exports = { SCENARIOS, TARGETS };
