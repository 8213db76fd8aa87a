import type * as React from 'react';

import type { StrapiApp } from '@strapi/strapi/admin';
import { Clock, Eye, Feather, Pencil } from '@strapi/icons';

import vi from './translations/vi.json';

/** Where the admin remembers the interface language (see @strapi/admin's reducer). */
const LANGUAGE_STORAGE_KEY = 'strapi-admin-language';
/** Where the admin keeps the guided tour's state (see @strapi/admin's GuidedTour context). */
const GUIDED_TOUR_STORAGE_KEY = 'STRAPI_GUIDED_TOUR';
/** The upsell widget Strapi adds when its cloud plugin is installed. */
const CLOUD_WIDGET = { pluginId: 'admin', id: 'deploy-now' };

type WidgetEntry = { id: string; pluginId?: string };
const READ_ARTICLES = [{ action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }];

export default {
  config: {
    locales: ['vi'],
    translations: {
      vi,
    },
    // A quiet admin: no guided tour, no Strapi release notices.
    tutorials: false,
    notifications: { releases: false },
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
    // The newsroom's widgets first on the homepage (then the review's and Strapi's own), and no cloud upsell.
    const newsroom = [
      {
        icon: Pencil,
        title: { id: 'newsroom.drafts.title', defaultMessage: 'My recent drafts' },
        component: async () => (await import('./newsroom/Widgets')).DraftsWidget,
        id: 'newsroom-drafts',
        permissions: READ_ARTICLES,
      },
      {
        icon: Clock,
        title: { id: 'newsroom.scheduled.title', defaultMessage: 'Scheduled articles' },
        component: async () => (await import('./newsroom/Widgets')).ScheduledWidget,
        id: 'newsroom-scheduled',
        permissions: READ_ARTICLES,
      },
      {
        icon: Eye,
        title: { id: 'newsroom.most-read.title', defaultMessage: 'Most read this week' },
        component: async () => (await import('./newsroom/Widgets')).MostReadWidget,
        id: 'newsroom-most-read',
        permissions: READ_ARTICLES,
      },
    ];
    app.widgets.register(((widgets: WidgetEntry[]) => [
      ...newsroom,
      ...widgets.filter((widget) => !(widget.pluginId === CLOUD_WIDGET.pluginId && widget.id === CLOUD_WIDGET.id)),
    ]) as never);
  },
  bootstrap(_app: StrapiApp) {
    // Vietnamese on first visit; a language the user picked later (profile page) is kept.
    // Runs before the admin reads the stored language to render.
    if (!localStorage.getItem(LANGUAGE_STORAGE_KEY)) localStorage.setItem(LANGUAGE_STORAGE_KEY, 'vi');
    // No guided tour, whoever logs in on this browser.
    let tour: Record<string, unknown> = {};
    try {
      tour = JSON.parse(localStorage.getItem(GUIDED_TOUR_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    } catch {
      tour = {};
    }
    if (tour.enabled !== false || tour.hidden !== true) {
      localStorage.setItem(GUIDED_TOUR_STORAGE_KEY, JSON.stringify({ ...tour, enabled: false, hidden: true, completedActions: tour.completedActions ?? [] }));
    }
  },
};
