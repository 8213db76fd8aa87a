/**
 * The dashboard's statistics ("Thống kê phong trào") as tables: the shape of
 * the admin statistics endpoint, and each table's columns (Vietnamese
 * headers, widths) and rows. The admin page draws these tables and the
 * server's XLSX/CSV exports write the very same rows, so a file always says
 * what the screen says. Pure: no Strapi, no I/O.
 */
import { STATES, STATE_LABELS, type State } from './workflow';

type Named = { code: string | null; name: string | null };

/** GET /review/statistics: the statistics service's figures for the admin's scope (as the public endpoint gives them, plus ids and top units). */
export type StatisticsReport = {
  year: number;
  from: number;
  to: number;
  scope: { unitId: number | null; name: string | null; kinds: string[] | null };
  total: number;
  previous: { year: number; from: number; to: number; total: number };
  growth: { absolute: number; percent: number | null };
  byYear: Array<{ year: number; total: number }>;
  byField: Array<Named & { fieldId: number | null; count: number; previous: number; growth: number }>;
  bySubjectType: Record<'collective' | 'individual', number>;
  byOrigin: Record<'new' | 'replicated' | 'continuing', number>;
  byRecognitionLevel: Array<Named & { kindId: number; count: number }>;
  byState: Record<State, number>;
  byUnitKind: Array<Named & { kindId: number | null; count: number }>;
  byUnit: Array<{ unitId: number; code: string | null; kind: string | null; name: string; count: number }>;
  topUnits: Array<{ unitId: number; code: string | null; kind: string | null; name: string; parent: string | null; count: number }>;
  funnel: {
    year: number;
    from: number;
    to: number;
    registered: number;
    levels: Array<{
      code: string;
      name: string;
      entered: number;
      waiting: number;
      underReview: number;
      recognised: number;
      returned: number;
      notRecognised: number;
      proposedOnward: number;
      withdrawn: number;
    }>;
  };
};

export const SUBJECT_TYPE_LABELS = { collective: 'Tập thể', individual: 'Cá nhân' } as const;
export const ORIGIN_TYPE_LABELS = { new: 'Xây dựng mới', replicated: 'Nhân rộng', continuing: 'Duy trì' } as const;

export type CellValue = string | number | null;
export type ColumnType = 'text' | 'number' | 'percent' | 'date';
/** A column of a table or export: its key in the rows, Vietnamese header, width in characters (XLSX) and type. */
export type TableColumn = { key: string; header: string; width: number; type: ColumnType };
export type TableRow = Record<string, CellValue>;

export type StatisticsTable = {
  key: string;
  /** Table title, also the XLSX sheet name (≤ 31 characters). */
  title: string;
  columns: TableColumn[];
  rows: (report: StatisticsReport) => TableRow[];
};

const text = (key: string, header: string, width = 30): TableColumn => ({ key, header, width, type: 'text' });
const count = (key: string, header: string, width = 14): TableColumn => ({ key, header, width, type: 'number' });
const percent = (key: string, header: string, width = 12): TableColumn => ({ key, header, width, type: 'percent' });

/** Growth in percent, one decimal; null when there was nothing before. */
export const growthPercent = (now: number, before: number): number | null => (before > 0 ? Math.round(((now - before) / before) * 1000) / 10 : null);

/** "2025" or "2023–2025". */
export const spanLabel = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

const UNNAMED_FIELD = 'Chưa xác định lĩnh vực';
const UNNAMED_KIND = 'Chưa xác định loại đơn vị';

