import { SignJWT } from 'jose';

import { InvalidPreviewToken, PREVIEW_TTL_SECONDS, signPreviewToken, verifyPreviewToken } from '../../src/domain/newsroom/preview-token';

describe('preview tokens', () => {
  const original = { ADMIN_JWT_SECRET: process.env.ADMIN_JWT_SECRET, PREVIEW_SECRET: process.env.PREVIEW_SECRET };
  beforeEach(() => {
    process.env.ADMIN_JWT_SECRET = 'unit-admin-secret';
    delete process.env.PREVIEW_SECRET;
  });
  afterAll(() => Object.assign(process.env, original));

  const reason = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'accepted';
    } catch (error) {
      return error instanceof InvalidPreviewToken ? error.reason : String(error);
    }
  };

  it('names one document of one kind, for a short time', async () => {
    const issued = new Date('2026-12-02T08:00:00Z');
    const token = await signPreviewToken({ kind: 'article', documentId: 'doc1' }, issued);
    await expect(verifyPreviewToken(token, 'article', new Date(issued.getTime() + 60_000))).resolves.toEqual({ kind: 'article', documentId: 'doc1' });
    expect(await reason(verifyPreviewToken(token, 'initiative', issued))).toBe('invalid');
    expect(await reason(verifyPreviewToken(token, 'article', new Date(issued.getTime() + (PREVIEW_TTL_SECONDS + 60) * 1000)))).toBe('expired');
  });

  it('refuses a token signed with another key, e.g. an admin session token', async () => {
    const token = await signPreviewToken({ kind: 'article', documentId: 'doc1' });
    process.env.ADMIN_JWT_SECRET = 'another-secret';
    expect(await reason(verifyPreviewToken(token, 'article'))).toBe('invalid');
    const adminLike = await new SignJWT({ kind: 'article' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('doc1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret'));
    expect(await reason(verifyPreviewToken(adminLike, 'article'))).toBe('invalid');
    expect(await reason(verifyPreviewToken('a.b.c', 'article'))).toBe('invalid');
  });
});
