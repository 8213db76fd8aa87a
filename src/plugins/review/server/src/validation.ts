/**
 * One zod schema per endpoint body or query: bad input is a 400 with a
 * Vietnamese message before any service runs.
 */
import { z } from 'zod';

import { COMMENT_STATUSES, MODERATION_ACTIONS, cleanText } from '../../shared/comments';
import { EMAIL_MODES, NOTIFICATION_KINDS } from '../../shared/notifications';
import { ACTIONS, QUEUE_TAB_KEYS, STATES } from '../../shared/workflow';
import { QUEUE_SORTS } from './services/queue';
import { badRequest, notFound } from './errors';
import { messages } from './messages';

z.config(z.locales.vi());

const documentId = z.string().min(1).max(64);
const version = z.number().int().min(0);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD')
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'Ngày không tồn tại');

/** A whole number in decimal digits only: no arrays (`page[]=1`), hex (`0x10`), exponents or signs. */
const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'Phải là số nguyên')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const decisionBody = z
  .object({
    action: z.enum(ACTIONS.filter((action) => action !== 'submit' && action !== 'withdraw') as [string, ...string[]]),
    version,
    reason: z.string().max(5000).nullish(),
  })
  .strict();

export const officerTransitionBody = z.object({ version, reason: z.string().max(5000).nullish() }).strict();

export const assessmentBody = z
  .object({
    items: z
      .array(
        z
          .object({
            code: z.string().min(1).max(20),
            result: z.enum(['met', 'not_met', 'not_applicable']).nullable(),
            note: z.string().max(5000).nullish(),
            publicRemark: z.string().max(5000).nullish(),
            score: z.number().int().min(0).nullish(),
          })
          .strict()
      )
      .min(1)
      .max(100),
  })
  .strict();

export const batchBody = z
  .object({
    number: z.string().trim().min(1).max(60),
    date: isoDate,
    signer: z.string().trim().min(1).max(200),
    note: z.string().max(5000).nullish(),
    signedFile: z.number().int().positive().nullish(),
    items: z.array(z.object({ documentId, version }).strict()).min(1).max(500),
  })
  .strict();

export const amendmentBody = z
  .object({
    number: z.string().trim().min(1).max(60).optional(),
    date: isoDate.optional(),
    signer: z.string().trim().min(1).max(200).optional(),
    note: z.string().max(5000).nullish(),
    signedFile: z.number().int().positive().nullish(),
    reason: z.string().trim().min(1, 'Phải nêu lý do đính chính').max(5000),
  })
  .strict();

/** An officer's list of their unit's models: one state, and a page. */
export const officerListQuery = z
  .object({
    state: z.enum(STATES).optional(),
    page: decimal(1, 10000).default(1),
    pageSize: decimal(1, 100).default(25),
  })
  .strict();

const filterFields = {
  period: decimal(1, 999_999_999).optional(),
  field: decimal(1, 999_999_999).optional(),
  unit: decimal(1, 999_999_999).optional(),
  subjectType: z.enum(['collective', 'individual']).optional(),
  origin: z.enum(['new', 'replicated', 'continuing']).optional(),
  q: z.string().max(200, 'Từ khóa tìm kiếm tối đa 200 ký tự').optional(),
};

/** The queue: a tab (or one state), filters, a sort `field:asc|desc` and a page. */
export const listQuery = z
  .object({
    tab: z.enum(QUEUE_TAB_KEYS as [string, ...string[]]).default('all'),
    state: z.enum(STATES).optional(),
    ...filterFields,
    sort: z
      .string()
      .regex(new RegExp(`^(${QUEUE_SORTS.join('|')}):(asc|desc)$`), `Sắp xếp phải có dạng trường:asc hoặc trường:desc, với trường là ${QUEUE_SORTS.join(', ')}`)
      .default('updatedAt:desc'),
    page: decimal(1, 10000).default(1),
    pageSize: decimal(1, 100).default(25),
  })
  .strict()
  .transform(({ sort, ...rest }) => {
    const [field, order] = sort.split(':');
    return { ...rest, sort: field as (typeof QUEUE_SORTS)[number], order: order as 'asc' | 'desc' };
  });

export const candidatesQuery = z.object(filterFields).strict();

export const pageQuery = z
  .object({ page: decimal(1, 10000).default(1), pageSize: decimal(1, 100).default(20) })
  .strict();

/** The moderation list of readers' comments. */
export const commentListQuery = z
  .object({
    status: z.enum(COMMENT_STATUSES).default('pending'),
    article: documentId.optional(),
    q: z.string().trim().max(200).optional(),
    page: decimal(1, 10000).default(1),
    pageSize: decimal(1, 100).default(20),
  })
  .strict();

