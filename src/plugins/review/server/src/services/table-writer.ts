/**
 * Streamed XLSX and CSV files for the admin's exports: rows are written as
 * they are read (exceljs's streaming WorkbookWriter with inline strings, or
 * fast-csv's formatter), and the writer waits whenever the HTTP response is
 * not draining, so a 100,000-row export holds one page of rows in memory,
 * not the file. Vietnamese headers, dates as dd/mm/yyyy, column widths and a
 * frozen header row come from the columns (shared/statistics-tables.ts).
 */
import { once } from 'events';
import { PassThrough, type Writable } from 'stream';

import { format as csvFormat } from '@fast-csv/format';
// exceljs is CommonJS: a namespace import works with and without the bundler's default interop.
import * as ExcelJS from 'exceljs';
import type { Context } from 'koa';

import type { ExportFormat, TableColumn, TableRow } from '../../../shared/statistics-tables';

export type Sheet = { name: string; columns: TableColumn[]; rows: AsyncIterable<TableRow> | Iterable<TableRow> };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NUMBER_FORMAT: Record<TableColumn['type'], string | undefined> = { text: '@', number: '#,##0', percent: '0.0', date: 'dd/mm/yyyy' };

/** A calendar day 'YYYY-MM-DD' (or an ISO date-time's Vietnamese day, already resolved) as Excel's date: midnight UTC, so no time zone shifts it. */
const excelDate = (day: string) => {
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
};

/** dd/mm/yyyy of a 'YYYY-MM-DD' day. */
export const vietnameseDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The client went away mid-download (the response stream was destroyed): the export stops reading. */
export class ExportAborted extends Error {
  constructor() {
    super('export aborted by the client');
  }
}

/**
 * Waits until `stream` has room again (the client reads slower than the
 * database answers), or throws when the response `out` was closed meanwhile
 * (Koa destroys the body when the client disconnects), so no export hangs.
 */
async function drained(stream: Writable, out: Writable = stream): Promise<void> {
  if (out.destroyed) throw new ExportAborted();
  if (!stream.writableNeedDrain) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      out.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    out.once('close', done);
  });
  if (out.destroyed) throw new ExportAborted();
}

/** Rows are written a page at a time; between pages the writer yields to the output's back-pressure. */
const PAGE = 500;

export async function writeXlsx(out: Writable, sheets: Sheet[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Phong trào Dân vận khéo';
  workbook.created = new Date();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      key: column.key,
      width: column.width,
      style: NUMBER_FORMAT[column.type] && column.type !== 'text' ? { numFmt: NUMBER_FORMAT[column.type] } : {},
    }));
    const header = worksheet.getRow(1);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();
    let written = 0;
    for await (const row of sheet.rows) {
      const values: Record<string, unknown> = {};
      for (const column of sheet.columns) {
        const value = row[column.key];
        values[column.key] = value === null || value === undefined || value === '' ? null : column.type === 'date' ? excelDate(String(value)) : value;
      }
      worksheet.addRow(values).commit();
      written += 1;
      if (written % PAGE === 0) await drained(out);
    }
    worksheet.commit();
  }
  await workbook.commit();
}

export async function writeCsv(out: Writable, sheet: Sheet): Promise<void> {
  // The byte order mark makes Excel read the file as UTF-8 (Vietnamese diacritics).
  const csv = csvFormat({ headers: sheet.columns.map((column) => column.header), writeBOM: true, quoteColumns: true });
  csv.pipe(out);
  let written = 0;
  for await (const row of sheet.rows) {
    const values = sheet.columns.map((column) => {
      const value = row[column.key];
      if (value === null || value === undefined) return '';
      return column.type === 'date' ? vietnameseDate(String(value)) : value;
    });
    if (!csv.write(values)) await drained(csv, out);
    written += 1;
    if (written % PAGE === 0) await drained(out);
  }
  csv.end();
  await once(out, 'finish');
}

/** ASCII fallback of a Vietnamese file name (for old clients), the full name in filename*. */
const asciiName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-');

/**
 * Answers the request with a file written as it is produced. Call it after
 * every check: once the body streams, the status is 200. A failure while
 * writing is logged and cuts the download short (the client sees an error,
 * never a complete-looking file).
 */
export function sendTable(
  ctx: Context,
  { format, filename, sheets, onError }: { format: ExportFormat; filename: string; sheets: Sheet[]; onError: (error: unknown) => void }
): void {
  const name = `${filename}.${format}`;
  const body = new PassThrough();
  ctx.status = 200;
  ctx.set('Content-Type', format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = body;
  const write = format === 'xlsx' ? writeXlsx(body, sheets) : writeCsv(body, sheets[0]);
  // Both writers end `body` themselves (the zip or the CSV formatter is piped into it).
  write.catch((error: unknown) => {
      onError(error);
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
}
