/** Vietnamese names of a model's fields, as the admin labels them (src/admin/translations/vi.json). */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Tên mô hình',
  summary: 'Tóm tắt',
  field: 'Lĩnh vực',
  ownerUnit: 'Đơn vị chủ trì',
  period: 'Đợt thi đua',
  personName: 'Họ và tên cá nhân',
};

/** Messages the review plugin shows to Vietnamese users. */
export const messages = {
  notFound: 'Không tìm thấy mô hình (hoặc mô hình không thuộc phạm vi của bạn).',
  staleVersion: 'Mô hình đã được người khác cập nhật. Vui lòng tải lại rồi thao tác lại.',
  notAllowed: (action: string, state: string) => `Không thể thực hiện "${action}" khi mô hình đang ở trạng thái "${state}".`,
  reasonRequired: 'Phải nêu lý do khi trả lại hoặc không công nhận mô hình.',
  unmetCriteria: (codes: string[]) => `Chưa đạt các tiêu chí bắt buộc: ${codes.join(', ')}.`,
  conflictOfInterest: 'Không được quyết định đối với mô hình của chính đơn vị mình.',
  notReviewer: 'Tài khoản chưa được gán đơn vị xét duyệt (hoặc đơn vị không có chức năng xét duyệt).',
  reviewerUnitDissolved: 'Đơn vị xét duyệt của tài khoản đã giải thể hoặc sáp nhập.',
  notOfficer: 'Tài khoản chưa được gán đơn vị.',
  noReviewLevel: 'Không có cấp nào trong chuỗi xét duyệt của đợt này xét được mô hình của đơn vị này.',
  missingFields: (fields: string[]) => `Chưa đủ thông tin để đăng ký: ${fields.map((field) => FIELD_LABELS[field] ?? field).join(', ')}.`,
  registrationClosed: (until: string) => `Đợt thi đua đã hết hạn đăng ký (${until}).`,
  registrationNotOpen: (from: string) => `Đợt thi đua chưa mở đăng ký (từ ${from}).`,
  noCriteriaSet: 'Đợt thi đua chưa có bộ tiêu chí cho loại đối tượng này.',
  emptyChain: 'Đợt thi đua chưa có chuỗi xét duyệt.',
  topLevel: 'Mô hình đã được công nhận ở cấp cao nhất.',
  notAssessable: 'Chỉ đánh giá tiêu chí khi mô hình đang chờ hoặc đang được xét duyệt ở cấp của bạn.',
  unknownCriterion: (code: string) => `Không có tiêu chí "${code}" trong lượt xét duyệt này.`,
  reviewFieldsOwned: 'Trạng thái xét duyệt chỉ thay đổi qua quy trình xét duyệt.',
  frozen: 'Mô hình đang trong quy trình xét duyệt nên không sửa được; chỉ sửa khi còn nháp hoặc bị trả lại.',
  batchItemsFailed: 'Không thể công nhận theo lô: có mô hình không đáp ứng điều kiện. Không mô hình nào được công nhận.',
  batchNotTopLevel: 'Quyết định theo lô chỉ dành cho cấp xét duyệt cao nhất.',
  noEvidenceFiles: 'Chưa chọn tệp minh chứng (trường "files").',
  evidenceType: (file: string, allowed: string) => `Tệp "${file}" không thuộc loại được phép làm minh chứng (kiểm tra theo nội dung tệp). Chỉ nhận: ${allowed}.`,
  evidenceTooLarge: (file: string, label: string, mb: number) => `Tệp "${file}" quá lớn: tệp ${label} tối đa ${mb} MB.`,
  evidenceTooMany: (max: number) => `Mỗi mô hình có tối đa ${max} tệp minh chứng.`,
  evidenceNotFound: 'Không tìm thấy tệp minh chứng.',
  evidenceForbidden: 'Bạn không có quyền xem minh chứng của mô hình này.',
  actionNotAllowed: (action: string) => `Thao tác "${action}" không được phép với mô hình; trạng thái xét duyệt chỉ thay đổi qua quy trình xét duyệt.`,
  decisionImmutable: 'Quyết định công nhận đã ban hành không được sửa hoặc xóa; dùng chức năng đính chính quyết định (có ghi nhật ký).',
  assessmentThroughReview: 'Kết quả đánh giá tiêu chí chỉ được ghi qua màn hình xét duyệt.',
  decisionNotFound: 'Không tìm thấy quyết định công nhận.',
  amendmentEmpty: 'Đính chính phải thay đổi ít nhất một thông tin của quyết định.',
  amendmentNumberTaken: (number: string) => `Số quyết định "${number}" đã được dùng cho quyết định khác.`,
  auditAppendOnly: 'Nhật ký xét duyệt chỉ được ghi thêm, không được sửa hoặc xóa.',
} as const;

/** Vietnamese names of states and actions, from the workflow both sides share. */
export { ACTION_LABELS, STATE_LABELS } from '../../shared/workflow';
