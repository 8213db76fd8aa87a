import type { StrapiApp } from '@strapi/strapi/admin';

import { ReviewPanel } from './components/EditViewPanel';
import { Initializer } from './components/Initializer';
import { PluginIcon } from './components/PluginIcon';
import { stateColumnHook } from './components/StateColumn';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { registerWidgets } from './widgets';

type ContentManagerApis = { addEditViewSidePanel?: (panels: unknown[]) => void };

const plugin: StrapiApp['appPlugins'][string] = {
  register(app) {
    // Reviewers, the leadership and the recording staff see the workspace; editors do not.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: {
        id: getTranslation('plugin.name'),
        defaultMessage: 'Xét duyệt mô hình',
      },
      Component: () => import('./pages/App'),
      permissions: PERMISSIONS.menu,
    });

    app.registerPlugin({
      id: PLUGIN_ID,
      initializer: Initializer,
      isReady: false,
      name: PLUGIN_ID,
    });

    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', stateColumnHook);
    const apis = app.getPlugin('content-manager').apis as ContentManagerApis;
    apis.addEditViewSidePanel?.([ReviewPanel]);
    registerWidgets(app);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as {
            default: Record<string, string>;
          };
          const prefixed: Record<string, string> = {};
          for (const [key, value] of Object.entries(data)) {
            prefixed[getTranslation(key)] = value;
          }
          return { data: prefixed, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default plugin;
