import type { StrapiApp } from '@strapi/strapi/admin';

import vi from './translations/vi.json';

export default {
  config: {
    locales: ['vi'],
    translations: {
      vi,
    },
  },
  bootstrap(_app: StrapiApp) {},
};
