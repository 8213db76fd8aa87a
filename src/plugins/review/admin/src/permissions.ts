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
  /** Dead letters of the notification outbox (useRBAC: canManageNotifications). */
  notifications: [action('manage-notifications')],
};
