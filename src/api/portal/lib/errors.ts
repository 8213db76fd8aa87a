/** A refusal of the public API, answered as `{ data: null, error: { status, name, message, details } }`. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = status === 404 ? 'NotFoundError' : status === 429 ? 'RateLimitError' : status === 403 ? 'ForbiddenError' : status === 401 ? 'UnauthorizedError' : 'BadRequestError';
  }
}

/** Messages in Vietnamese, then English, for the developers of the news sites. */
export const notFound = (what: string) => new PortalError(404, `Không tìm thấy ${what} / Not found`);
