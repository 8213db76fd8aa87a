/**
 * The registration import template: the data sheet with Vietnamese headers
 * and drop-down lists, a hidden sheet holding the lists (units by code,
 * years, fields, subject types, origins, statuses, outcomes, levels) read
 * from the database at download time, and an instructions sheet.
 */
import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';

import {
  COLUMNS,
  DATA_SHEET,
  HELP_SHEET,
  headerText,
  LISTS_SHEET,
  ORIGIN_OPTIONS,
  RESULTS,
  STATUSES,
  SUBJECT_TYPES,
  type ListKey,
} from './columns';

/** Rows of the data sheet that carry the drop-down lists. */
export const TEMPLATE_ROWS = 5000;

/** A column's letter from its number (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

type Lists = Record<ListKey, string[]>;

async function listsOf(strapi: Core.Strapi): Promise<{ lists: Lists; unitNames: string[] }> {
  const [units, periods, fields, kinds] = (await Promise.all([
    strapi.db.query('api::unit.unit').findMany({ select: ['code', 'name'], where: { code: { $notNull: true } }, orderBy: { code: 'asc' } }),
    strapi.db.query('api::period.period').findMany({ select: ['year'], orderBy: { year: 'desc' } }),
    strapi.db.query('api::field.field').findMany({ select: ['name'], orderBy: [{ order: 'asc' }, { name: 'asc' }] }),
    strapi.db.query('api::unit-kind.unit-kind').findMany({ select: ['name'], where: { canReview: { $ne: false } }, orderBy: { tier: 'asc' } }),
  ])) as [Array<{ code: string; name: string }>, Array<{ year: number }>, Array<{ name: string }>, Array<{ name: string }>];
  const withCode = units.filter((unit) => unit.code);
  return {
    lists: {
      units: withCode.map((unit) => unit.code),
      years: periods.map((period) => String(period.year)),
      fields: fields.map((field) => field.name),
      subjectTypes: SUBJECT_TYPES.map((option) => option.label),
      origins: ORIGIN_OPTIONS.map((option) => option.label),
      statuses: STATUSES.map((option) => option.label),
      results: RESULTS.map((option) => option.label),
      levels: kinds.map((kind) => kind.name),
    },
    unitNames: withCode.map((unit) => unit.name),
  };
}

const LIST_ORDER: ListKey[] = ['units', 'years', 'fields', 'subjectTypes', 'origins', 'statuses', 'results', 'levels'];
const LIST_HEADERS: Record<ListKey, string> = {
  units: 'Mã đơn vị',
  years: 'Năm',
  fields: 'Lĩnh vực',
  subjectTypes: 'Loại đối tượng',
  origins: 'Nguồn gốc',
  statuses: 'Trạng thái',
  results: 'Kết quả xét',
  levels: 'Cấp xét',
};

type WithValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

export async function buildTemplate(strapi: Core.Strapi): Promise<Buffer> {
  const { lists, unitNames } = await listsOf(strapi);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Dân vận khéo';
  workbook.created = new Date();

  const data = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const listsSheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const help = workbook.addWorksheet(HELP_SHEET);

  data.columns = COLUMNS.map((column) => ({ header: headerText(column), key: column.key, width: column.width }));
  const header = data.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32;
  COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FF8B1A1A' : 'FF1F4E79' } };
    cell.note = column.hint;
  });

  // The lists, one column each (the unit names beside their codes), on the hidden sheet.
  const listColumn = new Map<ListKey, string>();
  let next = 1;
  for (const key of LIST_ORDER) {
    const letter = columnLetter(next);
    listColumn.set(key, letter);
    listsSheet.getCell(`${letter}1`).value = LIST_HEADERS[key];
    lists[key].forEach((value, index) => {
      listsSheet.getCell(`${letter}${index + 2}`).value = value;
    });
    if (key === 'units') {
      next += 1;
      listsSheet.getCell(`${columnLetter(next)}1`).value = 'Tên đơn vị';
      unitNames.forEach((name, index) => {
        listsSheet.getCell(`${columnLetter(next)}${index + 2}`).value = name;
      });
    }
    next += 1;
  }

  COLUMNS.forEach((column, index) => {
    const letter = columnLetter(index + 1);
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    if (column.list) {
      const values = lists[column.list];
      const source = listColumn.get(column.list) as string;
      (data as unknown as WithValidations).dataValidations.add(range, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`'${LISTS_SHEET}'!$${source}$2:$${source}$${Math.max(values.length + 1, 2)}`],
        showErrorMessage: true,
        errorStyle: 'error',
        errorTitle: column.header,
        error: 'Chọn một giá trị trong danh sách.',
      });
    } else if (column.date) {
      data.getColumn(index + 1).numFmt = 'dd/mm/yyyy';
    } else {
      // Text columns stay text: codes such as 001 keep their zeros.
      data.getColumn(index + 1).numFmt = '@';
    }
  });

  help.columns = [
    { header: 'Cột', key: 'header', width: 28 },
    { header: 'Bắt buộc', key: 'required', width: 12 },
    { header: 'Hướng dẫn', key: 'hint', width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of COLUMNS) help.addRow({ header: column.header, required: column.required ? 'Có' : '', hint: column.hint });
  help.addRow({});
  for (const line of [
    'Cách nhập: mỗi dòng của trang "Mô hình" là một mô hình, đăng ký thay đơn vị có mã ở cột "Mã đơn vị".',
    'Không dùng công thức và không gộp ô: tệp có công thức hoặc ô gộp bị từ chối.',
    'Tải tệp lên ở trang "Nhập dữ liệu": hệ thống kiểm tra thử và liệt kê mọi lỗi theo dòng và cột; chưa có gì được ghi.',
    'Khi không còn lỗi, bấm "Nhập dữ liệu": toàn bộ tệp được ghi trong một lần; có lỗi thì không dòng nào được ghi.',
    'Nhập lại cùng tệp không tạo mô hình mới: dòng có mã tham chiếu đã nhập được bỏ qua.',
    'Kết quả trên hồ sơ giấy (được công nhận, cấp xét, số và ngày quyết định) chỉ ghi cho đợt đã hết hạn đăng ký.',
  ]) {
    help.addRow({ header: line }).font = { italic: true };
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
