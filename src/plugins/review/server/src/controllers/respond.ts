import type { Context } from 'koa';

import { ReviewError } from '../errors';

/**
 * Runs a handler and answers `{ data }`, or Strapi's error body for a
 * refusal of the review plugin. Other errors (Strapi's own validation errors
 * from document-service rules) go on to Strapi's error middleware.
 */
export async function respond(ctx: Context, handler: () => Promise<unknown>, status = 200, { raw = false } = {}): Promise<void> {
  try {
    const data = await handler();
    // A raw handler (a file download) has set the answer itself.
    if (raw) return;
    ctx.status = status;
    ctx.body = { data };
  } catch (error) {
    if (!(error instanceof ReviewError)) throw error;
    ctx.status = error.status;
    ctx.body = { data: null, error: { status: error.status, name: error.errorName, message: error.message, details: error.details } };
  }
}
