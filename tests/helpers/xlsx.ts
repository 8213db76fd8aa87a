/**
 * Workbooks for the import tests: the downloaded template filled with rows,
 * and hand-made zip files (a zip bomb, a zip whose directory lies about its
 * sizes) written with zlib, so the tests control every byte.
 */
import zlib from 'zlib';

import ExcelJS from 'exceljs';

import type { AuthedClient } from './users';

export type TemplateRow = Partial<Record<string, string | number | Date | { formula: string }>>;

/** The template's headers by column key, as the server writes them. */
export const HEADERS = [
  'reference',
  'unitCode',
  'year',
  'title',
  'summary',
  'field',
  'subjectType',
  'personName',
  'personPosition',
  'origin',
  'replicatedSourceName',
  'replicatedSourceUnit',
  'content',
  'results',
  'status',
  'result',
  'level',
  'decisionNumber',
  'decisionDate',
  'signer',
] as const;

export async function downloadTemplate(client: AuthedClient): Promise<Buffer> {
  const res = await client.get('/review/imports/template').buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  if (res.status !== 200) throw new Error(`template ${res.status}`);
  return res.body as Buffer;
}

/** The template with rows filled in (by column key); `edit` may change the workbook further (e.g. merge cells). */
export async function filledTemplate(template: Buffer, rows: TemplateRow[], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Mô hình') as ExcelJS.Worksheet;
  rows.forEach((row, index) => {
    const excelRow = sheet.getRow(index + 2);
    HEADERS.forEach((key, column) => {
      const value = row[key];
      if (value !== undefined) excelRow.getCell(column + 1).value = value as ExcelJS.CellValue;
    });
    excelRow.commit();
  });
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Buffer) => {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

/**
 * A zip (deflate) of the given entries; `declaredSize` overrides an entry's
 * uncompressed size in both headers (a directory that lies).
 */
export function zipOf(entries: Array<{ name: string; data: Buffer; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = zlib.deflateRawSync(entry.data);
    const crc = entry.declaredSize === undefined ? crc32(entry.data) : 0;
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The minimal parts that make a zip look like an XLSX, plus a worksheet. */
export const xlsxLike = (sheet: Buffer, declaredSize?: number) =>
  zipOf([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize },
  ]);
