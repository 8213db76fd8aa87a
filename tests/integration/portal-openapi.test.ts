import Ajv2020 from 'ajv/dist/2020';

import { OPENAPI } from '../../src/api/portal/openapi';
import { PORTAL_ROUTES } from '../../src/api/portal/routes/portal';
import { seedDemo } from '../../src/seed/demo';
import { startTestApp, type TestApp } from '../helpers/strapi';

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
const paths = OPENAPI.paths as unknown as Record<string, Record<string, Operation>>;

/** `/portal/articles/:slug` → `/articles/{slug}` */
const toOpenApiPath = (path: string) => path.replace(/^\/portal/, '').replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document of the public API', () => {
  let app: TestApp;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'openapi', components: OPENAPI.components });

  /** Validates a response body against the documented 200 schema of an operation. */
  const validate = (path: string, method: string, body: unknown) => {
    const schema = paths[path][method].responses['200'].content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${path} documents no JSON response`);
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"openapi#/components'));
    const check = ajv.compile(rewritten);
    const valid = check(body);
    return valid ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemo(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('documents every route, and only existing routes', () => {
    const routes = PORTAL_ROUTES.map((route) => `${route.method.toLowerCase()} ${toOpenApiPath(route.path)}`).sort();
    const documented = Object.entries(paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  it('is served at a stable URL', async () => {
    const res = await app.http().get('/api/portal/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(Object.keys(paths));
  });

  it('matches real responses of every JSON endpoint', async () => {
    const [card] = (await app.http().get('/api/portal/sites/portal/articles?pageSize=1')).body.data;
    const [model] = (await app.http().get('/api/portal/initiatives?pageSize=1')).body.data;
    const cases: Array<[string, string, string]> = [
      ['/sites/{site}', 'get', '/api/portal/sites/portal'],
      ['/sites/{site}/categories', 'get', '/api/portal/sites/portal/categories'],
      ['/sites/{site}/tags', 'get', '/api/portal/sites/portal/tags'],
      ['/sites/{site}/articles', 'get', '/api/portal/sites/portal/articles?pageSize=20'],
      ['/articles/{slug}', 'get', `/api/portal/articles/${card.slug}`],
      ['/search', 'get', '/api/portal/search?q=dan%20van'],
      ['/initiatives', 'get', '/api/portal/initiatives?pageSize=50'],
      ['/initiatives/{slug}', 'get', `/api/portal/initiatives/${model.slug}`],
      ['/statistics', 'get', '/api/portal/statistics?year=2025'],
      ['/periods', 'get', '/api/portal/periods'],
      ['/fields', 'get', '/api/portal/fields'],
      ['/articles/{slug}/comments', 'get', `/api/portal/articles/${card.slug}/comments`],
      ['/articles/{slug}/comment-form', 'get', `/api/portal/articles/${card.slug}/comment-form`],
    ];
    for (const [path, method, url] of cases) {
      const res = await app.http().get(url);
      expect([url, res.status]).toEqual([url, 200]);
      expect([url, validate(path, method, res.body)]).toEqual([url, []]);
    }
    const view = await app.http().post(`/api/portal/articles/${card.slug}/views`);
    const viewSchema = paths['/articles/{slug}/views'].post.responses['200'].content?.['application/json']?.schema as object;
    expect(ajv.compile(viewSchema)(view.body)).toBe(true);
  });

  it('matches the answers of posting a comment, accepted (202) and refused (400)', async () => {
    const [card] = (await app.http().get('/api/portal/sites/portal/articles?pageSize=1')).body.data;
    const { issueToken } = await import('../../src/api/portal/lib/comment-rules');
    const { commentSettings } = await import('../../src/api/portal/lib/comment-rules');
    const token = issueToken(commentSettings(), card.slug, Date.now() - 60_000);
    const body = { name: 'Trần Thị Mai', email: 'mai@example.vn', text: 'Bài viết rất hay.', token };
    const accepted = await app.http().post(`/api/portal/articles/${card.slug}/comments`).send(body);
    expect(accepted.status).toBe(202);
    const operation = (paths['/articles/{slug}/comments'] as unknown as Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>).post;
    const schema = JSON.parse(JSON.stringify(operation.responses['202'].content?.['application/json']?.schema).replace(/"#\/components/g, '"openapi#/components'));
    expect(ajv.compile(schema)(accepted.body)).toBe(true);
    const refused = await app.http().post(`/api/portal/articles/${card.slug}/comments`).send({ ...body, website: 'x' });
    expect(refused.status).toBe(400);
    expect(ajv.getSchema('openapi#/components/schemas/Error')?.(refused.body)).toBe(true);
  });

  it('documents the error body that bad requests get', async () => {
    const res = await app.http().get('/api/portal/sites/portal/articles?pageSize=9999');
    expect(res.status).toBe(400);
    const check = ajv.getSchema('openapi#/components/schemas/Error');
    expect(check?.(res.body)).toBe(true);
  });
});
