/**
 * Readers' comments of the demo (invented names and addresses): approved
 * ones with an answer of the editors, and some waiting in the moderation
 * page "Bình luận", so both the demo page and the admin show the feature.
 */
export type CommentSeed = {
  /** The article (its `ref` in news.ts). */
  article: string;
  name: string;
  email?: string;
  text: string;
  status: 'pending' | 'approved' | 'rejected' | 'spam';
  /** An editors' reply to the comment of this text on the same article. */
  replyTo?: string;
  byEditor?: boolean;
};

export const COMMENTS: CommentSeed[] = [
  {
    article: 'a02',
    name: 'Nguyễn Văn Thành',
    email: 'thanh.nguyen@example.vn',
    text: 'Bà con Tân Lập thật đáng khen. Xã tôi cũng đang vận động mở đường liên thôn, mong được học hỏi cách làm.',
    status: 'approved',
  },
  {
    article: 'a02',
    name: 'Ban biên tập',
    text: 'Cảm ơn bạn. Cách làm của xã Tân Lập được giới thiệu trong mục Mô hình "Dân vận khéo" của cổng thông tin.',
    status: 'approved',
    byEditor: true,
    replyTo: 'Bà con Tân Lập thật đáng khen. Xã tôi cũng đang vận động mở đường liên thôn, mong được học hỏi cách làm.',
  },
  {
    article: 'a02',
    name: 'Trần Thị Hoa',
    email: 'hoa.tran@example.vn',
    text: 'Con đường mới giúp các cháu đi học thuận tiện hơn nhiều, cảm ơn các hộ đã hiến đất.',
    status: 'approved',
  },
  {
    article: 'a03',
    name: 'Lê Minh Tuấn',
    email: 'tuan.le@example.vn',
    text: 'Xin hỏi hướng dẫn mới có áp dụng cho mô hình cá nhân đăng ký trong năm nay không?',
    status: 'pending',
  },
  {
    article: 'a03',
    name: 'Phạm Quốc Bảo',
    email: 'bao.pham@example.vn',
    text: 'Đề nghị đăng kèm mẫu phiếu đánh giá tiêu chí để các xã tiện tham khảo.',
    status: 'pending',
  },
];
