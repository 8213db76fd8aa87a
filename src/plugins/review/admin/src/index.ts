import { ChartPie, Message } from '@strapi/icons';
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

    // Editors moderate readers' comments; reviewers do not see this link.
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-comments`,
      icon: Message,
      intlLabel: {
        id: getTranslation('comments.menu'),
        defaultMessage: 'Bình luận',
      },
      Component: () => import('./pages/CommentsApp'),
      permissions: PERMISSIONS.moderateComments,
    });

    // The movement's statistics: whoever may read them (the leadership, reviewers, or an admin given the permission).
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/statistics`,
      icon: ChartPie,
      intlLabel: {
        id: getTranslation('statistics.menu'),
        defaultMessage: 'Thống kê phong trào',
      },
      Component: () => import('./pages/StatisticsApp'),
      permissions: PERMISSIONS.statistics,
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
