export const PLUGIN_ID = 'review';
