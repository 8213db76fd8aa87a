/**
 * Readers' comments: the settings (from the environment), the signed form
 * token, and the checks a comment passes before it is stored as pending.
 * Pure functions, so the rules are tested without a server.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

import { LinkifyIt } from 'linkify-it';
import { z } from 'zod';

import { messages } from '../../../domain/messages';
import { normalizeForSearch } from '../../../domain/text';
import { cleanText } from '../../../plugins/review/shared/comments';

export { cleanText, textToHtml } from '../../../plugins/review/shared/comments';

export type CommentSettings = {
  /** HMAC key of the form token. */
  secret: string;
  /** A form sent sooner than this after its token was issued is refused (bots fill forms at once). */
  minSeconds: number;
  /** A token older than this is refused: the reader reloads the form. */
  tokenTtlSeconds: number;
  maxLength: number;
  maxLinks: number;
  /** Normalised (lowercase, no diacritics) words or phrases refused anywhere in the name or text. */
  blockedWords: string[];
  address: { points: number; durationSeconds: number };
  article: { points: number; durationSeconds: number };
};

const number = (value: string | undefined, fallback: number, variable: string, { min = 0 } = {}) => {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${variable} must be a whole number ≥ ${min} (got "${value}").`);
  return parsed;
};

/**
 * The secret of the form token: COMMENT_TOKEN_SECRET (generated into .env by
 * scripts/ensure-env.js), or one derived from APP_KEYS for installations that
 * predate it, so an upgrade needs no new configuration.
 */
const tokenSecret = (env: NodeJS.ProcessEnv) => {
  if (env.COMMENT_TOKEN_SECRET) return env.COMMENT_TOKEN_SECRET;
  const appKeys = env.APP_KEYS ?? '';
  if (!appKeys) throw new Error('COMMENT_TOKEN_SECRET (or APP_KEYS) must be set.');
  return createHmac('sha256', appKeys).update('dvk-comment-token').digest('base64url');
};

/** Reads the COMMENT_* variables; throws naming the variable on a bad value. */
export function commentSettings(env: NodeJS.ProcessEnv = process.env): CommentSettings {
  return {
    secret: tokenSecret(env),
    minSeconds: number(env.COMMENT_MIN_SECONDS, 3, 'COMMENT_MIN_SECONDS'),
    tokenTtlSeconds: number(env.COMMENT_TOKEN_TTL_SECONDS, 2 * 60 * 60, 'COMMENT_TOKEN_TTL_SECONDS', { min: 60 }),
    maxLength: number(env.COMMENT_MAX_LENGTH, 2000, 'COMMENT_MAX_LENGTH', { min: 10 }),
    maxLinks: number(env.COMMENT_MAX_LINKS, 2, 'COMMENT_MAX_LINKS'),
    blockedWords: (env.COMMENT_BLOCKED_WORDS ?? '')
      .split(',')
      .map((word) => normalizeForSearch(word))
      .filter(Boolean),
    address: {
      points: number(env.COMMENT_ADDRESS_MAX, 5, 'COMMENT_ADDRESS_MAX', { min: 1 }),
      durationSeconds: number(env.COMMENT_ADDRESS_WINDOW_SECONDS, 10 * 60, 'COMMENT_ADDRESS_WINDOW_SECONDS', { min: 1 }),
    },
    article: {
      points: number(env.COMMENT_ARTICLE_MAX, 30, 'COMMENT_ARTICLE_MAX', { min: 1 }),
      durationSeconds: number(env.COMMENT_ARTICLE_WINDOW_SECONDS, 60 * 60, 'COMMENT_ARTICLE_WINDOW_SECONDS', { min: 1 }),
    },
  };
}

// ---------------------------------------------------------------------------
// The signed form token: "<issued ms, base 36>.<nonce>.<HMAC of article, time, nonce>"
// ---------------------------------------------------------------------------

const sign = (secret: string, article: string, issued: string, nonce: string) =>
  createHmac('sha256', secret).update(`comment|${article}|${issued}|${nonce}`).digest('base64url');

/** A token for the comment form of one article (its slug), issued at `now`. */
export function issueToken(settings: Pick<CommentSettings, 'secret'>, article: string, now = Date.now()): string {
  const issued = now.toString(36);
  const nonce = randomBytes(9).toString('base64url');
  return `${issued}.${nonce}.${sign(settings.secret, article, issued, nonce)}`;
}

export type TokenCheck = { ok: true } | { ok: false; reason: 'invalid' | 'too-fast' | 'expired'; waitSeconds?: number };

export function checkToken(settings: Pick<CommentSettings, 'secret' | 'minSeconds' | 'tokenTtlSeconds'>, token: string, article: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[0-9a-z]{1,12}$/.test(parts[0])) return { ok: false, reason: 'invalid' };
  const [issued, nonce, signature] = parts;
  const expected = Buffer.from(sign(settings.secret, article, issued, nonce));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const age = now - parseInt(issued, 36);
  if (age < settings.minSeconds * 1000) return { ok: false, reason: 'too-fast', waitSeconds: Math.max(1, Math.ceil((settings.minSeconds * 1000 - age) / 1000)) };
  if (age > settings.tokenTtlSeconds * 1000) return { ok: false, reason: 'expired' };
  return { ok: true };
}

// ---------------------------------------------------------------------------
// The posted form
// ---------------------------------------------------------------------------

const cleanLine = (input: string) => cleanText(input).replace(/\s+/g, ' ');

/** documentId of a Strapi document. */
const documentId = z.string().regex(/^[a-z0-9]{10,64}$/, messages.commentReplyToInvalid);

/** The body of POST /articles/:slug/comments. `website` is the honeypot: people leave it empty. */
export const commentBody = (maxLength: number) =>
  z
    .object({
      name: z
        .string({ error: messages.commentNameRequired })
        .transform(cleanLine)
        .pipe(z.string().min(2, messages.commentNameRequired).max(80, messages.commentNameTooLong)),
      email: z
        .string({ error: messages.commentEmailInvalid })
        .trim()
        .toLowerCase()
        .pipe(z.email({ error: messages.commentEmailInvalid }).max(200, messages.commentEmailInvalid)),
      text: z
        .string({ error: messages.commentTextRequired })
        .transform(cleanText)
        .pipe(z.string().min(2, messages.commentTextRequired).max(maxLength, messages.commentTextTooLong(maxLength))),
      replyTo: documentId.optional().nullable(),
      token: z.string({ error: messages.commentTokenMissing }).min(1, messages.commentTokenMissing).max(200, messages.commentTokenInvalid),
      website: z.string().max(500).optional(),
    })
    .strict();

export type CommentInput = z.infer<ReturnType<typeof commentBody>>;

const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });
// Second-level domains common in spam aimed at Vietnamese readers, besides linkify-it's default list.
linkify.tlds(['vn', 'ly', 'xyz', 'top', 'info', 'io', 'me', 'co', 'cc', 'tk', 'site', 'online', 'shop', 'club', 'link', 'live', 'app'], true);

/** Links (with or without a scheme: "bit.ly/x", "www.x.vn", "https://…") and e-mail addresses in a text. */
export const countLinks = (text: string): number => linkify.match(text)?.length ?? 0;

/** The blocked words or phrases found in the text, compared without case or diacritics, as whole words. */
export function blockedWordsIn(text: string, blocked: readonly string[]): string[] {
  if (blocked.length === 0) return [];
  const haystack = ` ${normalizeForSearch(text)} `;
  return blocked.filter((word) => haystack.includes(` ${word} `));
}
