/**
 * Messages shown to Vietnamese users (admin editors, unit officers) when the
 * server refuses a write. One catalogue, so wording stays consistent.
 */
export const messages = {
  referenceInUse: (label: string, models: number) =>
    `Không thể xóa ${label} này: ${models} mô hình đang sử dụng. Hãy chuyển các mô hình sang ${label} khác trước (đơn vị giải thể thì đặt ngày hết hiệu lực hoặc đơn vị kế thừa).`,
  publicImageOnly: (name: string) => `Ảnh đại diện và bộ sưu tập ảnh của mô hình được công khai nên chỉ nhận ảnh JPEG, PNG, WebP, GIF hoặc AVIF ("${name}" không phải).`,
  individualNeedsPerson: 'Mô hình cá nhân phải có họ tên người thực hiện.',
  replicatedNeedsSource: 'Mô hình nhân rộng phải chọn mô hình gốc được nhân rộng, hoặc ghi tên và đơn vị của mô hình gốc ngoài hệ thống.',
  replicatedOneSource: 'Mô hình nhân rộng chỉ có một mô hình gốc: chọn mô hình trong hệ thống hoặc ghi mô hình ngoài hệ thống, không cả hai.',
  externalSourceNeedsUnit: 'Mô hình gốc ngoài hệ thống phải ghi cả tên mô hình và tên đơn vị.',
  continuedFromSelf: 'Mô hình duy trì không thể tiếp nối chính nó.',
  continuedFromLater: 'Mô hình duy trì chỉ tiếp nối một mô hình của năm trước đó.',
  continuingOnly: 'Chỉ mô hình duy trì mới ghi mô hình năm trước được tiếp nối; chọn hình thức "Duy trì" hoặc bỏ liên kết.',
  newHasNoSource: 'Chỉ mô hình nhân rộng mới có mô hình gốc; chọn hình thức "Nhân rộng" hoặc bỏ mô hình gốc.',
  replicatedFromSelf: 'Mô hình không thể nhân rộng từ chính nó.',
  replicatedFromNotRecognized: 'Mô hình gốc được nhân rộng phải là mô hình đã được công nhận.',
  ownerUnitRequired: 'Phải chọn đơn vị chủ trì mô hình.',
  periodRequired: 'Phải chọn đợt thi đua (năm) của mô hình.',
  ownerUnitNotValidInYear: (unit: string, year: number) =>
    `Đơn vị "${unit}" không còn hoạt động (hoặc chưa thành lập) trong năm ${year}.`,
  periodWindowsOrder: 'Thời gian phải theo thứ tự: bắt đầu đăng ký ≤ kết thúc đăng ký ≤ hạn xét duyệt.',
  periodOneCriteriaSetPerSubject: 'Mỗi đợt chỉ áp dụng một bộ tiêu chí cho mỗi loại đối tượng (tập thể, cá nhân).',
  periodChainDuplicateLevel: 'Chuỗi xét duyệt không được lặp lại một cấp.',
  periodChainEmptyStep: 'Mỗi bước của chuỗi xét duyệt phải chọn một loại đơn vị.',
  unitOwnAncestor: 'Đơn vị không thể là cấp trên của chính nó (vòng lặp trong cây đơn vị).',
  unitOwnSuccessor: 'Đơn vị không thể sáp nhập vào chính nó hoặc vào đơn vị đã sáp nhập vào nó.',
  unitValidityOrder: 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.',
  criteriaCodeDuplicate: (code: string) => `Mã tiêu chí "${code}" bị trùng trong bộ tiêu chí.`,
  slugLockedAfterPublish: 'Không thể đổi đường dẫn (slug) của tin bài đã xuất bản.',
  viewCountReadOnly: 'Lượt đọc do hệ thống tự đếm, không sửa được.',
  // Login and password-reset limits (src/middlewares/login-guard.ts); `wait` is e.g. "15 phút".
  loginLimitedAccount: (wait: string) =>
    `Tài khoản này đã đăng nhập sai quá nhiều lần nên tạm thời bị khoá. Vui lòng thử lại sau ${wait}.`,
  loginLimitedAddress: (wait: string) =>
    `Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn. Vui lòng thử lại sau ${wait}.`,
  authRequestsLimited: (wait: string) => `Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ${wait}.`,
  // Readers' comments on the public API (src/api/portal/lib/comment-rules.ts); Vietnamese, then English for the sites' developers.
  commentNameRequired: 'Vui lòng nhập họ tên (ít nhất 2 ký tự) / Name is required',
  commentNameTooLong: 'Họ tên dài tối đa 80 ký tự / Name is too long',
  commentEmailInvalid: 'Địa chỉ email không hợp lệ / Invalid email address',
  commentTextRequired: 'Vui lòng nhập nội dung bình luận (ít nhất 2 ký tự) / Comment text is required',
  commentTextTooLong: (max: number) => `Bình luận dài tối đa ${max} ký tự / Comment is longer than ${max} characters`,
  commentReplyToInvalid: 'Bình luận được trả lời không hợp lệ / Invalid replyTo',
  commentReplyToUnknown: 'Bình luận được trả lời không tồn tại hoặc chưa được duyệt / The comment answered does not exist',
  commentTokenMissing: 'Thiếu mã biểu mẫu, vui lòng tải lại trang / Form token missing, reload the page',
  commentTokenInvalid: 'Mã biểu mẫu không hợp lệ, vui lòng tải lại trang / Invalid form token, reload the page',
  commentTokenExpired: 'Biểu mẫu đã quá hạn, vui lòng tải lại trang rồi gửi lại / Form expired, reload the page',
  commentTooFast: (seconds: number) => `Bạn gửi quá nhanh, vui lòng đợi ${seconds} giây rồi gửi lại / Sent too fast, wait ${seconds} s`,
  commentHoneypot: 'Bình luận không được chấp nhận / Comment refused',
  commentTooManyLinks: (max: number) => `Bình luận chỉ được chứa tối đa ${max} đường dẫn / At most ${max} links per comment`,
  commentLinkInName: 'Họ tên không được chứa đường dẫn / No links in the name',
  commentBlockedWords: 'Bình luận chứa từ ngữ không được phép, vui lòng sửa lại / The comment contains words that are not allowed',
  commentsClosed: 'Bài viết này đã đóng bình luận / Comments are closed for this article',
  commentLimitedAddress: (wait: string) => `Bạn đã gửi nhiều bình luận liên tiếp, vui lòng thử lại sau ${wait} / Too many comments from your address`,
  commentLimitedArticle: (wait: string) => `Bài viết đang nhận quá nhiều bình luận, vui lòng thử lại sau ${wait} / Too many comments on this article`,
  commentAccepted: 'Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt. / Thank you: your comment awaits moderation.',
} as const;
