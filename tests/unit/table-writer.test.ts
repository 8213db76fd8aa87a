/**
 * The export writers and the dashboard's table definitions, without a
 * server: XLSX with Vietnamese headers, widths, a frozen bold header and real
 * dates shown dd/mm/yyyy; CSV with a byte order mark, quoting and dd/mm/yyyy;
 * a writer that stops when the client goes away; every table's rows fit its
 * columns and its title fits a sheet name.
 */
import { PassThrough, Writable } from 'stream';

import ExcelJS from 'exceljs';

import { ExportAborted, writeCsv, writeXlsx, type Sheet } from '../../src/plugins/review/server/src/services/table-writer';
import { growthPercent, spanLabel, STATISTICS_TABLES, type StatisticsReport } from '../../src/plugins/review/shared/statistics-tables';

const collect = async (write: (out: PassThrough) => Promise<void>): Promise<Buffer> => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  return Buffer.concat(chunks);
};

const sheet = (rows: Sheet['rows']): Sheet => ({
  name: 'Danh sách',
  columns: [
    { key: 'title', header: 'Tên mô hình', width: 40, type: 'text' },
    { key: 'count', header: 'Số lượng', width: 12, type: 'number' },
    { key: 'day', header: 'Ngày quyết định', width: 16, type: 'date' },
  ],
  rows,
});

describe('export writers', () => {
  it('writes XLSX with headers, widths, a frozen bold header and dates as dd/mm/yyyy', async () => {
    async function* rows() {
      yield { title: 'Đường làng, "sáng" đẹp', count: 1234, day: '2025-12-20' };
      yield { title: 'Không có ngày', count: 0, day: null };
    }
    const buffer = await collect((out) => writeXlsx(out, [sheet(rows()), { ...sheet([]), name: 'Trống' }]));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const [first, empty] = book.worksheets;
    expect(first.name).toBe('Danh sách');
    expect(first.getRow(1).values).toEqual([undefined, 'Tên mô hình', 'Số lượng', 'Ngày quyết định']);
    expect(first.getRow(1).font?.bold).toBe(true);
    expect(first.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect([1, 2, 3].map((index) => first.getColumn(index).width)).toEqual([40, 12, 16]);
    expect(first.getRow(2).values).toEqual([undefined, 'Đường làng, "sáng" đẹp', 1234, new Date(Date.UTC(2025, 11, 20))]);
    expect(first.getRow(2).getCell(3).numFmt).toBe('dd/mm/yyyy');
    expect(first.getRow(2).getCell(2).numFmt).toBe('#,##0');
    expect(first.getRow(3).getCell(3).value).toBeNull();
    expect(empty.rowCount).toBe(1);
  });

  it('writes CSV as UTF-8 with a byte order mark, every field quoted, dates dd/mm/yyyy', async () => {
    const buffer = await collect((out) => writeCsv(out, sheet([{ title: 'Dòng 1\nDòng "2", tiếp', count: 5, day: '2024-01-04' }])));
    const text = buffer.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1)).toBe('"Tên mô hình","Số lượng","Ngày quyết định"\n"Dòng 1\nDòng ""2"", tiếp","5","04/01/2024"');
  });

  it('stops reading rows when the client goes away', async () => {
    // A response that never drains, closed by the "client" after the first chunk.
    const out = new Writable({ highWaterMark: 16, write: () => undefined });
    let produced = 0;
    async function* rows() {
      for (let index = 0; index < 1_000_000; index += 1) {
        produced += 1;
        yield { title: `Mô hình ${index}`, count: index, day: '2025-01-01' };
      }
    }
    const writing = writeCsv(out, sheet(rows()));
    setTimeout(() => out.destroy(), 50);
    await expect(writing).rejects.toBeInstanceOf(ExportAborted);
    expect(produced).toBeLessThan(1_000_000);
  });
});

describe('statistics tables', () => {
  const report: StatisticsReport = {
    year: 2025,
    from: 2025,
    to: 2025,
    scope: { unitId: null, name: null, kinds: null },
    total: 12,
    previous: { year: 2024, from: 2024, to: 2024, total: 10 },
    growth: { absolute: 2, percent: 20 },
    byYear: [{ year: 2025, total: 12 }],
    byField: [
      { fieldId: 1, code: 'economy', name: 'Kinh tế', count: 7, previous: 4, growth: 3 },
      { fieldId: null, code: null, name: null, count: 5, previous: 6, growth: -1 },
    ],
    bySubjectType: { collective: 11, individual: 1 },
    byOrigin: { new: 8, replicated: 3, continuing: 1 },
    byRecognitionLevel: [{ kindId: 1, code: 'province', name: 'Cấp tỉnh', count: 2 }],
    byState: { draft: 1, submitted: 3, under_review: 2, returned: 1, recognized: 4, not_recognized: 1, proposed: 1, withdrawn: 0 },
    byUnitKind: [{ kindId: 3, code: 'commune', name: 'Cấp xã', count: 12 }],
    byUnit: [{ unitId: 5, code: 'SH-X1', kind: 'commune', name: 'Xã An Phú', count: 12 }],
    topUnits: [{ unitId: 9, code: 'SH-T1', kind: 'village', name: 'Thôn 1', parent: 'Xã An Phú', count: 6 }],
    funnel: {
      year: 2025,
      from: 2025,
      to: 2025,
      registered: 12,
      levels: [{ code: 'commune', name: 'Cấp xã', entered: 12, waiting: 3, underReview: 2, recognised: 5, returned: 1, notRecognised: 1, proposedOnward: 1, withdrawn: 0 }],
    },
  };

  it('gives each table rows that fit its columns, and titles that fit a sheet name', () => {
    expect(new Set(STATISTICS_TABLES.map((table) => table.title)).size).toBe(STATISTICS_TABLES.length);
    for (const table of STATISTICS_TABLES) {
      expect(table.title.length).toBeLessThanOrEqual(31);
      const keys = table.columns.map((column) => column.key).sort();
      for (const row of table.rows(report)) expect({ table: table.key, keys: Object.keys(row).sort() }).toEqual({ table: table.key, keys });
    }
  });

  it('names a missing field, shows growth per field and counts recognised models in the summary', () => {
    const byField = STATISTICS_TABLES.find((table) => table.key === 'byField')?.rows(report);
    expect(byField).toEqual([
      { field: 'Kinh tế', count: 7, previous: 4, growth: 3, percent: 75 },
      { field: 'Chưa xác định lĩnh vực', count: 5, previous: 6, growth: -1, percent: -16.7 },
    ]);
    expect(STATISTICS_TABLES.find((table) => table.key === 'summary')?.rows(report)).toEqual([
      { label: 'Mô hình đăng ký 2025', value: 12 },
      { label: 'Mô hình đăng ký 2024 (kỳ trước)', value: 10 },
      { label: 'Tăng (+) / giảm (−) so với kỳ trước', value: 2 },
      { label: 'Mô hình được công nhận (ở cấp cao nhất đã đạt)', value: 2 },
    ]);
    expect(growthPercent(3, 0)).toBeNull();
    expect(spanLabel(2023, 2025)).toBe('2023–2025');
  });
});
