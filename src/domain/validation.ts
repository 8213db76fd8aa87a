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
