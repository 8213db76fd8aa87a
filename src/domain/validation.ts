import { errors } from '@strapi/utils';

type FieldError = { path: string[]; message: string };

/**
 * A 400 in the shape the Content Manager understands (`details.errors[].path`),
 * so the admin highlights the offending field.
 */
export function invalid(field: string | string[], message: string): errors.ValidationError {
  const path = Array.isArray(field) ? field : [field];
  const fieldErrors: FieldError[] = [{ path, message }];
  return new errors.ValidationError(message, { errors: fieldErrors.map((error) => ({ ...error, name: 'ValidationError' })) });
}

/**
 * A 409 in Strapi's error shape (`{ data: null, error: { status, name, message, details } }`):
 * Strapi's errors middleware answers an exposed error with its own status.
 */
export class ConflictError extends Error {
  readonly status = 409;
  readonly expose = true;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}
