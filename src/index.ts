import type { Core } from '@strapi/strapi';

import { ensureDemoAdmin } from './bootstrap/demo-admin';

export default {
  register(/* { strapi }: { strapi: Core.Strapi } */) {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureDemoAdmin(strapi);
  },
};
