/**
 * Query-string contracts of the public endpoints. Anything else — unknown
 * parameters (e.g. Strapi-style `filters[...]` or `populate`), arrays where a
 * scalar is expected, out-of-range pages — is a 400 that says what is wrong.
 */
import { z } from 'zod';

import { PortalError } from './errors';

export const MAX_PAGE_SIZE = 50;

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,199}$/, 'slug không hợp lệ / invalid slug');
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,59}$/, 'mã không hợp lệ / invalid code');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD')
  .refine((value) => !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'ngày không tồn tại / no such date',
  });
const bool = z.enum(['true', 'false']).transform((value) => value === 'true');
/**
 * A whole number written in decimal digits, and nothing else: not an array
 * (`page[]=1`), not hex (`0x10`), exponent (`1e3`), sign or blanks, all of
 * which a plain coercion would accept.
 */
const decimal = (min: number, max: number) =>
  z
    .string({ error: 'phải là một số / must be a single number' })
    .regex(/^\d{1,9}$/, 'phải là số nguyên thập phân / must be a decimal integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const page = decimal(1, 1000).default(1);
const pageSize = decimal(1, MAX_PAGE_SIZE).default(12);
const year = decimal(2000, 2100);

export const articleListQuery = z
  .object({ category: slug.optional(), tag: slug.optional(), date: day.optional(), from: day.optional(), to: day.optional(), featured: bool.optional(), pinned: bool.optional(), page, pageSize })
  .strict()
  .refine((query) => !(query.from && query.to) || query.from <= query.to, { message: 'from phải trước to / from must not be after to', path: ['from'] })
  .refine((query) => !(query.date && (query.from || query.to)), { message: 'dùng date hoặc from/to / use date or from/to', path: ['date'] });

/** A preview link's token (a JWT: three base64url parts). */
export const previewQuery = z.object({ token: z.string().min(20).max(2000).regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'token không hợp lệ / malformed token') }).strict();

export const articleQuery = z.object({ site: code.optional() }).strict();

export const searchQuery = z
  .object({
    q: z.string().trim().min(2, 'từ khóa quá ngắn / query too short').max(200),
    type: z.enum(['all', 'article', 'initiative']).default('all'),
    site: code.optional(),
    page,
    pageSize,
  })
  .strict();

export const initiativeListQuery = z
  .object({
    field: code.optional(),
    level: code.optional(),
    year: year.optional(),
    unit: code.optional(),
    origin: z.enum(['new', 'replicated', 'continuing']).optional(),
    subjectType: z.enum(['collective', 'individual']).optional(),
    page,
    pageSize,
  })
  .strict();

/** The longest span of years one statistics call covers. */
export const MAX_STATISTICS_YEARS = 20;

/** Unit kind codes, comma-separated: `kind=commune,ward`. */
const kindCodes = z
  .string()
  .regex(/^[a-z0-9-]{1,40}(,[a-z0-9-]{1,40}){0,19}$/, 'mã loại đơn vị, cách nhau bởi dấu phẩy / unit kind codes, comma-separated')
  .transform((value) => [...new Set(value.split(','))]);

/** One year (`year`), or a span (`from` and `to`, e.g. 2020–2022 for a term report). */
export const statisticsQuery = z
  .object({ year: year.optional(), from: year.optional(), to: year.optional(), unit: code.optional(), kind: kindCodes.optional() })
  .strict()
  .refine((query) => (query.year !== undefined) !== (query.from !== undefined || query.to !== undefined), {
    message: 'cần year, hoặc from và to / give year, or from and to',
    path: ['year'],
  })
  .refine((query) => query.year !== undefined || (query.from !== undefined && query.to !== undefined), {
    message: 'cần cả from và to / give both from and to',
    path: ['from'],
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { message: 'from phải trước to / from must not be after to', path: ['from'] })
  .refine((query) => query.from === undefined || query.to === undefined || query.to - query.from < MAX_STATISTICS_YEARS, {
    message: `tối đa ${MAX_STATISTICS_YEARS} năm / at most ${MAX_STATISTICS_YEARS} years`,
    path: ['to'],
  });

/** Readers' comments of an article: threads oldest first (as a conversation reads) or newest first. */
export const commentListQuery = z
  .object({ order: z.enum(['oldest', 'newest']).default('oldest'), page, pageSize: decimal(1, MAX_PAGE_SIZE).default(20) })
  .strict();

export const emptyQuery = z.object({}).strict();

export const siteParam = code;
export const slugParam = slug;

/** Parses or throws a 400 with every problem and its parameter. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    parameter: issue.path.map(String).join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : ''),
    message: issue.message,
  }));
  throw new PortalError(
    400,
    `Tham số không hợp lệ / Invalid parameters: ${errors.map((error) => (error.parameter ? `${error.parameter}: ${error.message}` : error.message)).join('; ')}`,
    { errors }
  );
}
