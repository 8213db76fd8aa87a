/**
 * The columns of the registration import template, shared by the template
 * writer and the reader: Vietnamese header, the model field it fills, whether
 * it is required, and the drop-down list it draws from.
 */

export type ColumnKey =
  | 'reference'
  | 'unitCode'
  | 'year'
  | 'title'
  | 'summary'
  | 'field'
  | 'subjectType'
  | 'personName'
  | 'personPosition'
  | 'origin'
  | 'replicatedSourceName'
  | 'replicatedSourceUnit'
  | 'content'
  | 'results'
  | 'status'
  | 'result'
  | 'level'
  | 'decisionNumber'
  | 'decisionDate'
  | 'signer';

/** A drop-down list of the template, kept on the hidden sheet. */
export type ListKey = 'units' | 'years' | 'fields' | 'subjectTypes' | 'origins' | 'statuses' | 'results' | 'levels';

export type Column = {
  key: ColumnKey;
  header: string;
  /** Explained on the instructions sheet. */
  hint: string;
  width: number;
  required?: boolean;
  list?: ListKey;
  maxLength?: number;
  date?: boolean;
};

export const COLUMNS: readonly Column[] = [
  { key: 'reference', header: 'Mã tham chiếu', hint: 'Bắt buộc, không trùng trong tệp (ví dụ: 2022-AP-001). Nhập lại tệp, dòng đã nhập với mã này được bỏ qua.', width: 18, required: true, maxLength: 100 },
  { key: 'unitCode', header: 'Mã đơn vị', hint: 'Bắt buộc. Mã của đơn vị chủ trì mô hình (chọn trong danh sách).', width: 16, required: true, list: 'units', maxLength: 60 },
  { key: 'year', header: 'Năm', hint: 'Bắt buộc. Năm của đợt thi đua (chọn trong danh sách).', width: 8, required: true, list: 'years' },
  { key: 'title', header: 'Tên mô hình', hint: 'Bắt buộc, tối đa 300 ký tự.', width: 40, required: true, maxLength: 300 },
  { key: 'summary', header: 'Tóm tắt', hint: 'Bắt buộc khi đăng ký (không bắt buộc với nháp), tối đa 2.000 ký tự.', width: 40, maxLength: 2000 },
  { key: 'field', header: 'Lĩnh vực', hint: 'Bắt buộc khi đăng ký. Chọn trong danh sách.', width: 24, list: 'fields' },
  { key: 'subjectType', header: 'Loại đối tượng', hint: 'Tập thể (mặc định) hoặc Cá nhân.', width: 14, list: 'subjectTypes' },
  { key: 'personName', header: 'Họ và tên cá nhân', hint: 'Bắt buộc với mô hình cá nhân.', width: 22, maxLength: 200 },
  { key: 'personPosition', header: 'Chức vụ', hint: 'Chức vụ của cá nhân (nếu có).', width: 18, maxLength: 200 },
  { key: 'origin', header: 'Nguồn gốc', hint: 'Xây dựng mới (mặc định), Nhân rộng hoặc Duy trì.', width: 14, list: 'origins' },
  { key: 'replicatedSourceName', header: 'Mô hình được nhân rộng', hint: 'Với mô hình nhân rộng: tên mô hình gốc.', width: 28, maxLength: 300 },
  { key: 'replicatedSourceUnit', header: 'Đơn vị của mô hình gốc', hint: 'Với mô hình nhân rộng: đơn vị có mô hình gốc.', width: 24, maxLength: 300 },
  { key: 'content', header: 'Nội dung', hint: 'Cách làm, nội dung mô hình.', width: 40, maxLength: 100_000 },
  { key: 'results', header: 'Kết quả', hint: 'Kết quả đạt được.', width: 40, maxLength: 100_000 },
  { key: 'status', header: 'Trạng thái', hint: '"Đã đăng ký" (mặc định): đăng ký thay đơn vị; "Nháp": chỉ lưu nháp cho đơn vị.', width: 14, list: 'statuses' },
  { key: 'result', header: 'Kết quả xét (hồ sơ giấy)', hint: 'Chỉ với đợt đã hết hạn đăng ký: "Được công nhận" hoặc "Không được công nhận". Để trống nếu chưa có kết quả.', width: 22, list: 'results' },
  { key: 'level', header: 'Cấp xét', hint: 'Cấp đã công nhận hoặc không công nhận (chọn trong danh sách).', width: 16, list: 'levels' },
  { key: 'decisionNumber', header: 'Số quyết định', hint: 'Bắt buộc khi được công nhận (ví dụ: 125-QĐ/BDVTU).', width: 18, maxLength: 60 },
  { key: 'decisionDate', header: 'Ngày quyết định', hint: 'Bắt buộc khi được công nhận; dạng ngày/tháng/năm (ví dụ: 15/12/2022).', width: 16, date: true },
  { key: 'signer', header: 'Người ký', hint: 'Người ký quyết định (nếu biết).', width: 20, maxLength: 200 },
];

export const SUBJECT_TYPES = [
  { value: 'collective', label: 'Tập thể' },
  { value: 'individual', label: 'Cá nhân' },
] as const;

/** The origins as the registration app labels them (src/portal-app/src/origins.ts). */
export const ORIGIN_OPTIONS = [
  { value: 'new', label: 'Xây dựng mới' },
  { value: 'replicated', label: 'Nhân rộng' },
  { value: 'continuing', label: 'Duy trì' },
] as const;

export const STATUSES = [
  { value: 'submitted', label: 'Đã đăng ký' },
  { value: 'draft', label: 'Nháp' },
] as const;

export const RESULTS = [
  { value: 'recognized', label: 'Được công nhận' },
  { value: 'not_recognized', label: 'Không được công nhận' },
] as const;

export const DATA_SHEET = 'Mô hình';
export const LISTS_SHEET = 'Danh mục';
export const HELP_SHEET = 'Hướng dẫn';

/** Headers compared without case, spaces or a trailing required mark. */
export const headerKey = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/\(\*\)|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** The header as the template writes it (required columns marked with *). */
export const headerText = (column: Column): string => (column.required ? `${column.header} (*)` : column.header);
