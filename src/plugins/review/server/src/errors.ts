/**
 * Refusals of the review engine, each with its HTTP status. Controllers turn
 * them into Strapi's error body `{ data: null, error: { status, name, message, details } }`.
 */
export type ReviewErrorName = 'ValidationError' | 'ForbiddenError' | 'NotFoundError' | 'ConflictError' | 'PayloadTooLargeError';

const STATUS: Record<ReviewErrorName, number> = {
  ValidationError: 400,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  PayloadTooLargeError: 413,
};

export class ReviewError extends Error {
  readonly status: number;

  constructor(
    readonly errorName: ReviewErrorName,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = errorName;
    this.status = STATUS[errorName];
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) => new ReviewError('ValidationError', message, details);
export const forbidden = (message: string, details?: Record<string, unknown>) => new ReviewError('ForbiddenError', message, details);
export const notFound = (message: string) => new ReviewError('NotFoundError', message);
export const conflict = (message: string, details?: Record<string, unknown>) => new ReviewError('ConflictError', message, details);
export const tooLarge = (message: string, details?: Record<string, unknown>) => new ReviewError('PayloadTooLargeError', message, details);
