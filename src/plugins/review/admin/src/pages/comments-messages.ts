/**
 * Texts of the comment moderation page ("Bình luận"). The Vietnamese here is
 * the default; translations/vi.json and en.json hold the same keys
 * (tests/unit/admin-translations.test.ts checks they match).
 */
import { getTranslation } from '../utils/getTranslation';

const VI = {
  'comments.menu': 'Bình luận',
  'comments.title': 'Bình luận của bạn đọc',
  'comments.subtitle': 'Bình luận chỉ hiển thị trên trang tin sau khi được duyệt. Email của bạn đọc không bao giờ được công khai.',
  'comments.search.label': 'Tìm theo họ tên, email hoặc nội dung',
  'comments.search.button': 'Tìm',
  'comments.article.label': 'Tin bài',
  'comments.article.all': 'Tất cả tin bài',
  'comments.article.closed': 'Đã đóng bình luận',
  'comments.article.open': 'Đang nhận bình luận',
  'comments.article.closeToggle': 'Nhận bình luận mới cho tin bài này',
  'comments.article.closedDone': 'Đã đóng bình luận của tin bài.',
  'comments.article.openedDone': 'Đã mở lại bình luận của tin bài.',
  'comments.tabs.label': 'Trạng thái bình luận',
  'comments.column.select': 'Chọn bình luận của {name}',
  'comments.column.selectAll': 'Chọn tất cả bình luận đang hiển thị',
  'comments.column.author': 'Người gửi',
  'comments.column.text': 'Nội dung',
  'comments.column.article': 'Tin bài',
  'comments.column.date': 'Thời gian',
  'comments.column.actions': 'Thao tác',
  'comments.replyTo': 'Trả lời {name}:',
  'comments.editorReply': 'Ban biên tập đã trả lời:',
  'comments.editorBadge': 'Câu trả lời',
  'comments.empty': 'Không có bình luận nào ở mục “{status}”.',
  'comments.selected': 'Đã chọn {count} bình luận',
  'comments.action.approve': 'Duyệt',
  'comments.action.reject': 'Từ chối',
  'comments.action.spam': 'Đánh dấu spam',
  'comments.action.pending': 'Chuyển về chờ duyệt',
  'comments.action.delete': 'Xóa',
  'comments.action.reply': 'Trả lời',
  'comments.done.approve': 'Đã duyệt {count} bình luận.',
  'comments.done.reject': 'Đã từ chối {count} bình luận.',
  'comments.done.spam': 'Đã đánh dấu spam {count} bình luận.',
  'comments.done.pending': 'Đã chuyển {count} bình luận về chờ duyệt.',
  'comments.done.delete': 'Đã xóa {count} bình luận.',
  'comments.delete.title': 'Xóa bình luận',
  'comments.delete.body': 'Xóa hẳn {count} bình luận đã chọn (cùng các câu trả lời bên dưới)? Không thể hoàn tác.',
  'comments.cancel': 'Hủy',
  'comments.reply.title': 'Ban biên tập trả lời',
  'comments.reply.label': 'Nội dung trả lời',
  'comments.reply.hint': 'Câu trả lời hiển thị ngay dưới bình luận với tên “Ban biên tập”. Bình luận đang chờ sẽ được duyệt cùng lúc.',
  'comments.reply.send': 'Gửi trả lời',
  'comments.reply.done': 'Đã đăng câu trả lời của ban biên tập.',
  'comments.reply.empty': 'Vui lòng nhập nội dung trả lời.',
  'comments.unpublished': '(chưa xuất bản)',
  'comments.status.pending': 'Chờ duyệt',
  'comments.status.approved': 'Đã duyệt',
  'comments.status.rejected': 'Từ chối',
  'comments.status.spam': 'Spam',
} as const;

export type CommentMessageKey = keyof typeof VI;

export const COMMENT_MESSAGES_VI: Record<CommentMessageKey, string> = VI;

/** A react-intl descriptor: the plugin's key, Vietnamese as the default. */
export const msg = (key: CommentMessageKey) => ({ id: getTranslation(key), defaultMessage: VI[key] });
