import type { Core } from '@strapi/strapi';

/** The parts of a document-service middleware context our middlewares read. */
export type DocumentContext = {
  uid: string;
  action: string;
  params: {
    data?: Record<string, unknown>;
    documentId?: string;
    [key: string]: unknown;
  };
};

export type DocumentMiddleware = (ctx: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>;

export type DocumentMiddlewareFactory = (strapi: Core.Strapi) => DocumentMiddleware;

/** A written document as returned by create/update: at least its documentId. */
export type WrittenDocument = { id: number; documentId: string };

export const isWrittenDocument = (value: unknown): value is WrittenDocument =>
  typeof value === 'object' && value !== null && typeof (value as { documentId?: unknown }).documentId === 'string';

export const isWrite = (action: string) => action === 'create' || action === 'update';

/**
 * Runs the write and then `check` on what was stored, in one transaction: a
 * check that throws rolls the write back. Checking the stored state (rather
 * than the request data) sees relations however they were given
 * (documentId, connect/disconnect, set) and partial updates merged.
 */
export const checkAfterWrite =
  (strapi: Core.Strapi, uid: string, check: (doc: WrittenDocument) => Promise<void>): DocumentMiddleware =>
  async (ctx, next) => {
    if (ctx.uid !== uid || !isWrite(ctx.action)) return next();
    return strapi.db.transaction(async () => {
      const result = await next();
      if (isWrittenDocument(result)) await check(result);
      return result;
    });
  };
