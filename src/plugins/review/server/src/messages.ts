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
  missingFields: (fields: string[]) => `Chưa đủ thông tin để đăng ký: ${fields.join(', ')}.`,
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
  auditAppendOnly: 'Nhật ký xét duyệt chỉ được ghi thêm, không được sửa hoặc xóa.',
} as const;

/** Vietnamese names of states and actions, for messages. */
export const STATE_LABELS: Record<string, string> = {
  draft: 'Nháp',
  submitted: 'Đã đăng ký',
  under_review: 'Đang xét duyệt',
  returned: 'Trả lại bổ sung',
  recognized: 'Đã công nhận',
  not_recognized: 'Không công nhận',
  proposed: 'Đề nghị cấp trên',
  withdrawn: 'Đã rút',
};

export const ACTION_LABELS: Record<string, string> = {
  submit: 'Đăng ký',
  withdraw: 'Rút đăng ký',
  start_review: 'Bắt đầu xét duyệt',
  recognize: 'Công nhận',
  return: 'Trả lại bổ sung',
  decline: 'Không công nhận',
  propose: 'Đề nghị cấp trên',
};