export const STATISTICS_TABLES: readonly StatisticsTable[] = [
  {
    key: 'summary',
    title: 'Tổng hợp',
    columns: [text('label', 'Chỉ tiêu', 44), count('value', 'Số lượng')],
    rows: (report) => [
      { label: `Mô hình đăng ký ${spanLabel(report.from, report.to)}`, value: report.total },
      { label: `Mô hình đăng ký ${spanLabel(report.previous.from, report.previous.to)} (kỳ trước)`, value: report.previous.total },
      { label: 'Tăng (+) / giảm (−) so với kỳ trước', value: report.growth.absolute },
      { label: 'Mô hình được công nhận (ở cấp cao nhất đã đạt)', value: report.byRecognitionLevel.reduce((sum, level) => sum + level.count, 0) },
    ],
  },
  {
    key: 'byYear',
    title: 'Theo năm',
    columns: [text('year', 'Năm', 10), count('total', 'Mô hình đăng ký')],
    rows: (report) => report.byYear.map((row) => ({ year: String(row.year), total: row.total })),
  },
  {
    key: 'funnel',
    title: 'Xét duyệt theo cấp',
    columns: [
      text('level', 'Cấp xét duyệt', 24),
      count('entered', 'Vào cấp'),
      count('waiting', 'Đang chờ'),
      count('underReview', 'Đang xét'),
      count('recognised', 'Công nhận'),
      count('returned', 'Trả lại bổ sung', 16),
      count('notRecognised', 'Không công nhận', 16),
      count('proposedOnward', 'Đề nghị cấp trên', 16),
      count('withdrawn', 'Đã rút'),
    ],
    rows: (report) =>
      report.funnel.levels.map((level) => ({
        level: level.name,
        entered: level.entered,
        waiting: level.waiting,
        underReview: level.underReview,
        recognised: level.recognised,
        returned: level.returned,
        notRecognised: level.notRecognised,
        proposedOnward: level.proposedOnward,
        withdrawn: level.withdrawn,
      })),
  },
  {
    key: 'byField',
    title: 'Theo lĩnh vực',
    columns: [text('field', 'Lĩnh vực', 36), count('count', 'Kỳ này'), count('previous', 'Kỳ trước'), count('growth', 'Tăng/giảm'), percent('percent', 'Tỷ lệ tăng (%)', 14)],
    rows: (report) =>
      report.byField.map((row) => ({
        field: row.name ?? UNNAMED_FIELD,
        count: row.count,
        previous: row.previous,
        growth: row.growth,
        percent: growthPercent(row.count, row.previous),
      })),
  },
  {
    key: 'bySubjectType',
    title: 'Theo đối tượng',
    columns: [text('subjectType', 'Đối tượng', 20), count('count', 'Mô hình đăng ký')],
    rows: (report) => (Object.keys(SUBJECT_TYPE_LABELS) as Array<keyof typeof SUBJECT_TYPE_LABELS>).map((key) => ({ subjectType: SUBJECT_TYPE_LABELS[key], count: report.bySubjectType[key] })),
  },
  {
    key: 'byOrigin',
    title: 'Theo nguồn gốc',
    columns: [text('origin', 'Nguồn gốc', 20), count('count', 'Mô hình đăng ký')],
    rows: (report) => (Object.keys(ORIGIN_TYPE_LABELS) as Array<keyof typeof ORIGIN_TYPE_LABELS>).map((key) => ({ origin: ORIGIN_TYPE_LABELS[key], count: report.byOrigin[key] })),
  },
  {
    key: 'byRecognitionLevel',
    title: 'Theo cấp công nhận',
    columns: [text('level', 'Cấp công nhận cao nhất', 28), count('count', 'Mô hình')],
    rows: (report) => report.byRecognitionLevel.map((row) => ({ level: row.name, count: row.count })),
  },
  {
    key: 'byState',
    title: 'Theo trạng thái',
    columns: [text('state', 'Trạng thái', 24), count('count', 'Mô hình')],
    rows: (report) => STATES.map((state) => ({ state: STATE_LABELS[state], count: report.byState[state] })),
  },
  {
    key: 'byUnitKind',
    title: 'Theo loại đơn vị',
    columns: [text('kind', 'Loại đơn vị', 28), count('count', 'Mô hình đăng ký')],
    rows: (report) => report.byUnitKind.map((row) => ({ kind: row.name ?? UNNAMED_KIND, count: row.count })),
  },
  {
    key: 'byUnit',
    title: 'Theo đơn vị',
    columns: [text('code', 'Mã đơn vị', 14), text('unit', 'Đơn vị', 40), count('count', 'Mô hình đăng ký')],
    rows: (report) => report.byUnit.map((row) => ({ code: row.code, unit: row.name, count: row.count })),
  },
  {
    key: 'topUnits',
    title: 'Đơn vị dẫn đầu',
    columns: [count('rank', 'Hạng', 8), text('unit', 'Đơn vị', 40), text('parent', 'Trực thuộc', 32), count('count', 'Mô hình đăng ký')],
    rows: (report) => report.topUnits.map((row, index) => ({ rank: index + 1, unit: row.name, parent: row.parent, count: row.count })),
  },
];

export type StatisticsTableKey = (typeof STATISTICS_TABLES)[number]['key'];
export const STATISTICS_TABLE_KEYS = STATISTICS_TABLES.map((table) => table.key);
export const statisticsTable = (key: string) => STATISTICS_TABLES.find((table) => table.key === key);

/** Columns of the review queue export (GET /review/exports/queue). */
export const QUEUE_EXPORT_COLUMNS: TableColumn[] = [
  count('index', 'STT', 8),
  text('title', 'Tên mô hình', 50),
  text('ownerUnit', 'Đơn vị chủ trì', 32),
  text('field', 'Lĩnh vực', 28),
  text('subjectType', 'Đối tượng', 12),
  text('origin', 'Nguồn gốc', 14),
  text('period', 'Đợt thi đua', 22),
  text('state', 'Trạng thái', 18),
  text('reviewLevel', 'Cấp đang xét', 16),
  text('recognitionLevel', 'Cấp công nhận', 16),
  { key: 'recognizedAt', header: 'Ngày công nhận', width: 16, type: 'date' },
  { key: 'createdAt', header: 'Ngày tạo', width: 14, type: 'date' },
  { key: 'updatedAt', header: 'Cập nhật', width: 14, type: 'date' },
];

/** Columns of the directory of recognised models with their decisions (GET /review/exports/directory). */
export const DIRECTORY_EXPORT_COLUMNS: TableColumn[] = [
  count('index', 'STT', 8),
  text('title', 'Tên mô hình', 50),
  text('ownerUnit', 'Đơn vị chủ trì', 32),
  text('field', 'Lĩnh vực', 28),
  text('subjectType', 'Đối tượng', 12),
  text('origin', 'Nguồn gốc', 14),
  text('year', 'Năm', 8),
  text('recognitionLevel', 'Cấp công nhận', 16),
  { key: 'recognizedAt', header: 'Ngày công nhận', width: 16, type: 'date' },
  text('decisionNumber', 'Số quyết định', 22),
  { key: 'decisionDate', header: 'Ngày quyết định', width: 16, type: 'date' },
  text('signer', 'Người ký', 26),
];

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
