/**
 * OpenAPI 3 description of the public API, served at /api/portal/openapi.json.
 * tests/integration/portal-openapi.test.ts checks that every route is
 * described here and that real responses validate against these schemas.
 */
type Schema = Record<string, unknown>;

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullable = (name: string) => ({ oneOf: [ref(name), { type: 'null' }] });
const arrayOf = (schema: Schema) => ({ type: 'array', items: schema });
const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

const ARTICLE_CARD: Record<string, Schema> = {
  slug: str,
  title: str,
  sapo: str,
  cover: nullable('Image'),
  coverCaption: str,
  category: { oneOf: [ref('Ref'), { type: 'null' }] },
  displayAt: { ...nullableStr, description: 'ISO 8601 in Asia/Ho_Chi_Minh (+07:00)' },
  viewCount: int,
  commentCount: { ...int, description: 'approved readers\' comments (replies included)' },
  featured: { type: 'boolean', description: 'featured now (a featured-until time not passed)' },
  pinned: { type: 'boolean', description: 'pinned to the top of the home page now' },
};

const INITIATIVE_CARD: Record<string, Schema> = {
  slug: str,
  title: str,
  summary: str,
  subjectType: { enum: ['collective', 'individual'] },
  origin: { enum: ['new', 'replicated', 'continuing'] },
  personName: nullableStr,
  year: { type: ['integer', 'null'] },
  field: nullable('CodeName'),
  ownerUnit: nullable('CodeName'),
  recognitionLevel: nullable('CodeName'),
  recognizedAt: nullableStr,
  cover: nullable('Image'),
};

const COMMENT: Record<string, Schema> = {
  id: str,
  name: { ...str, description: 'as the reader gave it; "Ban biên tập" for the editors\' replies' },
  byEditor: { type: 'boolean' },
  text: { ...str, description: 'plain text, as written (escape it when inserting into HTML)' },
  html: { ...str, description: 'the text escaped, with paragraphs and line breaks: safe to insert as is' },
  createdAt: nullableStr,
};

