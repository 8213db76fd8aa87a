import type { Core } from '@strapi/strapi';

import { checkHealth } from '../../src/api/portal/lib/health';

/** A Strapi whose database answers `select 1` with the given outcome. */
const strapiWith = (outcome: () => Promise<unknown>) => {
  const logged: string[] = [];
  const strapi = {
    db: { dialect: { client: 'postgres' }, connection: { raw: () => ({ timeout: outcome }) } },
    log: { error: (message: string) => logged.push(message) },
  } as unknown as Core.Strapi;
  return { strapi, logged };
};

describe('health check', () => {
  it('reports ok when the database answers', async () => {
    const { strapi } = strapiWith(() => Promise.resolve([{ '?column?': 1 }]));
    const report = await checkHealth(strapi);
    expect(report).toMatchObject({ status: 'ok', database: { status: 'ok', client: 'postgres' } });
  });

  it('reports an error without the reason, which goes to the log only', async () => {
    const { strapi, logged } = strapiWith(() => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')));
    const report = await checkHealth(strapi);
    expect(report).toMatchObject({ status: 'error', database: { status: 'error', client: 'postgres' } });
    expect(JSON.stringify(report)).not.toContain('ECONNREFUSED');
    expect(logged).toEqual([expect.stringContaining('ECONNREFUSED')]);
  });
});
