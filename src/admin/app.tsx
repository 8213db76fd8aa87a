import type * as React from 'react';

import type { StrapiApp } from '@strapi/strapi/admin';
import { Feather } from '@strapi/icons';

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
  register(app: StrapiApp) {
    // The article body's visual editor (server side: src/index.ts registers the same field).
    app.customFields.register({
      name: 'rich-html',
      type: 'richtext',
      intlLabel: { id: 'rich-html.label', defaultMessage: 'Rich text (HTML)' },
      intlDescription: { id: 'rich-html.description', defaultMessage: 'Visual editor' },
      icon: Feather,
      components: {
        // Strapi passes the field's props (name, label, hint, ...) to the input.
        Input: async () => import('./rich-html/RichHtmlInput') as unknown as Promise<{ default: React.ComponentType }>,
      },
    });
  },
  bootstrap(_app: StrapiApp) {
    // Vietnamese on first visit; a language the user picked later (profile page) is kept.
    // Runs before the admin reads the stored language to render.
    if (!localStorage.getItem(LANGUAGE_STORAGE_KEY)) localStorage.setItem(LANGUAGE_STORAGE_KEY, 'vi');
  },
};
