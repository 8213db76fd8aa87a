import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartPie, Check, Clock } from '@strapi/icons';

import { PERMISSIONS } from '../permissions';
import { PLUGIN_ID } from '../pluginId';

/** Homepage widgets (Strapi 5.13+): the reviewer's counts, the leadership's waiting models, the current period's funnel. */
export function registerWidgets(app: StrapiApp | { widgets?: StrapiApp['widgets'] }) {
  const widgets = (app as { widgets?: { register: (widgets: unknown[]) => void } }).widgets;
  if (!widgets) return;
  widgets.register([
    {
      icon: Check,
      title: { id: `${PLUGIN_ID}.widget.queue.title`, defaultMessage: 'Hồ sơ cần xét' },
      component: async () => (await import('./Widgets')).QueueWidget,
      pluginId: PLUGIN_ID,
      id: 'queue',
      permissions: PERMISSIONS.review,
    },
    {
      icon: Clock,
      title: { id: `${PLUGIN_ID}.widget.batch.title`, defaultMessage: 'Chờ quyết định công nhận' },
      component: async () => (await import('./Widgets')).BatchWidget,
      pluginId: PLUGIN_ID,
      id: 'batch',
      permissions: PERMISSIONS.batch,
    },
    {
      icon: ChartPie,
      title: { id: `${PLUGIN_ID}.widget.funnel.title`, defaultMessage: 'Kết quả xét duyệt năm nay' },
      component: async () => (await import('./Widgets')).FunnelWidget,
      pluginId: PLUGIN_ID,
      id: 'funnel',
      permissions: PERMISSIONS.statistics,
    },
  ]);
}
