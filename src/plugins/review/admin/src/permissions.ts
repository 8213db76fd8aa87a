/**
 * The admin permissions each part of the review workspace needs (registered by the plugin's server).
 * useRBAC names each check after the action's last part: canReview, canAssess, canDecide, canReadStatistics, canDecideBatch.
 */
const action = (uid: string) => ({ action: `plugin::review.${uid}`, subject: null });

export const PERMISSIONS = {
  /** The menu link and the queue: reviewers and the leadership. */
  review: [action('review')],
  assess: [action('assess')],
  decide: [action('decide')],
  statistics: [action('read-statistics')],
  /** The batch decision page: the leadership. */
  batch: [action('decide-batch')],
  /** The "Bình luận" page: editors. */
  moderateComments: [action('moderate-comments')],
  /** Registrations on the units' behalf: the import page. */
  record: [action('record')],
  /** The year-end report draft. */
  report: [action('create-report')],
  /** The menu link: anyone with one of the workspace's pages. */
  menu: [action('review'), action('record'), action('create-report')],
  /** Dead letters of the notification outbox (useRBAC: canManageNotifications). */
  notifications: [action('manage-notifications')],
};