export const commentModerationBody = z
  .object({
    ids: z.array(documentId, { error: messages.commentIdsRequired }).min(1, messages.commentIdsRequired).max(200),
    action: z.enum(MODERATION_ACTIONS, { error: messages.commentActionUnknown }),
  })
  .strict();

export const COMMENT_REPLY_MAX = 4000;

export const commentReplyBody = z
  .object({
    text: z
      .string({ error: messages.commentReplyRequired })
      .transform(cleanText)
      .pipe(z.string().min(1, messages.commentReplyRequired).max(COMMENT_REPLY_MAX, messages.commentReplyTooLong(COMMENT_REPLY_MAX))),
  })
  .strict();

export const commentArticlesQuery = z.object({ q: z.string().trim().max(200).optional(), include: documentId.optional() }).strict();

export const commentsClosedBody = z.object({ closed: z.boolean() }).strict();

/** Parses or throws a 400 listing every problem with its path. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
  throw badRequest(errors.map((error) => (error.path.length ? `${error.path.join('.')}: ${error.message}` : error.message)).join('; '), {
    errors,
  });
}

const relation = documentId.nullish();

/** A search among recognised models, for the "replicated from" picker. */
export const replicationSourceQuery = z.object({ q: z.string().max(200).optional() }).strict();

/** What an officer may write on their unit's model; the owner unit and the review fields are not among it. */
export const initiativeInput = z
  .object({
    title: z.string().trim().min(1).max(300),
    summary: z.string().max(2000).nullish(),
    content: z.string().max(100_000).nullish(),
    results: z.string().max(100_000).nullish(),
    field: relation,
    period: relation,
    localityUnit: relation,
    subjectType: z.enum(['collective', 'individual']),
    personName: z.string().max(200).nullish(),
    personPosition: z.string().max(200).nullish(),
    personContact: z
      .object({ phone: z.string().max(30).nullish(), email: z.email().nullish(), address: z.string().max(300).nullish() })
      .strict()
      .nullish(),
    origin: z.enum(['new', 'replicated', 'continuing']),
    replicatedFrom: relation,
    replicatedSourceName: z.string().trim().max(300).nullish(),
    replicatedSourceUnit: z.string().trim().max(300).nullish(),
    continuedFrom: relation,
    indicators: z
      .array(z.object({ label: z.string().trim().min(1).max(200), value: z.number(), unit: z.string().max(50).nullish() }).strict())
      .max(50)
      .optional(),
  })
  .strict();

export const initiativeCreateBody = initiativeInput.partial({ subjectType: true, origin: true });
export const initiativeUpdateBody = initiativeInput.partial();

/** A numeric id from the path (`/evidence/12`), or a 404 with the given message: never `1e3`, `0x1`, `-1` or ` 7`. */
export function idParam(value: unknown, notFoundMessage: string): number {
  const id = Number(value);
  if (typeof value !== 'string' || !/^[1-9]\d{0,15}$/.test(value) || !Number.isSafeInteger(id)) throw notFound(notFoundMessage);
  return id;
}

const reason = z.string().trim().min(1, 'Phải nêu lý do ghi nhận (ví dụ: số hóa hồ sơ năm 2022)').max(5000);

/** A paper outcome: recognised at a level (decision number and date required), or not recognised there. */
const outcomeFields = {
  result: z.enum(['recognized', 'not_recognized']),
  level: z.string().trim().min(1).max(40),
  decisionNumber: z.string().trim().min(1).max(60).nullish(),
  decisionDate: isoDate.nullish(),
  signer: z.string().trim().min(1).max(200).nullish(),
};

const decisionGiven = (outcome: { result: string; decisionNumber?: string | null; decisionDate?: string | null }) =>
  outcome.result !== 'recognized' || Boolean(outcome.decisionNumber && outcome.decisionDate);
const decisionMessage = { message: 'Ghi nhận công nhận phải có số và ngày của quyết định', path: ['decisionNumber'] };

export const recordOutcomeBody = z
  .object({ ...outcomeFields, reason })
  .strict()
  .refine(decisionGiven, decisionMessage);

/** A registration on a unit's behalf (any period), with its paper outcome when the period has closed. */
export const recordRegistrationBody = initiativeInput
  .partial({ subjectType: true, origin: true })
  .extend({
    ownerUnit: documentId,
    period: documentId,
    reason,
    outcome: z
      .object({ ...outcomeFields, reason: z.string().trim().max(5000).nullish() })
      .strict()
      .refine(decisionGiven, decisionMessage)
      .optional(),
  })
  .strict();

