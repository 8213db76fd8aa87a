/**
 * Reads an uploaded registration workbook safely: the zip directory is
 * checked before any XML is parsed (declared sizes and ratios), every entry
 * is then inflated once with a byte count that stops at its declared size
 * (a directory that lies about sizes is caught too) and the worksheets are
 * scanned for merged cells; only then does exceljs's streaming reader walk
 * the rows, one at a time, so memory stays bounded by the row, not the file.
 */
import { Readable } from 'stream';

import ExcelJS from 'exceljs';
import unzipper from 'unzipper';

import { badRequest, ReviewError } from '../../errors';
import { importMessages } from './messages';

/** Largest import file accepted (a 50,000-row workbook is about 5 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Largest total of the zip entries once inflated. */
export const MAX_INFLATED_BYTES = 400 * 1024 * 1024;
/** XML compresses about 10:1; a zip bomb a thousand to one. */
const MAX_RATIO = 200;
/** Ratios of tiny entries say nothing. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const MAX_ENTRIES = 2000;

export type CellValue = string | number | boolean | Date | null;

/** One data row: its number in the sheet, cell values by column number (1-based), and the columns holding formulas. */
export type SheetRow = { row: number; cells: Map<number, CellValue>; formulas: number[] };

const isZip = (buffer: Buffer) => buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;

const MERGE_TAG = '<mergeCell ';

/** Inflates an entry, counting bytes; stops at its declared size. Reports whether a worksheet holds merged cells. */
async function inflateChecked(file: unzipper.File, scanMerges: boolean): Promise<boolean> {
  let total = 0;
  let tail = '';
  let merged = false;
  const stream = file.stream();
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > file.uncompressedSize || total > MAX_INFLATED_BYTES) {
      stream.destroy();
      throw badRequest(importMessages.zipBomb, { reason: 'inflated-size', entry: file.path });
    }
    if (scanMerges && !merged) {
      const text = tail + chunk.toString('latin1');
      if (text.includes(MERGE_TAG)) merged = true;
      tail = text.slice(-MERGE_TAG.length);
    }
  }
  return merged;
}

/** Checks the container before parsing: a zip, an XLSX, sizes and ratios within bounds, no merged cells. */
export async function inspectWorkbook(buffer: Buffer): Promise<void> {
  if (buffer.length === 0) throw badRequest(importMessages.emptyFile);
  if (buffer.length > MAX_IMPORT_BYTES) throw badRequest(importMessages.tooLarge(MAX_IMPORT_BYTES / 1024 / 1024), { maxBytes: MAX_IMPORT_BYTES });
  if (!isZip(buffer)) throw badRequest(importMessages.notXlsx, { reason: 'not-zip' });
  let directory: unzipper.CentralDirectory;
  try {
    directory = await unzipper.Open.buffer(buffer);
  } catch {
    throw badRequest(importMessages.notXlsx, { reason: 'bad-zip' });
  }
  const files = directory.files.filter((file) => file.type === 'File');
  const paths = new Set(files.map((file) => file.path));
  if (!paths.has('[Content_Types].xml') || !paths.has('xl/workbook.xml')) throw badRequest(importMessages.notXlsx, { reason: 'not-xlsx' });
  if (files.length > MAX_ENTRIES) throw badRequest(importMessages.zipBomb, { reason: 'entries' });
  let declared = 0;
  for (const file of files) {
    declared += file.uncompressedSize;
    const ratio = file.uncompressedSize / Math.max(file.compressedSize, 1);
    if (declared > MAX_INFLATED_BYTES || (file.uncompressedSize > RATIO_FLOOR_BYTES && ratio > MAX_RATIO)) {
      throw badRequest(importMessages.zipBomb, { reason: 'declared-size', entry: file.path });
    }
  }
  const mergedIn: string[] = [];
  for (const file of files) {
    let merged: boolean;
    try {
      merged = await inflateChecked(file, /^xl\/worksheets\/[^/]+\.xml$/.test(file.path));
    } catch (error) {
      if (error instanceof ReviewError) throw error;
      throw badRequest(importMessages.notXlsx, { reason: 'bad-entry', entry: file.path });
    }
    if (merged) mergedIn.push(file.path);
  }
  if (mergedIn.length > 0) throw badRequest(importMessages.mergedCells, { reason: 'merged-cells' });
}

