/**
 * Kinds of notifications and their Vietnamese names, shared by the server
 * (templates, preferences) and the two inboxes (admin plugin, officers' app).
 * No Strapi, no I/O.
 */

export const NOTIFICATION_KINDS = [
  /** A unit registered a model (or resubmitted a returned one): the reviewers of its level. */
  'registered',
  /** A model was proposed to a level: that level's reviewers. */
  'proposal_received',
  /** To the owner unit's officers: */
  'returned',
  'not_recognized',
  'recognized',
  'proposed',
  /** A batch decision: the owners of its models and the leadership. */
  'batch_decision',
  /** Reminders (cron): registration closes soon → units with drafts; models waiting too long → reviewers. */
  'deadline_reminder',
  'waiting_reminder',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const isNotificationKind = (value: unknown): value is NotificationKind =>
  typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  registered: 'Mô hình mới đăng ký chờ xét duyệt',
  proposal_received: 'Mô hình được đề nghị lên cấp của tôi',
  returned: 'Mô hình bị trả lại để bổ sung',
  not_recognized: 'Mô hình không được công nhận',
  recognized: 'Mô hình được công nhận',
  proposed: 'Mô hình được đề nghị lên cấp trên',
  batch_decision: 'Quyết định công nhận theo lô',
  deadline_reminder: 'Nhắc hạn đăng ký sắp kết thúc',
  waiting_reminder: 'Nhắc mô hình chờ xét quá hạn',
};

/** Which kinds each audience can receive (the preferences page lists only these). */
export const KINDS_FOR: Record<'admin' | 'officer', readonly NotificationKind[]> = {
  admin: ['registered', 'proposal_received', 'batch_decision', 'waiting_reminder'],
  officer: ['returned', 'not_recognized', 'recognized', 'proposed', 'batch_decision', 'deadline_reminder'],
};

export const EMAIL_MODES = ['instant', 'digest'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const EMAIL_MODE_LABELS: Record<EmailMode, string> = {
  instant: 'Gửi email ngay khi có thông báo',
  digest: 'Gộp thành một email tổng hợp mỗi ngày',
};

export type NotificationItem = {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  initiativeDocumentId: string | null;
  createdAt: string;
  readAt: string | null;
};

export type InboxPage = {
  results: NotificationItem[];
  unread: number;
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
};

export type Preferences = { mutedKinds: NotificationKind[]; emailMode: EmailMode; kinds: NotificationKind[] };
