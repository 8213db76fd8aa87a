/**
 * The review's document-service guards fail closed: any action they do not
 * know is a write, and is refused on models and on the review's records. The
 * Content Manager's clone, update and delete are covered through HTTP in
 * tests/security/hardening.test.ts; these are the actions Strapi 5.54 has no
 * route for today (e.g. publish on a type without draft & publish) and any a
 * later version may add.
 */
import type { Core } from '@strapi/strapi';

import { initiativeGuard, recordGuard } from '../../src/plugins/review/server/src/guards';

const INITIATIVE = 'api::initiative.initiative';
// Fails the test if the guard ever reaches the database for these calls.
const strapi = new Proxy({}, { get: () => { throw new Error('the guard must decide without the database'); } }) as unknown as Core.Strapi;

describe('review document-service guards', () => {
  const call = (guard: (ctx: never, next: () => Promise<unknown>) => Promise<unknown>, uid: string, action: string) => {
    const next = jest.fn(async () => 'written');
    return { result: guard({ uid, action, params: { documentId: 'abc' } } as never, next), next };
  };

  it.each(['publish', 'unpublish', 'discardDraft', 'updateMany', 'someFutureAction'])('refuses %s on a model without calling it', async (action) => {
    const { result, next } = call(initiativeGuard(strapi), INITIATIVE, action);
    await expect(result).rejects.toMatchObject({ name: 'PolicyError', message: expect.stringContaining(action) });
    expect(next).not.toHaveBeenCalled();
  });

  it.each(['findOne', 'findFirst', 'findMany', 'count'])('lets %s read a model', async (action) => {
    const { result, next } = call(initiativeGuard(strapi), INITIATIVE, action);
    await expect(result).resolves.toBe('written');
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('leaves other content types to their own rules', async () => {
    const { result } = call(initiativeGuard(strapi), 'api::article.article', 'publish');
    await expect(result).resolves.toBe('written');
  });

  it.each([
    ['plugin::review.decision', 'update'],
    ['plugin::review.decision', 'delete'],
    ['plugin::review.decision', 'create'],
    ['plugin::review.decision', 'clone'],
    ['plugin::review.decision', 'someFutureAction'],
    ['plugin::review.decision-amendment', 'update'],
    ['plugin::review.review-event', 'create'],
    ['plugin::review.assessment', 'update'],
  ])('refuses writes to %s through the document service (%s)', async (uid, action) => {
    const { result, next } = call(recordGuard, uid, action);
    await expect(result).rejects.toMatchObject({ name: 'PolicyError' });
    expect(next).not.toHaveBeenCalled();
  });

  it('lets the review records be read', async () => {
    const { result, next } = call(recordGuard, 'plugin::review.decision', 'findMany');
    await expect(result).resolves.toBe('written');
    expect(next).toHaveBeenCalledTimes(1);
  });
});
