/** Tables of database/migrations/2026.12.02T00.00.05.notifications.ts (the plugin cannot import the app's migrations). */
export const INBOX_TABLE = 'dvk_notifications';
export const OUTBOX_TABLE = 'dvk_notification_outbox';
export const PREFERENCES_TABLE = 'dvk_notification_preferences';