type RawValue = ExcelJS.CellValue;

/** A cell's value as plain data; formulas are reported, never evaluated or trusted. */
function plain(value: RawValue): { value: CellValue; formula: boolean } {
  if (value === null || value === undefined) return { value: null, formula: false };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return { value, formula: false };
  const object = value as unknown as Record<string, unknown>;
  if ('formula' in object || 'sharedFormula' in object) return { value: null, formula: true };
  if (Array.isArray(object.richText)) return { value: (object.richText as Array<{ text: string }>).map((part) => part.text).join(''), formula: false };
  if (typeof object.text === 'string') return { value: object.text, formula: false };
  if ('error' in object) return { value: String(object.error), formula: false };
  return { value: null, formula: false };
}

/** A row's cells as plain values, formulas apart. */
function sheetRowOf(row: ExcelJS.Row): SheetRow {
  const sheetRow: SheetRow = { row: row.number, cells: new Map(), formulas: [] };
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const { value, formula } = plain(cell.value);
    if (formula) sheetRow.formulas.push(column);
    else if (value !== null && !(typeof value === 'string' && value.trim() === '')) sheetRow.cells.set(column, value);
  });
  return sheetRow;
}

/** Hands the rows of the first sheet whose first row `isHeader` accepts to `onRow`, header row first, one at a time (each awaited). */
type RowSink = { isHeader: (row: SheetRow) => boolean; onRow: (row: SheetRow) => void | Promise<void> };

/** An error of the caller's `onRow`, carried out of the reader so that it is not taken for the parser's. */
class SinkError extends Error {
  constructor(readonly inner: unknown) {
    super('import row handler failed');
  }
}

const deliver = async (onRow: RowSink['onRow'], row: SheetRow) => {
  try {
    await onRow(row);
  } catch (error) {
    throw new SinkError(error);
  }
};

async function streamRows(buffer: Buffer, { isHeader, onRow }: RowSink): Promise<boolean> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell dates from numbers.
    styles: 'cache',
    entries: 'ignore',
  });
  let found = false;
  for await (const worksheet of reader) {
    let first = true;
    let data = false;
    for await (const row of worksheet) {
      const sheetRow = sheetRowOf(row);
      if (first && !found) {
        data = isHeader(sheetRow);
        found = data;
      }
      first = false;
      if (data) await deliver(onRow, sheetRow);
    }
  }
  return found;
}

/** The same walk over a workbook loaded whole (JSZip): the fallback when the streaming reader fails. */
async function loadedRows(buffer: Buffer, { isHeader, onRow }: RowSink): Promise<boolean> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  for (const worksheet of workbook.worksheets) {
    const first = worksheet.getRow(1);
    if (!isHeader(sheetRowOf(first))) continue;
    const rows: ExcelJS.Row[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row) => rows.push(row));
    for (const row of rows) await deliver(onRow, sheetRowOf(row));
    return true;
  }
  return false;
}

/**
 * Walks the workbook's rows with exceljs's streaming reader (memory bounded
 * by the row), or, with `whole`, over the workbook loaded whole. The
 * streaming reader very rarely fails on a valid file (seen under heavy
 * load): `onRestart` is then told, and the walk goes on over the workbook
 * loaded whole (which was checked for its sizes before) unless `onRestart`
 * throws — a caller that already acted on rows starts again itself.
 * Errors of `onRow` pass through as they are. Returns whether a sheet with
 * the header was found.
 */
export async function readRows(buffer: Buffer, sink: RowSink & { onRestart: (cause: unknown) => void }, { whole = false } = {}): Promise<boolean> {
  const unwrap = (error: unknown) => (error instanceof SinkError ? error.inner : error);
  if (!whole) {
    try {
      return await streamRows(buffer, sink);
    } catch (error) {
      if (error instanceof SinkError || error instanceof ReviewError) throw unwrap(error);
      sink.onRestart(error);
    }
  }
  try {
    return await loadedRows(buffer, sink);
  } catch (error) {
    if (error instanceof SinkError || error instanceof ReviewError) throw unwrap(error);
    // The parser's own error stays on the server (logged by the caller), not in the answer.
    throw Object.assign(badRequest(importMessages.notXlsx, { reason: 'unreadable' }), { cause: error });
  }
}
