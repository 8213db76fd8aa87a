/**
 * Registrations imported from an XLSX file: provincial staff (permission
 * `plugin::review.record`) enter what units sent on paper or in
 * spreadsheets, past years included.
 *
 * - The template lists the columns with Vietnamese headers, drop-down lists
 *   (unit code, year, field, subject type, origin, status, outcome, level)
 *   kept on a hidden sheet, and an instructions sheet.
 * - A dry run checks the file (container, headers, every cell) and then plans
 *   every registration as the records path would make it (import/bulk.ts),
 *   so the domain's own refusals (no criteria set, a level not in the unit's
 *   chain, an outcome in an open period) are listed by row too.
 * - A commit plans again inside one transaction for the whole file: any
 *   problem writes nothing (400 with the list); otherwise every row is
 *   written with set-based SQL, each model with an audit event naming the
 *   file and the person. Its reference is stored in `dvk_import_rows`
 *   (unique), so importing the same file again creates nothing new.
 */
import crypto from 'crypto';

import type { Core } from '@strapi/strapi';

import type { ImportProblem, ImportReport, ImportRowSummary } from '../../../shared/imports';
import { badRequest, conflict, type ReviewError } from '../errors';
import { announce, type TransitionOutcome } from './engine';
import { CHUNK, createPlanner, createWriter, IMPORT_ROWS, type Writer } from './import/bulk';
import { columnLetter, buildTemplate } from './import/template';
import {
  COLUMNS,
  headerKey,
  headerText,
  ORIGIN_OPTIONS,
  RESULTS,
  STATUSES,
  SUBJECT_TYPES,
  type Column,
  type ColumnKey,
} from './import/columns';
import { importMessages } from './import/messages';
import { inspectWorkbook, readRows, type CellValue, type SheetRow } from './import/read-xlsx';
import type { RecordedRegistration } from './records';
import type { Actor } from './scope';

type Knex = Core.Strapi['db']['connection'];

/** Rows accepted in one file. */
export const MAX_IMPORT_ROWS = 50_000;
/** Rows returned for the preview table. */
const PREVIEW_ROWS = 200;

export type ImportFile = { name: string; buffer: Buffer };

type UnitRef = { id: number; documentId: string; code: string; name: string; validFrom: string | null; validTo: string | null };
type PeriodRef = { id: number; documentId: string; year: number };
type NamedRef = { id: number; documentId: string; code: string; name: string };

/** The reference data a file is checked against, looked up by code or by name without case. */
type Catalogue = {
  units: Map<string, UnitRef>;
  periods: Map<number, PeriodRef>;
  fields: Map<string, NamedRef>;
  levels: Map<string, NamedRef>;
};

/** A row that passed the cell checks, ready to be planned. */
type ParsedRow = {
  row: number;
  reference: string;
  unit: UnitRef;
  period: PeriodRef;
  field: NamedRef | null;
  draft: boolean;
  registration: Omit<RecordedRegistration, 'reason'>;
};

const lower = (value: string) => value.normalize('NFC').trim().toLowerCase();

async function loadCatalogue(strapi: Core.Strapi): Promise<Catalogue> {
  const [units, periods, fields, kinds] = (await Promise.all([
    strapi.db.query('api::unit.unit').findMany({ select: ['id', 'documentId', 'code', 'name', 'validFrom', 'validTo'], where: { code: { $notNull: true } } }),
    strapi.db.query('api::period.period').findMany({ select: ['id', 'documentId', 'year'] }),
    strapi.db.query('api::field.field').findMany({ select: ['id', 'documentId', 'code', 'name'], orderBy: [{ order: 'asc' }, { name: 'asc' }] }),
    strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['id', 'documentId', 'code', 'name'], where: { canReview: { $ne: false } }, orderBy: { tier: 'asc' } }),
  ])) as [UnitRef[], PeriodRef[], NamedRef[], NamedRef[]];
  const byCodeAndName = (rows: NamedRef[]) => {
    const map = new Map<string, NamedRef>();
    for (const row of rows) {
      if (row.name) map.set(lower(row.name), row);
      if (row.code) map.set(lower(row.code), row);
    }
    return map;
  };
  return {
    units: new Map(units.filter((unit) => unit.code).map((unit) => [lower(unit.code), unit])),
    periods: new Map(periods.map((period) => [period.year, period])),
    fields: byCodeAndName(fields),
    levels: byCodeAndName(kinds),
  };
}

const choice = <V extends string>(options: ReadonlyArray<{ value: V; label: string }>, text: string): V | undefined =>
  options.find((option) => lower(option.label) === lower(text) || option.value === text.trim())?.value;

