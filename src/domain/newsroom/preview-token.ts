/**
 * Preview tokens: the admin's Preview button (Strapi 5 Preview, config/admin.ts)
 * opens the demo news page with a signed, short-lived token naming one draft;
 * the public API's preview routes answer only for a valid token and only for
 * the document it names. Drafts are never reachable any other way.
 *
 * HS256 JWT (jose) keyed by PREVIEW_SECRET, else derived from ADMIN_JWT_SECRET,
 * with its own audience so no other token of the app is accepted here.
 */
import { createHash } from 'crypto';

import { jwtVerify, SignJWT, errors } from 'jose';

export const PREVIEW_KINDS = ['article', 'initiative'] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

export type PreviewClaims = { kind: PreviewKind; documentId: string };

const AUDIENCE = 'dvk-preview';
/** Long enough to read a draft, short enough that a shared link soon stops working. */
export const PREVIEW_TTL_SECONDS = Number(process.env.PREVIEW_TTL_SECONDS ?? 15 * 60);

function key(): Uint8Array {
  const secret = process.env.PREVIEW_SECRET || process.env.ADMIN_JWT_SECRET;
  if (!secret) throw new Error('PREVIEW_SECRET or ADMIN_JWT_SECRET is required to sign preview links');
  // A key of its own even when derived: a preview token can never pass as an admin session.
  return createHash('sha256').update(`preview:${secret}`).digest();
}

export async function signPreviewToken(claims: PreviewClaims, now: Date = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ kind: claims.kind })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.documentId)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + PREVIEW_TTL_SECONDS)
    .sign(key());
}

export class InvalidPreviewToken extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason);
  }
}

/** The claims of a valid token for `kind`; throws InvalidPreviewToken otherwise. */
export async function verifyPreviewToken(token: string, kind: PreviewKind, now: Date = new Date()): Promise<PreviewClaims> {
  try {
    const { payload } = await jwtVerify(token, key(), { audience: AUDIENCE, algorithms: ['HS256'], currentDate: now });
    if (payload.kind !== kind || typeof payload.sub !== 'string' || payload.sub === '') throw new InvalidPreviewToken('invalid');
    return { kind, documentId: payload.sub };
  } catch (error) {
    if (error instanceof InvalidPreviewToken) throw error;
    throw new InvalidPreviewToken(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
  }
}
