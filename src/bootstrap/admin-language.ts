import type { Core } from '@strapi/strapi';

/** New admin users see the admin panel in Vietnamese unless they choose otherwise. */
export function defaultAdminLanguage(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: ['admin::user'],
    beforeCreate(event) {
      const data = event.params.data as { preferedLanguage?: string | null };
      data.preferedLanguage ??= 'vi';
    },
  });
}
