/**
 * Readers' comments, as the public API, the moderation endpoints and the
 * admin page share them: the moderation states and their labels, the name
 * editors' replies are signed with, and how a text is cleaned and shown.
 */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_STATUS_LABELS: Record<CommentStatus, string> = {
  pending: 'Chờ duyệt',
  approved: 'Đã duyệt',
  rejected: 'Từ chối',
  spam: 'Spam',
};

/** What a moderator does to selected comments. */
export const MODERATION_ACTIONS = ['approve', 'reject', 'spam', 'pending', 'delete'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The state each action (but delete) leaves a comment in. */
export const STATUS_AFTER: Record<Exclude<ModerationAction, 'delete'>, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  pending: 'pending',
};

/** Editors answer readers under this name. */
export const EDITOR_NAME = 'Ban biên tập';

/** Line breaks kept (at most one blank line in a row); other control and direction characters, and surrounding blanks, removed. */
export function cleanText(input: string): string {
  return (
    input
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char]);

/** Plain text as HTML that is safe to insert: every character escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