const pad = (value: number) => String(value).padStart(2, '0');

/** A decision date as YYYY-MM-DD: an Excel date, its serial number, `dd/mm/yyyy` or `yyyy-mm-dd`. */
function dateOf(value: CellValue): string | null {
  let year: number;
  let month: number;
  let day: number;
  if (value instanceof Date) {
    [year, month, day] = [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
  } else if (typeof value === 'number' && value > 0 && value < 2_958_466) {
    const date = new Date(Math.round((value - 25569) * 86_400_000));
    [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else if (typeof value === 'string') {
    const text = value.trim();
    const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (vn) [day, month, year] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
    else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else return null;
  } else {
    return null;
  }
  const result = `${year}-${pad(month)}-${pad(day)}`;
  const check = new Date(`${result}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== day || year < 1945 || year > 2100) return null;
  return result;
}

/** The header row: which column of the file holds which template column. */
type Layout = { byColumn: Map<number, Column>; letterOf: Map<ColumnKey, string>; problems: ImportProblem[] };

function layoutOf(header: SheetRow): Layout {
  const known = new Map(COLUMNS.map((column) => [headerKey(column.header), column]));
  const byColumn = new Map<number, Column>();
  const letterOf = new Map<ColumnKey, string>();
  const problems: ImportProblem[] = [];
  for (const [index, value] of header.cells) {
    const text = String(value);
    const column = known.get(headerKey(text));
    // A column the template does not have (e.g. the unit's own notes) is left out.
    if (!column) continue;
    if (letterOf.has(column.key)) {
      problems.push({ row: header.row, column: columnLetter(index), header: text, message: importMessages.duplicateHeader(column.header) });
      continue;
    }
    byColumn.set(index, column);
    letterOf.set(column.key, columnLetter(index));
  }
  return { byColumn, letterOf, problems };
}

const isTemplateHeader = (row: SheetRow): boolean => {
  const headers = new Set([...row.cells.values()].map((value) => headerKey(String(value))));
  return headers.has(headerKey('Mã tham chiếu')) || headers.has(headerKey('Mã đơn vị'));
};

/** Checks one row's cells; returns the row for the records path, or null with its problems added. */
function parseRow(sheetRow: SheetRow, layout: Layout, catalogue: Catalogue, problems: ImportProblem[]): ParsedRow | null {
  const before = problems.length;
  const problem = (key: ColumnKey | null, message: string, letter?: string) => {
    const column = key ? COLUMNS.find((entry) => entry.key === key) : undefined;
    problems.push({ row: sheetRow.row, column: letter ?? (key ? layout.letterOf.get(key) ?? null : null), header: column?.header ?? null, message });
  };
  for (const index of sheetRow.formulas) {
    problems.push({ row: sheetRow.row, column: columnLetter(index), header: layout.byColumn.get(index)?.header ?? null, message: importMessages.formula });
  }
  const raw = new Map<ColumnKey, CellValue>();
  for (const [index, value] of sheetRow.cells) {
    const column = layout.byColumn.get(index);
    if (column) raw.set(column.key, value);
  }
  const text = (key: ColumnKey): string | null => {
    const value = raw.get(key);
    if (value === undefined || value === null) return null;
    const column = COLUMNS.find((entry) => entry.key === key) as Column;
    if (value instanceof Date || typeof value === 'boolean') {
      problem(key, importMessages.notText);
      return null;
    }
    const result = String(value).trim();
    if (column.maxLength && result.length > column.maxLength) {
      problem(key, importMessages.tooLong(column.maxLength));
      return null;
    }
    return result || null;
  };

  // A formula cell is reported as such, not as missing too.
  const withFormula = new Set(sheetRow.formulas.map((index) => layout.byColumn.get(index)?.key));
  for (const column of COLUMNS) if (column.required && !raw.has(column.key) && !withFormula.has(column.key)) problem(column.key, importMessages.required);

  const reference = text('reference');
  const unitCode = text('unitCode');
  const unit = unitCode ? catalogue.units.get(lower(unitCode)) : undefined;
  if (unitCode && !unit) problem('unitCode', importMessages.unknownUnit(unitCode));
  const yearText = raw.has('year') ? String(raw.get('year')).trim() : null;
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  const period = year ? catalogue.periods.get(year) : undefined;
  if (yearText && !period) problem('year', importMessages.unknownYear(yearText));
  const title = text('title');

  const statusText = text('status');
  const status = statusText ? choice(STATUSES, statusText) : 'submitted';
  if (statusText && !status) problem('status', importMessages.unknownChoice(statusText, STATUSES.map((option) => option.label)));
  const draft = status === 'draft';

  const summary = text('summary');
  if (!draft && !summary && status) problem('summary', importMessages.requiredForSubmit);
  const fieldText = text('field');
  const field = fieldText ? catalogue.fields.get(lower(fieldText)) : undefined;
  if (fieldText && !field) problem('field', importMessages.unknownField(fieldText));
  if (!draft && !fieldText && status) problem('field', importMessages.requiredForSubmit);

  const subjectText = text('subjectType');
  const subjectType = subjectText ? choice(SUBJECT_TYPES, subjectText) : 'collective';
  if (subjectText && !subjectType) problem('subjectType', importMessages.unknownChoice(subjectText, SUBJECT_TYPES.map((option) => option.label)));
  const personName = text('personName');
  if (subjectType === 'individual' && !personName && !draft) problem('personName', importMessages.personRequired);
  const originText = text('origin');
  const origin = originText ? choice(ORIGIN_OPTIONS, originText) : 'new';
  if (originText && !origin) problem('origin', importMessages.unknownChoice(originText, ORIGIN_OPTIONS.map((option) => option.label)));

  const resultText = text('result');
  const result = resultText ? choice(RESULTS, resultText) : undefined;
  if (resultText && !result) problem('result', importMessages.unknownChoice(resultText, RESULTS.map((option) => option.label)));
  const levelText = text('level');
  const level = levelText ? catalogue.levels.get(lower(levelText)) : undefined;
  if (levelText && !level) problem('level', importMessages.unknownLevel(levelText));
  const decisionNumber = text('decisionNumber');
  const signer = text('signer');
  let decisionDate: string | null = null;
  if (raw.has('decisionDate')) {
    decisionDate = dateOf(raw.get('decisionDate') ?? null);
    if (!decisionDate) problem('decisionDate', importMessages.badDate);
  }
  const outcomeGiven = Boolean(resultText || levelText || decisionNumber || raw.has('decisionDate'));
  if (outcomeGiven && draft) problem('result', importMessages.outcomeOnDraft);
  else if (outcomeGiven && (!resultText || !levelText)) problem(resultText ? 'level' : 'result', importMessages.outcomeIncomplete);
  else if (result === 'recognized' && (!decisionNumber || !raw.has('decisionDate'))) problem(decisionNumber ? 'decisionDate' : 'decisionNumber', importMessages.decisionRequired);

  if (problems.length > before || !reference || !unit || !period || !title || !status || !subjectType || !origin) return null;
  return {
    row: sheetRow.row,
    reference,
    unit,
    period,
    field: field ?? null,
    draft,
    registration: {
      ownerUnit: unit.documentId,
      period: period.documentId,
      title,
      summary,
      content: text('content'),
      results: text('results'),
      field: field?.documentId ?? null,
      subjectType,
      personName,
      personPosition: text('personPosition'),
      origin,
      replicatedSourceName: text('replicatedSourceName'),
      replicatedSourceUnit: text('replicatedSourceUnit'),
      ...(result && level
        ? { outcome: { result, level: level.code, decisionNumber, decisionDate, signer } }
        : {}),
    },
  };
}

/** The template column a refusal of the records path is about, from its details. */
function columnOfError(details: Record<string, unknown>): ColumnKey | null {
  const field =
    typeof details.field === 'string'
      ? details.field
      : Array.isArray(details.missing)
        ? String(details.missing[0])
        : typeof details.decisionNumber === 'string'
          ? 'decisionNumber'
          : null;
  const map: Record<string, ColumnKey> = {
    ownerUnit: 'unitCode',
    period: 'year',
    title: 'title',
    summary: 'summary',
    field: 'field',
    personName: 'personName',
    replicatedFrom: 'replicatedSourceName',
    replicatedSourceName: 'replicatedSourceName',
    replicatedSourceUnit: 'replicatedSourceUnit',
    level: 'level',
    decisionNumber: 'decisionNumber',
    decisionDate: 'decisionDate',
  };
  return field ? map[field] ?? null : null;
}

/** What one walk over a file found (and, when writing, wrote). */
type Walk = {
  total: number;
  problems: ImportProblem[];
  counts: { fresh: number; alreadyImported: number; drafts: number; submitted: number; withOutcome: number };
  preview: ImportRowSummary[];
  outcomes: TransitionOutcome[];
};

/** The streaming reader failed: the walk starts again over the workbook loaded whole. */
class ReadWhole extends Error {}
/** A commit's walk found problems (the data changed since its check): its transaction is rolled back. */
class Refused extends Error {
  constructor(readonly walk: Walk) {
    super('import refused');
  }
}

const imports = ({ strapi }: { strapi: Core.Strapi }) => {
  /** References imported before, with their models. */
  async function existingReferences(db: Knex, references: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let start = 0; start < references.length; start += CHUNK) {
      const rows = (await db(IMPORT_ROWS)
        .whereIn('reference', references.slice(start, start + CHUNK))
        .select('reference', 'initiative_document_id')) as Array<{ reference: string; initiative_document_id: string }>;
      for (const row of rows) found.set(row.reference, row.initiative_document_id);
    }
    return found;
  }

  /** A refusal of the planned registration, as a problem of its row (and column, when the error names a field). */
  function problemOf(row: number, error: ReviewError, letterOf: Map<ColumnKey, string>): ImportProblem {
    const key = columnOfError(error.details);
    const column = key ? COLUMNS.find((entry) => entry.key === key) : undefined;
    return { row, column: key ? letterOf.get(key) ?? null : null, header: column?.header ?? null, message: error.message };
  }

  /**
   * Walks the file's rows once, a chunk of rows at a time: each row checked,
   * each chunk looked up (imported before?) and planned; with a writer, and
   * while nothing is wrong, each chunk is written. Memory holds one chunk and
   * what the whole file needs (its references, the preview, the problems).
   */
  async function walk(file: ImportFile, actor: Actor, catalogue: Catalogue, db: Knex, writer: Writer | null, whole: boolean): Promise<Walk> {
    const result: Walk = { total: 0, problems: [], counts: { fresh: 0, alreadyImported: 0, drafts: 0, submitted: 0, withOutcome: 0 }, preview: [], outcomes: [] };
    const planner = createPlanner(strapi, new Date());
    const seen = new Map<string, number>();
    const previewByRow = new Map<number, ImportRowSummary>();
    let layout: Layout | null = null;
    let chunk: ParsedRow[] = [];

    const flush = async () => {
      const rows = chunk;
      chunk = [];
      if (rows.length === 0 || !layout) return;
      const existing = await existingReferences(db, rows.map((row) => row.reference));
      const fresh = rows.filter((row) => !existing.has(row.reference));
      for (const row of rows) {
        if (result.preview.length >= PREVIEW_ROWS) break;
        const summary: ImportRowSummary = {
          row: row.row,
          reference: row.reference,
          unitCode: row.unit.code,
          unitName: row.unit.name,
          year: row.period.year,
          title: row.registration.title,
          status: row.draft ? 'draft' : 'submitted',
          outcome: row.registration.outcome?.result ?? null,
          existing: existing.has(row.reference),
          documentId: existing.get(row.reference) ?? null,
        };
        result.preview.push(summary);
        previewByRow.set(row.row, summary);
      }
      const { counts } = result;
      counts.alreadyImported += rows.length - fresh.length;
      counts.fresh += fresh.length;
      counts.drafts += fresh.filter((row) => row.draft).length;
      counts.submitted += fresh.filter((row) => !row.draft).length;
      counts.withOutcome += fresh.filter((row) => row.registration.outcome).length;

      const { planned, refused } = await planner.plan(
        fresh.map((row) => ({
          row: row.row,
          reference: row.reference,
          draft: row.draft,
          unit: row.unit,
          periodId: row.period.id,
          field: row.field,
          registration: row.registration,
          reason: importMessages.auditReason(file.name, row.row, row.reference, actor.name),
        }))
      );
      const letterOf = layout.letterOf;
      result.problems.push(...refused.map(({ candidate, error }) => problemOf(candidate.row, error, letterOf)));
      // Once anything is wrong nothing more is written (the transaction is rolled back), but every row is still checked.
      if (!writer || result.problems.length > 0) return;
      const written = await writer.write(planned);
      for (const [row, documentId] of written.created) {
        const summary = previewByRow.get(row);
        if (summary) summary.documentId = documentId;
      }
      result.outcomes.push(...written.outcomes);
    };

    let found: boolean;
    try {
      found = await readRows(
        file.buffer,
        {
          isHeader: isTemplateHeader,
          onRow: async (sheetRow) => {
            if (!layout) {
              const header = layoutOf(sheetRow);
              const missing = COLUMNS.filter((column) => column.required && !header.letterOf.has(column.key)).map(headerText);
              if (missing.length > 0) throw badRequest(importMessages.missingHeaders(missing), { reason: 'headers', problems: header.problems });
              layout = header;
              result.problems.push(...header.problems);
              return;
            }
            if (sheetRow.cells.size === 0 && sheetRow.formulas.length === 0) return;
            result.total += 1;
            if (result.total > MAX_IMPORT_ROWS) return;
            const parsed = parseRow(sheetRow, layout, catalogue, result.problems);
            if (!parsed) return;
            const earlier = seen.get(lower(parsed.reference));
            if (earlier !== undefined) {
              result.problems.push({ row: parsed.row, column: layout.letterOf.get('reference') ?? null, header: 'Mã tham chiếu', message: importMessages.duplicateReference(earlier) });
              return;
            }
            seen.set(lower(parsed.reference), parsed.row);
            chunk.push(parsed);
            if (chunk.length >= CHUNK) await flush();
          },
          onRestart: (cause) => {
            strapi.log.warn(`Import of "${file.name}": the streaming reader failed, reading the workbook whole: ${cause instanceof Error ? cause.message : String(cause)}`);
            throw new ReadWhole();
          },
        },
        { whole }
      );
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      if (cause) strapi.log.warn(`Import of "${file.name}" refused, unreadable: ${cause instanceof Error ? cause.stack : String(cause)}`);
      throw error;
    }
    if (!found || !layout) throw badRequest(importMessages.noDataSheet, { reason: 'no-header' });
    if (result.total > MAX_IMPORT_ROWS) throw badRequest(importMessages.tooManyRows(MAX_IMPORT_ROWS), { reason: 'rows' });
    if (result.total === 0) throw badRequest(importMessages.noRows, { reason: 'no-rows' });
    await flush();
    result.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''));
    return result;
  }

  /** A walk with the streaming reader, or, when it fails, again over the workbook loaded whole. */
  async function walkRestarting(run: (whole: boolean) => Promise<Walk>): Promise<Walk> {
    try {
      return await run(false);
    } catch (error) {
      if (error instanceof ReadWhole) return run(true);
      throw error;
    }
  }

  const reportOf = (file: ImportFile, committed: boolean, walked: Walk): ImportReport => ({
    fileName: file.name,
    committed,
    rows: walked.total,
    toCreate: walked.problems.length > 0 ? 0 : walked.counts.fresh,
    alreadyImported: walked.counts.alreadyImported,
    drafts: walked.counts.drafts,
    submitted: walked.counts.submitted,
    withOutcome: walked.counts.withOutcome,
    problems: walked.problems,
    preview: walked.preview,
  });

  /**
   * Checks and plans the whole file (a dry run stops there); a commit of a
   * clean file then walks it again inside one transaction, planning and
   * writing chunk after chunk. A file with any problem writes nothing.
   */
  async function run(actor: Actor, file: ImportFile, commit: boolean): Promise<ImportReport> {
    await inspectWorkbook(file.buffer);
    const catalogue = await loadCatalogue(strapi);
    const checked = await walkRestarting((whole) => walk(file, actor, catalogue, strapi.db.connection, null, whole));
    if (!commit) return reportOf(file, false, checked);
    if (checked.problems.length > 0) throw badRequest(importMessages.hasProblems(checked.problems.length), { report: reportOf(file, false, checked) });

    const sha256 = crypto.createHash('sha256').update(file.buffer).digest('hex');
    let written: Walk;
    try {
      written = await walkRestarting(
        async (whole) =>
          (await strapi.db.transaction(async ({ trx }) => {
            const db = trx as unknown as Knex;
            const result = await walk(file, actor, catalogue, db, createWriter(strapi, db, { actor, fileName: file.name, sha256 }), whole);
            if (result.problems.length > 0) throw new Refused(result);
            return result;
          })) as Walk
      );
    } catch (error) {
      if (error instanceof Refused) throw badRequest(importMessages.hasProblems(error.walk.problems.length), { report: reportOf(file, false, error.walk) });
      // Another import took one of these references meanwhile (the unique index refused it).
      if (isUniqueViolation(error)) throw conflict(importMessages.referenceTaken);
      throw error;
    }
    // Announced once committed: the public pages and the statistics follow.
    await announce(strapi, written.outcomes);
    return reportOf(file, true, written);
  }

  return {
    template: (): Promise<Buffer> => buildTemplate(strapi),
    dryRun: (actor: Actor, file: ImportFile) => run(actor, file, false),
    commit: (actor: Actor, file: ImportFile) => run(actor, file, true),
  };
};

const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || (error instanceof Error && /UNIQUE constraint failed: dvk_import_rows/.test(error.message));
};

export default imports;
export type Imports = ReturnType<typeof imports>;