/** Years the statistics accept, and the longest span (as the public statistics endpoint). */
const statYear = decimal(1900, 2200);
const MAX_STATISTICS_YEARS = 20;

const statisticsFields = {
  year: statYear.optional(),
  from: statYear.optional(),
  to: statYear.optional(),
  unit: decimal(1, 999_999_999).optional(),
  kind: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}(,[a-z0-9_-]{1,40}){0,19}$/, 'Loại đơn vị phải là các mã cách nhau bởi dấu phẩy')
    .transform((value) => [...new Set(value.split(','))])
    .optional(),
};

type YearFields = { year?: number; from?: number; to?: number };

/** One year, or a span from–to of at most 20 years. */
function checkYears(query: YearFields, ctx: z.RefinementCtx): void {
  const problem = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
  if ((query.year !== undefined) === (query.from !== undefined || query.to !== undefined)) problem('Chọn một năm, hoặc một khoảng từ năm đến năm', 'year');
  else if (query.year === undefined && (query.from === undefined || query.to === undefined)) problem('Khoảng năm cần cả năm bắt đầu và năm kết thúc', 'from');
  else if (query.from !== undefined && query.to !== undefined && query.from > query.to) problem('Năm bắt đầu phải không sau năm kết thúc', 'from');
  else if (query.from !== undefined && query.to !== undefined && query.to - query.from >= MAX_STATISTICS_YEARS) problem(`Khoảng thống kê tối đa ${MAX_STATISTICS_YEARS} năm`, 'to');
}

/** The span as from and to (one year: from = to). */
const resolveYears = <Q extends YearFields>({ year, from, to, ...rest }: Q) => ({ ...rest, from: (from ?? year) as number, to: (to ?? year) as number });

const format = z.enum(['xlsx', 'csv'], 'Định dạng tệp phải là xlsx hoặc csv').default('xlsx');

/** GET /review/statistics: a year or span, a unit of the admin's scope, some unit kinds. */
export const statisticsQuery = z.object(statisticsFields).strict().superRefine(checkYears).transform(resolveYears);

/** GET /review/exports/statistics: the same, a format, and one table (required for CSV, which holds one table). */
export const statisticsExportQuery = z
  .object({ ...statisticsFields, format, table: z.string().max(40).optional() })
  .strict()
  .superRefine(checkYears)
  .transform(resolveYears);

/** GET /review/exports/directory: recognised models of a year or span in the scope, by field and recognition level. */
export const directoryExportQuery = z
  .object({ ...statisticsFields, format, field: decimal(1, 999_999_999).optional(), level: decimal(1, 999_999_999).optional() })
  .strict()
  .superRefine(checkYears)
  .transform(resolveYears);

/** GET /review/exports/queue: the queue's tab, filters and order, every page. */
export const queueExportQuery = z
  .object({
    tab: z.enum(QUEUE_TAB_KEYS as [string, ...string[]]).default('all'),
    state: z.enum(STATES).optional(),
    ...filterFields,
    sort: z
      .string()
      .regex(new RegExp(`^(${QUEUE_SORTS.join('|')}):(asc|desc)$`), `Sắp xếp phải có dạng trường:asc hoặc trường:desc, với trường là ${QUEUE_SORTS.join(', ')}`)
      .default('updatedAt:desc'),
    format,
  })
  .strict()
  .transform(({ sort, ...rest }) => {
    const [field, order] = sort.split(':');
    return { ...rest, sort: field as (typeof QUEUE_SORTS)[number], order: order as 'asc' | 'desc' };
  });

/** The year-end report: a period's year, optionally a unit (by code), and the category of the draft article. */
export const yearReportBody = z
  .object({
    year: z.number().int().min(1945).max(2100),
    unit: z.string().trim().min(1).max(60).nullish(),
    category: documentId,
  })
  .strict();

/** The inbox: a page of notifications, optionally only the unread ones. */
export const inboxQuery = z
  .object({
    page: decimal(1, 100000).default(1),
    pageSize: decimal(1, 50).default(20),
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** Marks the listed notifications read, or all of them. */
export const markReadBody = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(200).optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((body) => (body.ids ? 1 : 0) + (body.all ? 1 : 0) === 1, 'Chọn các thông báo cần đánh dấu đã đọc (ids) hoặc tất cả (all: true)');

export const preferencesBody = z
  .object({
    mutedKinds: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
    emailMode: z.enum(EMAIL_MODES),
  })
  .strict();