const schemas: Record<string, Schema> = {
  Error: object({
    data: { type: 'null' },
    error: object({ status: int, name: str, message: str, details: { type: 'object' } }),
  }),
  Pagination: object({ page: int, pageSize: int, total: int, pageCount: int }),
  Image: object({
    url: str,
    alt: str,
    width: { type: ['integer', 'null'] },
    height: { type: ['integer', 'null'] },
    formats: { type: 'object', additionalProperties: object({ url: str, width: { type: ['integer', 'null'] }, height: { type: ['integer', 'null'] } }) },
  }),
  Ref: object({ name: str, slug: str, code: str }, ['name']),
  ArticleCard: object(ARTICLE_CARD),
  Attachment: object({ name: str, url: str, sizeBytes: int, mime: str, ext: str }),
  ArticleDetail: object({
    ...ARTICLE_CARD,
    body: { type: 'string', description: 'Sanitised HTML, safe to insert as is' },
    coverCredit: str,
    author: object({ name: str, title: str }),
    sourceAgency: str,
    tags: arrayOf(object({ name: str, slug: str })),
    attachments: arrayOf(ref('Attachment')),
    publishedAt: nullableStr,
    updatedAt: nullableStr,
    commentsClosed: { type: 'boolean', description: 'the editors closed the article to new comments' },
    seo: object({ title: str, description: str, image: nullable('Image') }),
    related: arrayOf(ref('ArticleCard')),
    relatedInitiatives: arrayOf(ref('InitiativeCard')),
    moreInCategory: arrayOf(ref('ArticleCard')),
    prev: { oneOf: [object({ slug: str, title: str }), { type: 'null' }] },
    next: { oneOf: [object({ slug: str, title: str }), { type: 'null' }] },
  }),
  Comment: object(COMMENT),
  CommentThread: object({ ...COMMENT, replies: arrayOf(ref('Comment')) }),
  CodeName: object({ code: { type: ['string', 'null'] }, name: str }),
  InitiativeCard: object(INITIATIVE_CARD),
  InitiativeDetail: object({
    ...INITIATIVE_CARD,
    personPosition: nullableStr,
    content: str,
    results: str,
    localityUnit: nullable('CodeName'),
    indicators: arrayOf(object({ label: str, value: { type: 'number' }, unit: str })),
    gallery: arrayOf(ref('Image')),
    replicatedFrom: { oneOf: [object({ slug: str, title: str }), { type: 'null' }] },
    replicatedSource: { oneOf: [object({ name: str, unit: str }), { type: 'null' }] },
    continuedFrom: { oneOf: [object({ slug: str, title: str }), { type: 'null' }] },
    decision: { oneOf: [object({ number: str, date: str, signer: str }), { type: 'null' }] },
    commendations: arrayOf(object({ decisionNumber: str, date: str, issuer: str, form: str })),
    relatedArticles: arrayOf(ref('ArticleCard')),
  }),
  CategoryNode: object({ name: str, slug: str, description: str, children: arrayOf(ref('CategoryNode')) }),
  Site: object({
    code: str,
    name: str,
    description: str,
    hostnames: arrayOf(str),
    banner: nullable('Image'),
    parent: { oneOf: [object({ code: str, name: str }), { type: 'null' }] },
    children: arrayOf(object({ code: str, name: str })),
  }),
  SearchHit: object({ type: { enum: ['article', 'initiative'] }, slug: str, title: str, excerpt: str, date: nullableStr, relevance: int }),
  Statistics: {
    type: 'object',
    description:
      'Registered models (every state but draft and withdrawn) of one year or a span of years, for the province or a unit subtree (with the units merged into it), optionally only models of some unit kinds.',
    required: [
      'year',
      'from',
      'to',
      'scope',
      'total',
      'previous',
      'growth',
      'byYear',
      'byField',
      'bySubjectType',
      'byOrigin',
      'byRecognitionLevel',
      'byState',
      'byUnitKind',
      'byUnit',
      'funnel',
    ],
    additionalProperties: false,
    properties: {
      year: { ...int, description: 'the last year covered (= to)' },
      from: int,
      to: int,
      scope: object({ unit: nullableStr, name: nullableStr, kinds: { type: ['array', 'null'], items: str } }),
      total: int,
      previous: { ...object({ year: int, from: int, to: int, total: int }), description: 'the span of the same length just before' },
      growth: object({ absolute: int, percent: { type: ['number', 'null'] } }),
      byYear: arrayOf(object({ year: int, total: int })),
      byField: arrayOf(
        object({ fieldId: { type: ['integer', 'null'] }, code: nullableStr, name: nullableStr, count: int, previous: int, growth: int })
      ),
      bySubjectType: object({ collective: int, individual: int }),
      byOrigin: { ...object({ new: int, replicated: int, continuing: int }), description: 'new: built this year; replicated: from an effective model; continuing (duy trì): an earlier model carried on' },
      byRecognitionLevel: arrayOf(object({ kindId: int, code: str, name: str, count: int })),
      byState: { type: 'object', additionalProperties: int },
      byUnitKind: { ...arrayOf(object({ kindId: { type: ['integer', 'null'] }, code: nullableStr, name: nullableStr, count: int })), description: 'by the kind of the owner unit' },
      byUnit: {
        ...arrayOf(object({ id: { ...str, description: 'the unit document id' }, code: nullableStr, kind: nullableStr, name: str, count: int })),
        description:
          'By unit as the tree was in the period: the scope\'s children then and the units merged into it later (the scope itself for its own models); without `unit`, the top units valid in the period (with a single one, its children). Drill down with `unit=<code>`.',
      },
      funnel: {
        ...object({
          year: int,
          from: int,
          to: int,
          registered: int,
          levels: arrayOf(
            object({
              code: str,
              name: str,
              entered: int,
              waiting: int,
              underReview: int,
              recognised: int,
              returned: int,
              notRecognised: int,
              proposedOnward: int,
              withdrawn: int,
            })
          ),
        }),
        description:
          'Per review level, what happened to the models that entered it (at the first level above their owner, or proposed from below), as they stand now: recognised (including those proposed onward) + returned + not recognised + waiting + under review + withdrawn = entered.',
      },
    },
  },
};

