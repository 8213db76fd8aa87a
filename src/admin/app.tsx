import type { StrapiApp } from '@strapi/strapi/admin';

import vi from './translations/vi.json';

/** Where the admin remembers the interface language (see @strapi/admin's reducer). */
const LANGUAGE_STORAGE_KEY = 'strapi-admin-language';

export default {
  config: {
    locales: ['vi'],
    translations: {
      vi,
    },
  },
  bootstrap(_app: StrapiApp) {
    // Vietnamese on first visit; a language the user picked later (profile page) is kept.
    // Runs before the admin reads the stored language to render.
    if (!localStorage.getItem(LANGUAGE_STORAGE_KEY)) localStorage.setItem(LANGUAGE_STORAGE_KEY, 'vi');
  },
};
