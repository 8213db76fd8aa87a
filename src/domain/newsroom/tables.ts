/** Views of each article per Vietnamese calendar day (database/migrations/…article-views-daily.ts). */
export const VIEWS_DAILY_TABLE = 'dvk_article_views_daily';
