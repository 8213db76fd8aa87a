/**
 * The import's row reader without a server: the streaming walk and the
 * walk over the workbook loaded whole (its fallback) hand the same rows, and
 * an error of the caller's row handler passes through as it is — it is never
 * taken for the parser's failure (which would start the walk again).
 */
import ExcelJS from 'exceljs';

import { readRows, type SheetRow } from '../../src/plugins/review/server/src/services/import/read-xlsx';

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Ghi chú').addRow(['Không phải mẫu nhập']);
  const sheet = book.addWorksheet('Mô hình');
  sheet.addRow(['Mã tham chiếu (*)', 'Mã đơn vị (*)', 'Năm (*)', 'Tên mô hình (*)', 'Ngày quyết định']);
  sheet.addRow(['R-1', 'SH-X1', 2021, 'Dân vận khéo', new Date(Date.UTC(2021, 11, 15))]);
  sheet.addRow([]);
  sheet.addRow(['R-2', 'SH-X2', '2022', { richText: [{ text: 'Chữ ' }, { text: 'đậm', font: { bold: true } }] }, null]);
  sheet.getRow(4).getCell(6).value = { formula: 'A4&"x"', result: 'R-2x' };
  sheet.addRow(['R-3', '   ', 2021, 'Ô trắng']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const isHeader = (row: SheetRow) => [...row.cells.values()].includes('Mã tham chiếu (*)');

async function rowsOf(buffer: Buffer, whole: boolean): Promise<{ found: boolean; rows: Array<{ row: number; cells: Array<[number, unknown]>; formulas: number[] }> }> {
  const rows: Array<{ row: number; cells: Array<[number, unknown]>; formulas: number[] }> = [];
  const found = await readRows(
    buffer,
    {
      isHeader,
      onRow: async (row) => {
        await Promise.resolve();
        rows.push({ row: row.row, cells: [...row.cells.entries()], formulas: row.formulas });
      },
      onRestart: (cause) => {
        throw new Error(`the reader restarted: ${String(cause)}`);
      },
    },
    { whole }
  );
  return { found, rows };
}

describe('import row reader', () => {
  it('hands the same rows streaming and loaded whole: header first, values plain, formulas apart, blank cells left out', async () => {
    const buffer = await workbook();
    const streamed = await rowsOf(buffer, false);
    const loaded = await rowsOf(buffer, true);
    expect(streamed.found).toBe(true);
    expect(loaded).toEqual(streamed);
    expect(streamed.rows.map((row) => row.row)).toEqual([1, 2, 4, 5]);
    expect(streamed.rows[1].cells).toEqual([
      [1, 'R-1'],
      [2, 'SH-X1'],
      [3, 2021],
      [4, 'Dân vận khéo'],
      [5, new Date(Date.UTC(2021, 11, 15))],
    ]);
    expect(streamed.rows[2]).toEqual({
      row: 4,
      cells: [
        [1, 'R-2'],
        [2, 'SH-X2'],
        [3, '2022'],
        [4, 'Chữ đậm'],
      ],
      formulas: [6],
    });
    expect(streamed.rows[3].cells.map(([column]) => column)).toEqual([1, 3, 4]);
  });

  it('passes an error of the row handler through as it is, in both walks, without restarting', async () => {
    const buffer = await workbook();
    for (const whole of [false, true]) {
      const failure = new Error('the database went away');
      let restarted = false;
      let seen = 0;
      await expect(
        readRows(
          buffer,
          {
            isHeader,
            onRow: async () => {
              seen += 1;
              if (seen === 2) throw failure;
            },
            onRestart: () => {
              restarted = true;
            },
          },
          { whole }
        )
      ).rejects.toBe(failure);
      expect({ whole, restarted, seen }).toEqual({ whole, restarted: false, seen: 2 });
    }
  });
});
