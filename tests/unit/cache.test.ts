import { memoryStore, etagOf } from '../../src/api/portal/lib/cache';

describe('portal response cache', () => {
  it('forgets nothing until a tag is bumped, then misses every key built on the old generation', async () => {
    const store = memoryStore();
    const [before] = await store.generations(['articles']);
    await store.set(`list#${before}`, { status: 200, body: '[]', etag: etagOf('[]'), contentType: 'application/json' }, 60);
    expect(await store.get(`list#${before}`)).not.toBeNull();
    await store.bump(['articles']);
    const [after] = await store.generations(['articles']);
    expect(after).toBe(before + 1);
    expect(await store.get(`list#${after}`)).toBeNull();
  });

  it('gives weak ETags that change with the body', () => {
    expect(etagOf('a')).toMatch(/^W\/"[\w-]+"$/);
    expect(etagOf('a')).not.toBe(etagOf('b'));
  });
});