const data = (schema: Schema) => object({ data: schema });
const list = (item: string) => object({ data: arrayOf(ref(item)), meta: { type: 'object', required: ['pagination'], properties: { pagination: ref('Pagination') } } });
const ok = (schema: Schema, contentType = 'application/json') => ({ description: 'OK', content: { [contentType]: { schema } } });
const errors = {
  '304': { description: 'Not modified (If-None-Match matched the ETag)' },
  '400': { description: 'Invalid parameters', content: { 'application/json': { schema: ref('Error') } } },
  '404': { description: 'Not found', content: { 'application/json': { schema: ref('Error') } } },
};
const queryParam = (name: string, schema: Schema, description = '') => ({ name, in: 'query', required: false, schema, description });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: str });
const paging = [queryParam('page', { type: 'integer', minimum: 1, default: 1 }), queryParam('pageSize', { type: 'integer', minimum: 1, maximum: 50, default: 12 })];
const get = (summary: string, parameters: Schema[], response: Schema, contentType?: string) => ({
  get: { summary, parameters, responses: { '200': ok(response, contentType), ...errors } },
});

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Dân vận khéo — public API for the news websites',
    version: '1.0.0',
    description: 'Read-only, cacheable (ETag, Cache-Control, 304). Errors: { data: null, error: { status, name, message, details } }.',
  },
  servers: [{ url: '/api/portal' }],
  paths: {
    '/health': { get: { summary: 'Health check for load balancers', responses: { '200': { description: 'Database answers' }, '503': { description: 'Database unreachable' } } } },
    '/openapi.json': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3 document' } } } },
    '/sites/{site}': get('Site: name, banner, sub-sites', [pathParam('site')], data(ref('Site'))),
    '/sites/{site}/categories': get('Category tree of a site', [pathParam('site')], data(arrayOf(ref('CategoryNode')))),
    '/sites/{site}/tags': get('Tags', [pathParam('site')], data(arrayOf(object({ name: str, slug: str })))),
    '/sites/{site}/articles': get(
      'Published articles of a site, newest first',
      [
        pathParam('site'),
        queryParam('category', str, 'category slug (its subcategories included)'),
        queryParam('tag', str, 'tag slug'),
        queryParam('date', { type: 'string', format: 'date' }, 'a day in Vietnam time'),
        queryParam('from', { type: 'string', format: 'date' }),
        queryParam('to', { type: 'string', format: 'date' }),
        queryParam('featured', { type: 'boolean' }, 'featured now'),
        queryParam('pinned', { type: 'boolean' }, 'pinned now (pinned-until time still ahead)'),
        ...paging,
      ],
      list('ArticleCard')
    ),
    '/sites/{site}/rss.xml': get('RSS 2.0 of a site', [pathParam('site')], { type: 'string' }, 'application/rss+xml'),
    '/sites/{site}/categories/{category}/rss.xml': get('RSS 2.0 of a category', [pathParam('site'), pathParam('category')], { type: 'string' }, 'application/rss+xml'),
    '/sites/{site}/sitemap.xml': get('sitemap.xml of a site', [pathParam('site')], { type: 'string' }, 'application/xml'),
    '/articles/{slug}': get('A published article with related lists and prev/next', [pathParam('slug'), queryParam('site', str)], data(ref('ArticleDetail'))),
    '/articles/{slug}/views': {
      post: {
        summary: 'Count a view (once per client per 30 minutes; rate-limited)',
        parameters: [pathParam('slug')],
        responses: {
          '200': ok(data(object({ counted: { type: 'boolean' }, viewCount: int }))),
          '404': errors['404'],
          '429': { description: 'Too many requests', content: { 'application/json': { schema: ref('Error') } } },
        },
      },
    },
    '/articles/{slug}/comments': {
      get: {
        summary: 'Approved readers\' comments of an article: threads (a comment and the approved replies under it, oldest first), paged by their first comment. Never e-mail addresses.',
        parameters: [pathParam('slug'), queryParam('order', { enum: ['oldest', 'newest'], default: 'oldest' }), queryParam('page', { type: 'integer', minimum: 1, default: 1 }), queryParam('pageSize', { type: 'integer', minimum: 1, maximum: 50, default: 20 })],
        responses: {
          '200': ok({
            type: 'object',
            required: ['data', 'meta'],
            additionalProperties: false,
            properties: {
              data: arrayOf(ref('CommentThread')),
              meta: object({
                pagination: { ...ref('Pagination'), description: 'of threads' },
                total: { ...int, description: 'every approved comment, replies included' },
                closed: { type: 'boolean' },
                order: { enum: ['oldest', 'newest'] },
              }),
            },
          }),
          ...errors,
        },
      },
      post: {
        summary: 'Post a comment (or, with replyTo, a reply to an approved one): stored pending, shown only once an editor approves it',
        parameters: [pathParam('slug')],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: object(
                {
                  name: { type: 'string', minLength: 2, maxLength: 80 },
                  email: { type: 'string', format: 'email', description: 'private: never shown nor returned' },
                  text: { type: 'string', minLength: 2, description: 'plain text; at most COMMENT_MAX_LENGTH characters (2000) and COMMENT_MAX_LINKS links (2)' },
                  replyTo: { type: ['string', 'null'], description: 'id of the approved comment answered' },
                  token: { ...str, description: 'from GET /articles/{slug}/comment-form; refused sooner than minSeconds after it was issued, or once expired' },
                  website: { ...str, description: 'honeypot: leave empty (hide the field from people)' },
                },
                ['name', 'email', 'text', 'token']
              ),
            },
          },
        },
        responses: {
          '202': ok(data(object({ status: { enum: ['pending'] }, message: str }))),
          '400': { description: 'Invalid form, token (missing, forged, too fast, expired), honeypot filled, too many links, blocked words', content: { 'application/json': { schema: ref('Error') } } },
          '403': { description: 'Comments closed for this article', content: { 'application/json': { schema: ref('Error') } } },
          '404': errors['404'],
          '429': { description: 'Too many comments from the address or on the article (Retry-After)', content: { 'application/json': { schema: ref('Error') } } },
        },
      },
    },
    '/articles/{slug}/comment-form': get(
      'A signed token for one comment form (never cached) and the form\'s limits',
      [pathParam('slug')],
      data(
        object({
          closed: { type: 'boolean' },
          token: { ...nullableStr, description: 'null when comments are closed' },
          minSeconds: int,
          expiresInSeconds: int,
          maxLength: int,
          maxLinks: int,
        })
      )
    ),
    '/search': get(
      'Accent-insensitive search over articles and recognised models, by relevance then recency',
      [queryParam('q', str, 'at least 2 characters; whole words, the last one also a word\'s beginning, accents and case aside ("dan van kh" finds "Dân vận khéo"); up to 8 words'), queryParam('type', { enum: ['all', 'article', 'initiative'] }), queryParam('site', str), ...paging],
      { type: 'object', required: ['data', 'meta'], properties: { data: arrayOf(ref('SearchHit')), meta: { type: 'object' } } }
    ),
    '/initiatives': get(
      'Directory of recognised models',
      [
        queryParam('field', str, 'field code'),
        queryParam('level', str, 'recognition level (unit kind code)'),
        queryParam('year', int),
        queryParam('unit', str, 'unit code (its subtree, merged units included)'),
        queryParam('origin', { enum: ['new', 'replicated', 'continuing'] }),
        queryParam('subjectType', { enum: ['collective', 'individual'] }),
        ...paging,
      ],
      list('InitiativeCard')
    ),
    '/preview/article': get(
      'The draft of an article through a signed, short-lived preview link (never cached; 401 when the token is expired or invalid)',
      [{ name: 'token', in: 'query', required: true, schema: str }],
      data(ref('ArticleDetail'))
    ),
    '/preview/initiative': get(
      'A model as its public page will show it, through a signed, short-lived preview link (never cached; 401 when the token is expired or invalid)',
      [{ name: 'token', in: 'query', required: true, schema: str }],
      data(ref('InitiativeDetail'))
    ),
    '/initiatives/{slug}': get('A recognised model (public fields only)', [pathParam('slug')], data(ref('InitiativeDetail'))),
    '/periods': get(
      'Periods (years), newest first, with theme and review chain',
      [],
      data(arrayOf(object({ year: int, name: str, theme: str, reviewChain: arrayOf(object({ code: str, name: str })) })))
    ),
    '/fields': get('Active fields of models', [], data(arrayOf(object({ code: str, name: str })))),
    '/statistics': get(
      'Statistics of a year or a span of years (and a unit subtree, some unit kinds)',
      [
        queryParam('year', int, 'one year; or give from and to'),
        queryParam('from', int, 'first year of a span (with to; at most 20 years)'),
        queryParam('to', int, 'last year of a span (with from)'),
        queryParam('unit', str, 'unit code (its subtree as it was, merged units included)'),
        queryParam('kind', str, 'unit kind codes, comma-separated (e.g. commune,ward): only models of units of these kinds'),
      ],
      data(ref('Statistics'))
    ),
  },
  components: { schemas },
};
